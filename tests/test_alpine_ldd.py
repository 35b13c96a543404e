"""On an Alpine release older than the package data's (3.17: libssl3, libcrypto3), or one not known, the builder
lists the shared libraries the copied outputs link to, by apk's release-independent ``so:`` names, and the runtime
installs that list: before this, the runtime installed the data's 3.17 names (libssl3 on python:3.6-alpine, which is
Alpine 3.15 and has libssl1.1), and its ``apk add`` failed.

No e2e build here: the zoo has no Alpine image and no Alpine package repository is reachable, so the shell the
builder runs (busybox find and sed, musl's ldd) is checked by reading it; the outputs are parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import parse, refactor
from transformer.distro import NEWEST_ALPINE, alpine_release
from transformer.fileio import context_reader
from transformer.linked import LIST, apk_builder_commands, apk_runtime_install

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "refactor"
PSYCOPG = FIXTURES / "py-psycopg2-old-alpine-ldd"
CURL = FIXTURES / "c-alpine38-ldd"
LISTED = f"\nRUN xargs -r apk add --no-cache < {LIST}\n"


def _runner(text: str) -> str:
    return text.split(" AS runner\n", 1)[1]


def test_psycopg2_on_python36_alpine_installs_the_listed_libraries() -> None:
    """python:3.6-alpine was last built on Alpine 3.15: libssl3, libcrypto3 (and libpq by name) are not asked for;
    the runtime installs the so: names the venv's extensions link to."""
    result = refactor((PSYCOPG / "Dockerfile").read_text(), read_context=context_reader(str(PSYCOPG)))
    assert result.changed, result.skipped
    assert result.text == (PSYCOPG / "expected.Dockerfile").read_text()
    runner = _runner(result.text)
    assert LISTED in runner and f"COPY --from=builder {LIST} {LIST}\n" in runner
    assert not any(name in runner for name in ("libssl3", "libcrypto3", "libpq", "libffi", "-dev"))
    assert "-exec ldd {} ';'" in result.text and "so:\\1" in result.text
    assert any("python:3.6-alpine is on Alpine 3.15" in c.message for c in result.changes)


def test_a_c_program_on_alpine38() -> None:
    result = refactor((CURL / "Dockerfile").read_text(), read_context=context_reader(str(CURL)))
    assert result.changed, result.skipped
    assert result.text == (CURL / "expected.Dockerfile").read_text()
    runner = _runner(result.text)
    assert LISTED in runner and "libcurl" not in runner and "build-base" not in runner


@pytest.mark.parametrize("image", ["python:3.7-alpine", "python:3.8-alpine3.18", "alpine:3.19", "alpine"])
def test_the_data_release_or_newer_keeps_the_named_packages(image: str) -> None:
    """python:3.7-alpine was last built on Alpine 3.18: the data's names are right there."""
    text = (PSYCOPG / "Dockerfile").read_text().replace("python:3.6-alpine", image)
    if image.startswith("alpine"):
        text = text.replace("musl-dev", "musl-dev python3-dev py3-pip python3")
    result = refactor(text, read_context=context_reader(str(PSYCOPG)))
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert "libcrypto3" in runner and "libssl3" in runner and LIST not in result.text


def test_a_compiler_library_keeps_its_name_on_an_old_release() -> None:
    """libstdc++ is named alike on every Alpine release: g++ alone adds no list."""
    text = ("FROM alpine:3.6\nRUN apk add --no-cache g++ make\nCOPY main.cpp /src/main.cpp\n"
            "RUN g++ -O2 -o /usr/local/bin/app /src/main.cpp\nCMD [\"/usr/local/bin/app\"]\n")
    result = refactor(text, read_context={"main.cpp": "int main() { return 0; }\n"}.get)
    assert result.changed, result.skipped
    assert "RUN apk add --no-cache libstdc++\n" in _runner(result.text) and LIST not in result.text


def test_a_runtime_on_another_release_is_left_alone() -> None:
    """golang:1.8-alpine (Alpine 3.5) builds, alpine:3 runs: a list made in the builder would name 3.5's libraries."""
    text = ("FROM golang:1.8-alpine\nRUN apk add --no-cache gcc musl-dev openssl-dev\nWORKDIR /go/src/app\n"
            "COPY main.go .\nRUN go build -o /go/bin/app .\nCMD [\"/go/bin/app\"]\n")
    result = refactor(text, read_context={"main.go": "package main\nfunc main() {}\n"}.get)
    assert not result.changed
    assert "golang:1.8-alpine is on Alpine 3.5" in (result.skipped or "")
    assert "the runtime, alpine:3, is not known to be on the builder's release" in (result.skipped or "")


@pytest.mark.parametrize(("image", "release"), [
    ("python:3.6-alpine", (3, 15)), ("python:3.6-alpine3.10", (3, 10)), ("alpine:3.8", (3, 8)),
    ("alpine:3.8.4", (3, 8)), ("alpine", NEWEST_ALPINE), ("alpine:edge", NEWEST_ALPINE),
    ("ruby:2.3.0-alpine", (3, 3)), ("registry.example.com:5005/base/golang:1.13.1-alpine3.10", (3, 10)),
    ("mhart/alpine-node:4", None), ("python:${V}-alpine", None),
])
def test_alpine_release(image: str, release: tuple[int, int] | None) -> None:
    assert alpine_release(image) == release


