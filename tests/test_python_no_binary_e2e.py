"""lxml built from source on the full python image (pip's --no-binary lxml), on a real engine: it links the image's
libxml2 and libxslt, which python:3.11-slim lacks. The runtime used to install nothing for it, as lxml's wheels
bundle their libraries, and `import lxml.etree` stopped with "libxslt.so.1: cannot open shared object file"; it
installs libxml2 and libxslt1.1, and the app runs an XSLT transform. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-native" / "lxml-no-binary"


def test_lxml_told_to_build_from_source_keeps_its_libraries() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "libxml2 libxslt1.1" in runtime, runtime
    assert verified_default_output(APP, result.text).strip() == 'lxml 5.3.0 <out>42</out>'
