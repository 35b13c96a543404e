"""pip3 on Debian's Python, on a real engine: gunicorn 20 imports pkg_resources at start, which Debian's
python3-setuptools (brought by python3-pip) provides; pip put no setuptools under /usr/local. Without the
runtime's python3-setuptools, gunicorn stops with "No module named 'pkg_resources'" and serves nothing.
Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-system" / "gunicorn-setuptools"


def test_gunicorn_20_serves_from_the_slim_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "python3-setuptools" in runtime
    verified(APP, result.text, http=(8731, "/"))
