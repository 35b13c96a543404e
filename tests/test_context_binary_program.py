"""A program of the build context that the CMD runs is read as a shell script when it is one: rp18
RicardoValladares/hola commits its Go binary `main` beside main.go, builds `go build -o main main.go` over it, and
runs `./main`; the tool read the committed binary's bytes as shell text, found a command named build there, and left
the file alone ("the command runs build, a build script by its name"). A file with a NUL byte is a program, not a
script; and a file a build step makes at that path is not the context's."""

from __future__ import annotations

from pathlib import Path

from transformer import refactor
from transformer.fileio import context_reader

FILE = """FROM ubuntu:22.04
RUN apt-get update && apt-get install -y golang-go
WORKDIR /
COPY . .
RUN go build -o main main.go
CMD ["./main"]
"""
# an ELF program's bytes, with words a shell parser would take for commands
BINARY = b"\x7fELF\x02\x01\x01\x00\x00\x00\nbuild\x00go build -o\x00\nmake all\n"


def _context(tmp_path: Path, binary: bytes = BINARY) -> Path:
    (tmp_path / "main.go").write_text('package main\n\nfunc main() { println("hola") }\n')
    (tmp_path / "go.mod").write_text("module hola\n\ngo 1.19\n")
    (tmp_path / "main").write_bytes(binary)
    return tmp_path


def test_a_committed_binary_the_build_makes_again_is_not_read_as_a_script(tmp_path: Path) -> None:
    result = refactor(FILE, read_context=context_reader(str(_context(tmp_path))))
    assert result.changed, result.skipped
    assert "COPY --from=builder /main /main" in result.text


def test_a_committed_binary_is_no_script_either(tmp_path: Path) -> None:
    text = FILE.replace("RUN go build -o main main.go", "RUN go build -o server main.go")
    result = refactor(text, read_context=context_reader(str(_context(tmp_path))))
    assert result.changed, result.skipped  # the runtime copies the context's program with the rest


def test_a_script_of_the_context_is_still_read(tmp_path: Path) -> None:
    text = FILE.replace('CMD ["./main"]', 'CMD ["./start.sh"]')
    (_context(tmp_path) / "start.sh").write_text("#!/bin/sh\ngo build -o main main.go && ./main\n")
    result = refactor(text, read_context=context_reader(str(tmp_path)))
    assert not result.changed
    assert "start.sh" in (result.skipped or ""), result.skipped
