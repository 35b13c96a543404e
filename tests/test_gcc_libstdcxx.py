"""An official gcc image of 13 or later built on bookworm (gcc:13, gcc:14) has a newer libstdc++ than
bookworm's (GCC 12's): a C++ program built there with make needs GLIBCXX_3.4.32 (<iostream>), which the slim
runtime lacks. gcc:11 on bullseye (GCC 10's libstdc++) likewise: GCC 11's std::vector built without optimisation
calls std::__throw_bad_array_new_length (GLIBCXX_3.4.29: `g++` with no -O, or `cmake .. && make` with no build
type, as gcc:11 files in public repositories build). Unless the tool links the program statically, the runtime takes
the gcc image's own libstdc++ and libgcc_s (from /usr/local/lib64, gathered by the builder into /opt/gcc-runtime with
the loader's configuration of that folder) and runs ldconfig (rp22c: gcc:latest files were left alone before)."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

MAKE = "FROM gcc:{tag}\nWORKDIR /app\nCOPY . .\nRUN make\nCMD [\"./app\"]\n"


def _takes_gcc_s_libstdcxx(text: str, runtime: str) -> None:
    result = refactor(text)
    assert result.changed, result.skipped
    builder, _, stage = result.text.partition(" AS runner")
    assert builder.endswith(f"FROM {runtime}"), builder
    assert ("cp -L /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/libgomp.so.1 "
            "/usr/local/lib64/libatomic.so.1 /opt/gcc-runtime/usr/local/lib64/") \
        in builder, builder
    assert "COPY --from=builder /opt/gcc-runtime/ /\nRUN ldconfig\n" in stage, stage


@pytest.mark.parametrize("tag", ["13", "14.2.0", "13-bookworm"])
def test_a_make_build_on_a_newer_gcc_than_the_runtime_s_takes_its_libstdcxx(tag: str) -> None:
    _takes_gcc_s_libstdcxx(MAKE.format(tag=tag), "debian:bookworm-slim")


@pytest.mark.parametrize("tag", ["11", "11.2.0"])
def test_gcc_11_on_bullseye_takes_its_libstdcxx(tag: str) -> None:
    _takes_gcc_s_libstdcxx(MAKE.format(tag=tag), "debian:bullseye-slim")


# bookworm's own GCC; bullseye's own (gcc:9, on buster: test_image_headers, as make without its Makefile may link
# the image's -dev libraries, which buster's archived apt could not install)
@pytest.mark.parametrize("tag", ["12", "10"])
def test_a_matching_release_is_rewritten(tag: str) -> None:
    result = refactor(MAKE.format(tag=tag))
    assert result.changed and "gcc-runtime" not in result.text, result.skipped


# gcc:latest is the newest GCC (GCC 15 and on, on trixie, whose own is 14) and moves on with each: the numpy issue
# 32147 met a GCC 17 build needing GLIBCXX_3.4.36 of std::string; the image's own libstdc++ serves whichever it is
@pytest.mark.parametrize("text", [MAKE.format(tag="latest"), MAKE.replace("gcc:{tag}", "gcc")])
def test_a_gcc_tag_with_no_version_takes_its_libstdcxx(text: str) -> None:
    _takes_gcc_s_libstdcxx(text, "debian:trixie-slim")


@pytest.mark.parametrize("tag", ["15-bookworm", "trixie"])
def test_a_tag_whose_release_the_data_do_not_match_stays_alone(tag: str) -> None:
    """gcc:15-bookworm (GCC 15 is built on trixie in the data) and gcc:trixie (a release with no GCC version): the
    -dev packages the image has cannot be listed for the runtime's release, which the reason says."""
    result = refactor(MAKE.format(tag=tag))
    assert not result.changed
    assert "is not known to be on the builder's release" in (result.skipped or ""), result.skipped


@pytest.mark.parametrize("tag", ["13", "11", "latest"])
def test_a_program_linked_statically_needs_no_libstdcxx_of_the_runtime(tmp_path: Path, tag: str) -> None:
    (tmp_path / "main.cpp").write_text("#include <iostream>\nint main() { std::cout << 1; }\n")
    text = f"FROM gcc:{tag}\nWORKDIR /app\nCOPY main.cpp .\nRUN g++ -o app main.cpp\nCMD [\"./app\"]\n"
    result = refactor(text, read_context=context_reader(tmp_path))
    assert result.changed, result.skipped
    assert "FROM scratch AS runner" in result.text


@pytest.mark.parametrize(("tag", "why"), [("14", "a noexcept function that calls code which may throw needs "
                                                 "CXXABI_1.3.15"),
                                          ("latest", "gcc:latest names no GCC version: it is the newest GCC")])
def test_the_builder_s_note_says_why_the_runtime_takes_gcc_s_libraries(tag: str, why: str) -> None:
    notes = "\n".join(map(str, refactor(MAKE.format(tag=tag)).changes))
    assert why in notes and "the runtime takes that GCC's libstdc++, libgcc_s, libgomp and libatomic" in notes, notes
