"""GitPython on the full python image, on a real engine: the slim runtime installs git, which GitPython runs (its
import fails without it), and the app prints GitPython's and git's versions. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-native" / "gitpython"


def test_the_slim_runtime_has_the_git_gitpython_runs() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "install -y --no-install-recommends git &&" in runtime, runtime
    assert verified_default_output(APP, result.text).startswith("gitpython 3.1.43 git 2.")
