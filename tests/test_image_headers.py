"""A C or C++ build on an official image whose buildpack-deps base has -dev packages of its own (gcc, the full
python, node and ruby images) may link one of their libraries without installing it: where the runtime is another
image, the builder lists what the copied programs link (ldd). A build static linking serves, an image without
those packages (golang's buildpack-deps:*-scm) and a same-image runtime are as before. Engine proof:
tests/test_image_headers_e2e.py."""

from __future__ import annotations

import pytest
from conftest import context_of, stages

from transformer import refactor

FILE = """FROM {image}
WORKDIR /src
COPY . .
RUN {build}
CMD ["/src/app"]
"""


@pytest.mark.parametrize("image", ["gcc:12.2.0", "python:3.11", "node:18"])
def test_a_build_on_a_full_image_lists_what_it_links(image: str) -> None:
    builder, runtime = stages(FILE.format(image=image, build="gcc -o app main.c -lsqlite3"))
    assert "ldd" in builder and "dpkg-query --search" in builder, builder
    assert "xargs -r apt-get install" in runtime, runtime
    changes = [str(c) for c in refactor(FILE.format(image=image, build="gcc -o app main.c -lsqlite3")).changes]
    assert any("-dev packages " + image in c and "buildpack-deps:" in c for c in changes), changes


def test_a_gcc_image_on_an_archived_release_copies_what_it_links() -> None:
    # buster, where gcc:9 is built, is archived: the runtime's apt could not install what the builder lists, so the
    # builder of the same release copies the libraries (main as found at first knew no release for gcc:9 and copied
    # the program alone onto debian:buster-slim, without libsqlite3)
    text = FILE.format(image="gcc:9", build="gcc -o app main.c -lsqlite3")
    builder, runtime = stages(text)
    assert "FROM debian:buster-slim AS runner" in refactor(text).text
    assert "COPY --from=builder /opt/runtime-libraries/ /" in runtime
    assert "apt-get" not in runtime and "ldd" in builder and "xargs -r apt-get" not in builder


def test_a_gcc_image_on_an_unknown_release_is_left_alone() -> None:
    # GCC 8 and older: the release is not known (main as found took it for bookworm's)
    result = refactor(FILE.format(image="gcc:8", build="gcc -o app main.c -lsqlite3"))
    assert not result.changed and "not known to be on the builder's release" in (result.skipped or ""), result.skipped


def test_a_gcc_image_on_an_old_release_still_changes_a_build_linking_the_c_library_alone() -> None:
    result = refactor(FILE.format(image="gcc:9", build="make"),
                      read_context=context_of({"Makefile": "app: main.c\n\tcc -o app main.c -lm\n"}))
    assert result.changed and "FROM debian:buster-slim AS runner" in result.text, result.text


def test_an_image_without_dev_packages_lists_nothing() -> None:
    builder, _ = stages(FILE.format(image="golang:1.19", build="gcc -o app main.c -lsqlite3"))
    assert "ldd" not in builder, builder


def test_a_static_link_stays_static() -> None:
    files = {"main.c": "#include <stdio.h>\nint main(void) { puts(\"ok\"); return 0; }\n"}
    result = refactor(FILE.format(image="gcc:12.2.0", build="gcc -o app main.c"), read_context=context_of(files))
    assert "FROM scratch AS runner" in result.text and "ldd" not in result.text, result.text


@pytest.mark.parametrize(("build", "files", "listed"), [
    ("make", {"Makefile": "app: main.c\n\tcc -O2 -o app main.c -lm\n", "main.c": ""}, False),  # the C library's
    ("make app", {"main.c": ""}, False),  # make's built-in rules: $LDLIBS alone
    ("make", {"Makefile": "app: main.c\n\tcc -o app main.c $(shell pkg-config --libs libcurl)\n"}, True),
    ("make", {"Makefile": "motd: main.c libmotd.so.1\n\tcc -o motd main.c -L. -lmotd\n"}, False),  # its own library
    ("cmake . && make", {"CMakeLists.txt": "add_library(greet SHARED greet.c)\nadd_executable(app main.c)\n"
                                           "target_link_libraries(app PRIVATE greet m)\n"}, False),
    ("cmake . && make", {"CMakeLists.txt": "find_package(CURL REQUIRED)\nadd_executable(app main.c)\n"}, True),
    ("make", None, True),  # a Makefile the build context does not give
])
def test_what_the_build_files_name_decides(build: str, files: dict[str, str] | None, listed: bool) -> None:
    text = FILE.format(image="gcc:12.2.0", build=build)
    result = refactor(text, read_context=context_of(files)) if files is not None else refactor(text)
    assert result.changed, result.skipped
    assert ("dpkg-query --search" in result.text) is listed, result.text


def test_libraries_the_environment_names_for_built_in_rules_are_listed() -> None:
    """make's built-in rules link $(LDLIBS), which an ENV may set: `cc main.c -lsqlite3` (main as found did not read
    it, and took the build for one linking the C library alone)."""
    text = FILE.format(image="gcc:12.2.0", build="make app").replace("WORKDIR", "ENV LDLIBS=-lsqlite3\nWORKDIR")
    result = refactor(text, read_context=context_of({"main.c": ""}))
    assert result.changed and "dpkg-query --search" in result.text, result.text


@pytest.mark.parametrize("placed", ["COPY vendor/libacme.so /usr/lib/libacme.so\n",
                                    "COPY sdk/ /opt/sdk/lib/\n"])
def test_a_library_the_file_puts_in_place_is_not_listed(placed: str) -> None:
    """No package owns it: dpkg-query finds none, and the builder's list stopped the build (`dpkg-query: no path
    found matching pattern */lib/libacme.so`, an adversarial reviewer's engine repro); the runtime repeats the COPY."""
    text = FILE.format(image="gcc:12.2.0", build="gcc -o app main.c -lacme").replace("WORKDIR /src\n",
                                                                                     placed + "WORKDIR /src\n")
    result = refactor(text)
    assert result.changed and "dpkg-query" not in result.text, result.text
