"""Pillow pinned to 9.1.1, which has no wheel for Python 3.11, on the full python:3.11-bookworm image, on a real engine:
pip builds it from source and links libjpeg (the image has its headers), so the slim runtime installs
libjpeg62-turbo and the app's JPEG round trip prints as in the original (without it, ``from PIL import Image``
fails: "libjpeg.so.62: cannot open shared object file"). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-native" / "pillow-no-wheel"


def test_a_source_built_pillow_imports_on_the_slim_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert " libjpeg62-turbo " in runtime
    assert verified_default_output(APP, result.text).strip() == "9.1.1 JPEG"
