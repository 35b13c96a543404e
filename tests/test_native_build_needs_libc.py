"""A program make (or a configure script, or a compiler) builds is linked against the C library unless its build
says otherwise, which the tool does not read: on the golang image, whose cgo is on, a Makefile's `go build` of a
program that uses cgo (or the net package) makes a binary that needs libc (dev file 12068149, batten's `make all`).
The runtime used to be distroless static, where such a binary does not start; it is now a slim Debian image."""

from __future__ import annotations

from transformer import refactor

MAKE = 'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN make all\nCMD ["/src/bin/app"]\n'


def _runtime(text: str) -> str:
    return text.partition(" AS runner")[0].rsplit("FROM", 1)[1]


def test_make_on_the_golang_image_gets_a_runtime_with_the_c_library() -> None:
    result = refactor(MAKE)
    assert result.changed, result.skipped
    runtime = _runtime(result.text)
    assert "static" not in runtime and "scratch" not in runtime, result.text
    assert "debian" in runtime


def test_a_compiler_on_the_golang_image_too() -> None:
    result = refactor(MAKE.replace("make all", "gcc -o /src/bin/app main.c"))
    assert result.changed, result.skipped
    assert "static" not in _runtime(result.text), result.text


def test_go_build_alone_stays_static() -> None:
    result = refactor(MAKE.replace("make all", "go build -o /src/bin/app ."))
    assert "FROM gcr.io/distroless/static" in result.text
