"""A -dev package on a release the data do not know, whose run-time library the known releases name
differently (libssl1.0.0 ... libssl3t64): the runtime keeps the -dev package itself, which depends on the
right library on any release, unless it pulls in a build tool or too much: then the builder finds the run-time
libraries with ldd in what the runtime copies (transformer/linked.py), or, where it cannot, the file is left
alone."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.claims import PackageOp
from transformer.packages import (
    Cost,
    LibrarySource,
    Obstacle,
    PackageSet,
    cost_of,
    dev_runtime,
    runtime_libraries,
    runtime_packages,
    unnamed,
)


def _runner(text: str, files: dict[str, str] | None = None) -> tuple[str, list[str]]:
    """The runtime stage and the reasons of the changes."""
    result = refactor(text, read_context=(files or {}).get)
    assert result.changed, result.skipped
    return result.text.split(" AS runner\n", 1)[1], [c.message for c in result.changes]


def _skipped(text: str, files: dict[str, str] | None = None) -> str:
    result = refactor(text, read_context=(files or {}).get)
    assert not result.changed, result.text
    return result.skipped or ""


C_PROGRAM = ("COPY hello.c /src/hello.c\nRUN gcc -o /usr/local/bin/hello /src/hello.c -lssl -lcrypto\n"
             "CMD [\"/usr/local/bin/hello\"]\n")
SSL_ON_TRUSTY = ("FROM ubuntu:14.04\nRUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev "
                 "libssl-dev && rm -rf /var/lib/apt/lists/*\n" + C_PROGRAM)
KEPT_SSL = ("the runtime keeps libssl-dev itself, as its run-time library is named differently across releases "
            "(libssl1.0.0, libssl1.1, libssl3, libssl3t64) and ubuntu:14.04's release is not in the data")


# --- the data query ---------------------------------------------------------------------------------------


def test_a_dev_package_alike_in_every_release_gives_its_library() -> None:
    found = dev_runtime("libpq-dev", None, "ubuntu:14.04")
    assert found == dev_runtime("libpq-dev", "jammy")
    assert found.source is LibrarySource.DATA and found.packages == ("libpq5",)


def test_a_known_release_gives_its_own_library() -> None:
    assert dev_runtime("libssl-dev", "focal").packages == ("libssl1.1",)
    assert dev_runtime("libssl-dev", "bookworm").source is LibrarySource.DATA


def test_an_unknown_release_keeps_a_dev_package_named_differently() -> None:
    found = dev_runtime("libssl-dev", None, "ubuntu:14.04")
    assert found.source is LibrarySource.DEV_KEPT
    assert found.packages == ("libssl-dev",)
    assert found.explain() == KEPT_SSL


@pytest.mark.parametrize(("dev", "cost"), [
    ("libssl-dev", None),
    ("libcurl4-openssl-dev", None),
    # libboost-all-dev depends on libboost-mpi-dev ... mpi-default-dev -> libopenmpi-dev -> gfortran-12
    ("libboost-all-dev", Cost(Obstacle.BUILD_TOOL, "bookworm", "gcc-12")),
    # bionic's pkg-config depends on dpkg-dev, which depends on binutils and make
    ("libicu-dev", Cost(Obstacle.BUILD_TOOL, "bionic", "binutils")),
    ("freeglut3-dev", Cost(Obstacle.LARGE, "bookworm")),  # Mesa, LLVM: some 400 MB, no compiler
])
def test_what_keeping_a_dev_package_would_bring(dev: str, cost: Cost | None) -> None:
    assert cost_of(dev) == cost


def test_a_dev_package_the_file_does_not_name_must_be_in_every_known_release() -> None:
    """default-libmysqlclient-dev is not in xenial: an unknown release may lack it too, unless the file
    installs it (then the image has it)."""
    assert cost_of("default-libmysqlclient-dev") is None
    assert cost_of("default-libmysqlclient-dev", named_by_file=False) == Cost(Obstacle.ABSENT, "xenial")
    left = dev_runtime("default-libmysqlclient-dev", None, "ruby:2.3", named_by_file=False)
    assert left.source is LibrarySource.LEFT and left.packages == ()
    assert left.why.endswith("the data know no default-libmysqlclient-dev on Ubuntu 16.04 (xenial), so ruby:2.3's "
                             "release may not have it either")


def test_a_dev_package_pulling_in_a_build_tool_leaves_the_file_alone() -> None:
    found = dev_runtime("libboost-all-dev", None, "ubuntu:14.04")
    assert found.source is LibrarySource.LEFT
    assert found.why.startswith("the run-time library behind libboost-all-dev is named differently across releases "
                                "(libasan0, libboost-atomic1.58.0, libboost-atomic1.65.1, libboost-atomic1.71.0 and ")
    assert found.why.endswith("ubuntu:14.04's release is not in the data; libboost-all-dev itself cannot stay in the "
                              "runtime: it pulls in gcc-12, a build tool, on Debian 12 (bookworm)")
    assert unnamed([dev_runtime("libssl-dev", None), found]) == (found,)
    assert unnamed([dev_runtime("libssl-dev", None)]) == ()


def _install(*names: str) -> PackageOp:
    return PackageOp("apt", "install", names)


def test_runtime_packages_keep_the_dev_package_and_drop_the_compiler() -> None:
    pkgs: PackageSet = runtime_packages([_install("gcc", "libssl-dev", "libpq-dev")], None, "ubuntu:14.04")
    assert pkgs.keep == ("libssl-dev", "libpq5")
    assert pkgs.dropped == ("gcc", "libpq-dev")
    assert [(d.dev, d.source) for d in pkgs.fallbacks] == [("libssl-dev", LibrarySource.DEV_KEPT)]
    known = runtime_packages([_install("gcc", "libssl-dev")], "jammy", "ubuntu:22.04")
    assert known.keep == ("libssl3",) and known.fallbacks == ()


def test_runtime_libraries_leave_out_a_dev_package_the_runtime_keeps() -> None:
    needs = [("pycurl", "libcurl4-openssl-dev"), ("psycopg2", "libpq-dev")]
    found = runtime_libraries(needs, [], None, "python:3.6-stretch")
    assert [(what, d.source, d.packages) for what, d in found] == [
        ("pycurl", LibrarySource.DEV_KEPT, ("libcurl4-openssl-dev",)), ("psycopg2", LibrarySource.DATA, ("libpq5",))]
    assert runtime_libraries(needs, ["libcurl4-openssl-dev", "libpq5"], None, "python:3.6-stretch") == []


# --- whole files ------------------------------------------------------------------------------------------


def test_an_old_ubuntu_keeps_libssl_dev_and_leaves_gcc_in_the_builder() -> None:
    runner, reasons = _runner(SSL_ON_TRUSTY, {"hello.c": "int main(void) { return 0; }\n"})
    assert "apt-get install -y --no-install-recommends libssl-dev && rm -rf /var/lib/apt/lists/*\n" in runner
    assert "gcc" not in runner and "libc6-dev" not in runner
    assert KEPT_SSL in reasons
    assert "left the build-only packages gcc, libc6-dev in the builder: compilers and headers are not needed at " \
           "run time" in reasons


BOOST_ON_TRUSTY = SSL_ON_TRUSTY.replace("libssl-dev", "libboost-all-dev").replace("gcc -o", "g++ -o")
BOOST_LEFT = ("libboost-all-dev itself cannot stay in the runtime: it pulls in gcc-12, a build tool, on Debian 12 "
              "(bookworm)")


def test_an_old_ubuntu_with_boost_is_left_alone_when_the_runtime_is_another_release() -> None:
    """The runtime installs what the builder lists only on the builder's own release."""
    result = refactor(BOOST_ON_TRUSTY, image_map={"ubuntu:14.04": "debian:bookworm-slim"})
    assert not result.changed and (result.skipped or "").endswith(BOOST_LEFT)


