"""pg-native on a real engine: the file installs libpq-dev, builds the addon with npm and purges libpq-dev, which
leaves libpq5 in the full image; node:18-slim has no libpq5, so the rewrite installs it (the addon is named by
package.json) and the addon loads in the runtime as it did in the original. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-pg-native"


def test_pg_native_loads_in_the_slim_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "libpq5" in runtime, result.text
    assert "pg-native loaded function" in verified_default_output(APP, result.text)
