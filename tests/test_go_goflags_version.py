"""GOFLAGS (read by Go 1.11 and later) is set for a smaller binary only where the Go reads it: on golang:1.8 it
would change nothing while the rewrite's note says the symbol table is left out (dev 27861eae, 19bb427b)."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor

MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'


def _rewrite(image: str) -> str:
    text = f'FROM {image}\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n'
    result = refactor(text, read_context=context_of({"main.go": MAIN, "go.mod": "module m\n"}))
    assert result.changed, result.skipped
    return result.text


@pytest.mark.parametrize("image", ["golang:1.8", "golang:1.10-alpine", "golang:1.6.2"])
def test_a_go_before_1_11_gets_no_goflags(image: str) -> None:
    text = _rewrite(image)
    assert "GOFLAGS" not in text and "CGO_ENABLED=0" in text


@pytest.mark.parametrize("image", ["golang:1.11", "golang:1.19", "golang:latest", "golang"])
def test_a_go_that_reads_goflags_gets_it(image: str) -> None:
    assert "GOFLAGS=-ldflags=-s" in _rewrite(image)


def test_sources_the_context_does_not_give_are_assumed_without_cgo() -> None:
    """dev 0f6e941b: without the build context CGO_ENABLED=0 is a guess, which the notes now say (as pip's unseen
    requirements are)."""
    text = 'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n'
    result = refactor(text)
    assert result.changed and "CGO_ENABLED=0" in result.text, result.skipped
    assert any(c.message.startswith("assumed: the Go sources, which the build context does not give, do not use cgo")
               for c in result.changes), [c.message for c in result.changes]
    read = refactor(text, read_context=context_of({"main.go": MAIN, "go.mod": "module m\n"}))
    assert not any(c.message.startswith("assumed: the Go sources") for c in read.changes)


# Go installed from its release archive on a distribution image: the archive's name gives the version (read25
# 2e490832: go1.2 on ubuntu:12.04, whose note said the symbol table was left out by a GOFLAGS Go 1.2 ignores)
@pytest.mark.parametrize(("version", "flags"), [("1.4.2", False), ("1.2", False), ("1.11.13", True), ("1.21.5", True)])
def test_go_from_its_release_archive_gets_goflags_by_its_version(version: str, flags: bool) -> None:
    text = (f"FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl ca-certificates\n"
            f"RUN curl -s https://storage.googleapis.com/golang/go{version}.linux-amd64.tar.gz"
            " | tar -C /usr/local -xz\nENV PATH=$PATH:/usr/local/go/bin\nWORKDIR /src\nCOPY . .\n"
            "RUN go build -o /out/app .\nCMD [\"/out/app\"]\n")
    result = refactor(text, read_context=context_of({"main.go": MAIN, "go.mod": "module m\n"}))
    assert result.changed, result.skipped
    assert ("GOFLAGS=-ldflags=-s" in result.text) is flags
