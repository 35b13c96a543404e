"""A Go program that imports "C", built on golang:1.19 after `apt-get install pkg-config build-essential` (as
letsconsul's dev file 27861eae does), rewritten WITHOUT its build context (the tool cannot read the sources), then
built and run on a real engine with it. The tool used to set CGO_ENABLED=0: the rewrite did not build ("build
constraints exclude all Go files"). With a C toolchain installed before the build, cgo stays on and the runtime has
the C library. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-cgo-toolchain"


def test_a_go_build_after_a_c_toolchain_rewritten_without_context_keeps_cgo_and_runs() -> None:
    result = refactor((APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    builder = result.text.partition(" AS runner")[0]
    assert "CGO_ENABLED" not in builder, result.text
    assert "cgo 42" in verified_default_output(APP, result.text)
