"""A Go program that imports "C", built on golang:1.19 by its Makefile (`make all`, as batten's dev file 12068149
does; make, which the zoo's golang image lacks, installed first), rewritten WITHOUT its build context, then built
and run on a real engine with it. The tool used to choose distroless static, which has no C library: the binary
did not start. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-make-cgo"


def test_a_make_build_on_the_golang_image_runs_on_its_runtime() -> None:
    result = refactor((APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    assert "cgo 42" in verified_default_output(APP, result.text)
