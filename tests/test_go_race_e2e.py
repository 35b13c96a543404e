"""A Go program built with the race detector (`go build -race`, as jarnsida/X-Tech_TestCase builds its server),
on golang:1.19, on a real engine. -race needs cgo: the tool used to set CGO_ENABLED=0 for a program that imports no
"C", and the builder failed ("go: -race requires cgo; enable cgo by setting CGO_ENABLED=1"). Now cgo stays on and
the runtime has the C library the race runtime links. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-race"


def test_a_race_build_keeps_cgo_and_runs() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "CGO_ENABLED=0" not in builder and "distroless/static" not in runtime, result.text
    assert "race-checked total 10" in verified_default_output(APP, result.text)
