"""A Go program named after a toolchain (``go build -o /golang-demo``, borsik/golang-demo's pattern, which the tool
skipped as "the build installs a toolchain (/golang-demo)"), on a real engine: the runtime copies the program and
runs it as the original does. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

DOCKERFILE = ("FROM golang:1.19\nWORKDIR /app\nCOPY go.mod ./\nRUN go mod download\nCOPY . .\n"
              "RUN CGO_ENABLED=0 GOOS=linux go build -o /golang-demo\nEXPOSE 8080\nCMD [\"/golang-demo\"]\n")
MAIN = 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("app: golang-demo runs")\n}\n'


def test_a_program_named_golang_demo_runs_in_the_runtime(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "go.mod").write_text("module example.com/demo\n\ngo 1.19\n")
    (tmp_path / "main.go").write_text(MAIN)
    result = refactor(DOCKERFILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert "COPY --from=builder /golang-demo /golang-demo" in result.text, result.text
    assert "app: golang-demo runs" in verified_default_output(tmp_path, result.text)
