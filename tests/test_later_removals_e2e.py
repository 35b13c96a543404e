"""Build packages purged in a later RUN, on a real engine: python:3.11-slim installs build-essential and
libpq-dev, builds psycopg2 from source, and purges them in the next RUN, whose layer cannot take back the one
before. The runtime, on the same image, never installs them, keeps libpq5 (the purge left it), and is smaller.
Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-later-purge"


def test_packages_purged_in_a_later_run_stay_in_the_builder() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "build-essential" not in runtime and "libpq-dev" not in runtime and "purge" not in runtime, runtime
    assert "libpq5" in runtime, runtime
    assert "app: psycopg2 2.9.9 libpq" in verified_default_output(APP, result.text)
