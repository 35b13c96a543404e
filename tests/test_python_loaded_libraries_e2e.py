"""LightGBM on the full python image, on a real engine: its wheel loads OpenMP's libgomp.so.1, which it does not
bundle; the full image has it (gcc's), python:3.11-slim has not. The slim runtime used to install nothing for it,
and `import lightgbm` stopped with "OSError: libgomp.so.1: cannot open shared object file" (seen on
tada-site/tada_sales_forecast); it installs libgomp1, and the app trains a model. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-native" / "lightgbm"


def test_the_slim_runtime_has_the_openmp_library_lightgbm_loads() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "install -y --no-install-recommends libgomp1 &&" in runtime, runtime
    assert verified_default_output(APP, result.text).strip() == "lightgbm 4.5.0 trained 2 trees"
