"""A pinned release with no wheel for the Python of a tag that leaves the minor version open (python:3-bookworm,
whose Python is 3.11 or newer; the zoo's is 3.11): pip builds Pillow 9.0.1 from source on the full image, linking
libjpeg; the rewrite's slim runtime installs the run-time libraries, and the program saves and reads a JPEG (rp17
jspada200/jvspad's rewrite failed with `ImportError: libjpeg.so.62`). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-floating-tag-source-build"


def test_the_source_built_pillow_loads_its_libraries_in_the_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "libjpeg62-turbo" in runtime, runtime
    report = verified(APP, result.text, timeout=600)
    outputs = [ms.output for orig, ms in report.smoke if orig.kind == "default"]
    assert outputs and "jpeg: True (64, 64)" in outputs[0], outputs