def test_a_large_dev_package_is_left_alone_on_another_release() -> None:
    result = refactor(SSL_ON_TRUSTY.replace("libssl-dev", "freeglut3-dev"),
                      image_map={"ubuntu:14.04": "debian:bookworm-slim"})
    assert (result.skipped or "").endswith("freeglut3-dev itself cannot stay in the runtime: it adds more than "
                                           "100 MB to an image on Debian 12 (bookworm)")


def test_a_custom_image_is_named_in_the_reason() -> None:
    _, reasons = _runner(SSL_ON_TRUSTY.replace("ubuntu:14.04", "registry.local/team/base:7"))
    assert KEPT_SSL.replace("ubuntu:14.04", "registry.local/team/base:7") in reasons


def test_a_python_project_on_stretch_keeps_the_dev_package_it_builds_against() -> None:
    text = ("FROM python:3.6-stretch\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            "COPY . .\nCMD [\"python\", \"app.py\"]\n")
    runner, reasons = _runner(text, {"requirements.txt": "pycurl==7.45.2\n"})
    assert "apt-get install -y --no-install-recommends libcurl4-openssl-dev " in runner
    assert ("pycurl is built against libcurl4-openssl-dev: the runtime keeps libcurl4-openssl-dev itself, as its "
            "run-time library is named differently across releases (libcurl3, libcurl4, libcurl4t64) and "
            "python:3.6-stretch's release is not in the data") in reasons


def test_a_gem_on_jessie_keeps_the_dev_package_it_builds_against() -> None:
    text = ("FROM ruby:2.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n"
            "CMD [\"bundle\", \"exec\", \"puma\"]\n")
    lock = "GEM\n  specs:\n    curb (1.0.5)\n    puma (6.4.0)\n"
    runner, reasons = _runner(text, {"Gemfile.lock": lock, "Gemfile": "gem 'curb'\n"})
    assert "apt-get install -y --no-install-recommends libcurl4-openssl-dev " in runner
    assert any(r.startswith("the gem curb is built against libcurl4-openssl-dev: the runtime keeps "
                            "libcurl4-openssl-dev itself") for r in reasons)
