"""An official gcc image of 13 or later built on bookworm (gcc:13, gcc:14) has a newer libstdc++ than
bookworm's (GCC 12's): a C++ program built there with make needs GLIBCXX_3.4.32 (<iostream>), which the slim
runtime lacks. Left alone, with that reason, unless the tool links the program statically."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

MAKE = "FROM gcc:{tag}\nWORKDIR /app\nCOPY . .\nRUN make\nCMD [\"./app\"]\n"


@pytest.mark.parametrize("tag", ["13", "14.2.0", "13-bookworm", "15-bookworm"])
def test_a_make_build_on_a_newer_gcc_than_the_runtime_s_is_left_alone(tag: str) -> None:
    result = refactor(MAKE.format(tag=tag))
    assert not result.changed
    assert "whose libstdc++ (in /usr/local/lib64) is newer than the one of debian:bookworm-slim" in (
        result.skipped or ""), result.skipped


@pytest.mark.parametrize("tag", ["12", "latest"])  # bookworm's own GCC; gcc:latest runs on trixie
def test_a_matching_release_is_rewritten(tag: str) -> None:
    assert refactor(MAKE.format(tag=tag)).changed


def test_a_program_linked_statically_needs_no_libstdcxx_of_the_runtime(tmp_path: Path) -> None:
    (tmp_path / "main.cpp").write_text("#include <iostream>\nint main() { std::cout << 1; }\n")
    text = "FROM gcc:13\nWORKDIR /app\nCOPY main.cpp .\nRUN g++ -o app main.cpp\nCMD [\"./app\"]\n"
    result = refactor(text, read_context=context_reader(tmp_path))
    assert result.changed, result.skipped
    assert "FROM scratch AS runner" in result.text
