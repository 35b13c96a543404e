"""A Go program the file builds under a build script's name (``go build -o /build``, then ``CMD /build``), on a
real engine: the runtime copies the program and runs it as the original does (xkcdstickfigure/sidebox-api's
pattern, which the tool skipped as a run-time build). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

DOCKERFILE = "FROM golang:1.19\nWORKDIR /app\nCOPY . .\nRUN go build -o /build\nCMD /build\n"
MAIN = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("app: built as /build")\n}\n'


def test_a_program_named_build_runs_in_the_runtime(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "go.mod").write_text("module example.com/app\n\ngo 1.19\n")
    (tmp_path / "main.go").write_text(MAIN)
    result = refactor(DOCKERFILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert "COPY --from=builder /build /build" in result.text, result.text
    assert "app: built as /build" in verified_default_output(tmp_path, result.text)
