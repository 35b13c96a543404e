"""An official gcc image of 13 or later built on bookworm (gcc:13, gcc:14) has a newer libstdc++ than
bookworm's (GCC 12's): a C++ program built there with make needs GLIBCXX_3.4.32 (<iostream>), which the slim
runtime lacks. gcc:11 on bullseye (GCC 10's libstdc++) likewise: GCC 11's std::vector built without optimisation
calls std::__throw_bad_array_new_length (GLIBCXX_3.4.29: `g++` with no -O, or `cmake .. && make` with no build
type, as gcc:11 files in public repositories build). Left alone, with that reason, unless the tool links the program
statically."""

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


@pytest.mark.parametrize("tag", ["11", "11.2.0"])
def test_gcc_11_on_bullseye_is_left_alone(tag: str) -> None:
    result = refactor(MAKE.format(tag=tag))
    assert not result.changed
    assert "newer than the one of debian:bullseye-slim (GCC 10's)" in (result.skipped or ""), result.skipped
    assert "GLIBCXX_3.4.29" in (result.skipped or "")


# bookworm's own GCC; bullseye's own (gcc:9, on buster: test_image_headers, as make without its Makefile may link
# the image's -dev libraries, which buster's archived apt could not install)
@pytest.mark.parametrize("tag", ["12", "10"])
def test_a_matching_release_is_rewritten(tag: str) -> None:
    assert refactor(MAKE.format(tag=tag)).changed


def test_gcc_14_on_bookworm_names_the_symbol_gcc_14_brought() -> None:
    result = refactor(MAKE.format(tag="14"))
    assert "CXXABI_1.3.15" in (result.skipped or ""), result.skipped


# gcc:latest is the newest GCC (GCC 15 and on, on trixie, whose own is 14) and moves on with each: the numpy issue
# 32147 met a GCC 17 build needing GLIBCXX_3.4.36 of std::string; a tag with no version is left alone, named so
@pytest.mark.parametrize("text", [MAKE.format(tag="latest"), MAKE.replace("gcc:{tag}", "gcc"),
                                  MAKE.format(tag="trixie")])
def test_a_gcc_tag_with_no_version_is_left_alone(text: str) -> None:
    result = refactor(text)
    assert not result.changed
    assert "names no GCC version" in (result.skipped or ""), result.skipped
    assert "(GCC 14's)" in (result.skipped or "")


@pytest.mark.parametrize("tag", ["13", "11", "latest"])
def test_a_program_linked_statically_needs_no_libstdcxx_of_the_runtime(tmp_path: Path, tag: str) -> None:
    (tmp_path / "main.cpp").write_text("#include <iostream>\nint main() { std::cout << 1; }\n")
    text = f"FROM gcc:{tag}\nWORKDIR /app\nCOPY main.cpp .\nRUN g++ -o app main.cpp\nCMD [\"./app\"]\n"
    result = refactor(text, read_context=context_reader(tmp_path))
    assert result.changed, result.skipped
    assert "FROM scratch AS runner" in result.text
