"""simple-git on the full node image, on a real engine: the slim runtime installs the git simple-git runs, and
the app prints git's version through it. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-simple-git"


def test_the_slim_runtime_has_the_git_simple_git_runs() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "install -y --no-install-recommends git &&" in runtime, runtime
    assert verified_default_output(APP, result.text).startswith("git 2.")