def test_the_shell_has_no_pipe_and_no_command_substitution() -> None:
    """hadolint's DL4006 (pipefail) and SC2046 (unquoted $(...)): each step reads and writes a file."""
    script = " && ".join(apk_builder_commands(["/opt/venv"], ["/usr/local"])) + " && " + apk_runtime_install(["a"])
    assert " | " not in script and "|" not in script.split("sed -n", 1)[0]
    assert "$(" not in script and "-e '\\|=> /usr/local/|d'" in script


def test_outputs_parse() -> None:
    for case in (PSYCOPG, CURL):
        assert len(parse((case / "expected.Dockerfile").read_text()).stages) == 2


def test_a_dev_package_from_the_edge_repository_keeps_the_newest_names() -> None:
    """`apk add --repository .../edge/testing gdal-dev` on Alpine 3.8 installs edge's packages: the runtime's
    repeated install from that repository takes the data's (newest) names, not the list, which would look in
    3.8's repositories only."""
    text = ("FROM python:3.7-alpine3.8\nRUN apk add --no-cache --repository "
            "http://dl-cdn.alpinelinux.org/alpine/edge/testing gdal-dev geos-dev build-base\n"
            "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert "edge/testing" in runner and " gdal" in runner and "geos" in runner
    # gdal-dev and geos-dev themselves stay for Python's ctypes, with binutils (test_debian_map); build-base goes
    assert LISTED not in runner and "build-base" not in runner and "apk add --no-cache binutils" in runner, runner


@pytest.mark.parametrize("dev", ["hdf5-dev", "boost-dev"])
def test_a_dev_package_the_data_do_not_name_is_listed_by_the_builder(dev: str) -> None:
    """alpine_runtime.json is curated by hand: a -dev package it lacks was taken to have no run-time part, and the
    runtime of `pip install h5py` on python:3.11-alpine had no libhdf5. Its libraries are listed as on an old
    release, and the reason says why."""
    text = (f"FROM python:3.11-alpine\nRUN apk add --no-cache gcc musl-dev {dev}\nWORKDIR /app\nCOPY . .\n"
            "RUN pip install h5py\nCMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert LISTED in _runner(result.text) and "-exec ldd {} ';'" in result.text
    assert any(f"the tool's data do not name the run-time packages behind {dev}" in c.message
               for c in result.changes), result.changes


@pytest.mark.parametrize("group", ["build-base", "alpine-sdk"])
def test_a_meta_package_with_gxx_gives_the_runtime_libstdcxx(group: str) -> None:
    """``apk add build-base freetype-dev`` then ``pip install matplotlib`` on python:3.7-alpine: pip finds no musl
    wheel and compiles matplotlib's C++ extensions with the g++ build-base brings; the runtime got freetype alone,
    where they cannot load (a reviewer's find, 19 dev files at risk). build-base and alpine-sdk now read as g++."""
    text = (f"FROM python:3.7-alpine\nRUN apk add --no-cache {group} freetype-dev\nRUN pip install matplotlib\n"
            'CMD ["python", "-c", "import matplotlib"]\n')
    runner = _runner(refactor(text).text)
    assert "libstdc++" in runner and "freetype" in runner and group not in runner, runner


def test_gdal_dev_without_pip_maps_to_its_library() -> None:
    """Only Python's ctypes needs the -dev package's unversioned .so: a node app linking GDAL keeps `gdal` alone."""
    text = ("FROM node:18-alpine\nRUN apk add --no-cache gdal-dev build-base\nWORKDIR /app\nCOPY . .\n"
            "RUN npm ci\nCMD [\"node\", \"server.js\"]\n")
    runner = _runner(refactor(text).text)
    assert "gdal-dev" not in runner and "binutils" not in runner, runner


# a file that installs a package Alpine no longer has on the release its tag was last built on (python, dropped in
# 3.12, on python:3.7-alpine, last built on 3.18) was written for an older release, whose libraries' names may differ
# (libssl1.1, not libssl3): the builder lists them (read26 1b06d906: the runtime's `apk add libcrypto3` fails there)
@pytest.mark.parametrize("image", ["python:3.7-alpine", "alpine"])
def test_a_package_alpine_dropped_makes_the_release_one_of_before(image: str) -> None:
    text = (f"FROM {image}\nRUN apk --update add python py-pip openssl ca-certificates\n"
            "RUN apk --update add --virtual build-dependencies libffi-dev openssl-dev python-dev build-base\n"
            "WORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert LISTED in runner and "libssl3" not in runner and "libcrypto3" not in runner
    assert any("but the file installs python (Alpine 3.12 dropped it): it was written for an older release than "
               f"{image}'s today" in c.message for c in result.changes), [c.message for c in result.changes]
    # python3's names, which the data's release has, keep its names
    result = refactor(text.replace("python py-pip", "python3 py3-pip").replace("python-dev", "python3-dev"))
    assert "libssl3" in _runner(result.text) and LIST not in result.text
