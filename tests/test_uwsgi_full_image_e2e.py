"""uWSGI built from source on the full python image, on a real engine: its build links libxml2 (the image has the
headers), so the slim runtime installs libxml2 and ``uwsgi --version`` runs there as in the original. Skipped
without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-native" / "uwsgi-full-image"


def test_uwsgi_runs_on_the_slim_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "--no-install-recommends libxml2 " in runtime
    assert verified_default_output(APP, result.text).strip() == "2.0.23"
