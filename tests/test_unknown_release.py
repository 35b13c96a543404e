"""A -dev package on a release the data do not know: whatever the data name for it there is a guess (libzmq5,
the name in every release they know, is libzmq3 on jessie), so the builder lists the packages whose libraries
what the runtime copies links to (ldd, transformer/linked.py) and the runtime installs that list. Where the list
cannot be made (the runtime on another release), the guess stays: the libraries the known releases name alike
(libpq5), or, when they name them differently (libssl1.0.0 ... libssl3t64), the -dev package itself, which depends
on the right library on any release, unless it pulls in a build tool or too much: then the file is left alone."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.claims import PackageOp
from transformer.packages import (
    Cost,
    DevRuntime,
    LibrarySource,
    Obstacle,
    PackageSet,
    cost_of,
    dev_runtime,
    is_guess,
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
LISTED_SSL = ("ubuntu:14.04's release is not in the data, so the data's names for the run-time libraries behind "
              "libssl-dev are only guesses there (libssl-dev: named differently across the releases the data know)")
KEPT_SSL = ("the runtime keeps libssl-dev itself, as its run-time library is named differently across releases "
            "(libssl1.0.0, libssl1.1, libssl3, libssl3t64) and ubuntu:14.04's release is not in the data")


# --- the data query ---------------------------------------------------------------------------------------


def test_a_dev_package_alike_in_every_release_gives_its_library_as_a_guess() -> None:
    """libpq5 in every release from xenial and bullseye to trixie; on a release the data never saw it is a guess
    all the same (libzmq5 is too, and jessie calls it libzmq3): the builder lists it instead where it can."""
    found = dev_runtime("libpq-dev", None, "ubuntu:14.04")
    assert found.packages == dev_runtime("libpq-dev", "jammy").packages == ("libpq5",)
    assert found.source is LibrarySource.ALIKE and is_guess(found)
    assert dev_runtime("libpq-dev", "jammy").source is LibrarySource.DATA
    assert not is_guess(dev_runtime("libpq-dev", "jammy"))
    listed = dev_runtime("libzmq3-dev", None, "python:3.6-jessie", listed=True)
    assert listed == DevRuntime("libzmq3-dev", LibrarySource.LISTED, (),
                                "libzmq5 in every release the data know, which may not be its name there")
    assert unnamed([listed]) == (listed,)


def test_a_known_release_gives_its_own_library() -> None:
    assert dev_runtime("libssl-dev", "focal").packages == ("libssl1.1",)
    assert dev_runtime("libssl-dev", "bookworm").source is LibrarySource.DATA


def test_an_unknown_release_keeps_a_dev_package_named_differently() -> None:
    found = dev_runtime("libssl-dev", None, "ubuntu:14.04")
    assert found.source is LibrarySource.DEV_KEPT
    assert found.packages == ("libssl-dev",)
    assert found.explain() == KEPT_SSL
    listed = dev_runtime("libssl-dev", None, "ubuntu:14.04", listed=True)
    assert listed.source is LibrarySource.LISTED and listed.packages == ()
    # a -dev package that cannot stay is left to the list whether listed or not
    assert dev_runtime("libboost-all-dev", None, listed=True).source is LibrarySource.LEFT


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


LDD_INSTALL = ("apt-get update && xargs -r apt-get install -y --no-install-recommends --no-upgrade "
               "< /opt/runtime-packages "
               "&& rm -rf /var/lib/apt/lists/*")


def _install(*names: str) -> PackageOp:
    return PackageOp("apt", "install", names)


def test_runtime_packages_keep_the_dev_package_and_drop_the_compiler() -> None:
    pkgs: PackageSet = runtime_packages([_install("gcc", "libssl-dev", "libpq-dev")], None, "ubuntu:14.04")
    assert pkgs.keep == ("libssl-dev", "libpq5")
    assert pkgs.dropped == ("gcc", "libpq-dev")
    assert [(d.dev, d.source) for d in pkgs.fallbacks] == [("libssl-dev", LibrarySource.DEV_KEPT)]
    assert [(d.dev, d.source) for d in pkgs.guessed] == [("libssl-dev", LibrarySource.DEV_KEPT),
                                                         ("libpq-dev", LibrarySource.ALIKE)]
    listed = runtime_packages([_install("gcc", "libssl-dev", "libpq-dev")], None, "ubuntu:14.04", listed=True)
    assert listed.keep == () and listed.dropped == ("gcc", "libssl-dev", "libpq-dev") and listed.guessed == ()
    assert [(d.dev, d.source) for d in unnamed(listed.fallbacks)] == [
        ("libssl-dev", LibrarySource.LISTED), ("libpq-dev", LibrarySource.LISTED)]
    # a build tool's run-time part is no library the builder can list: python-dev's python stays named
    python = runtime_packages([_install("python-dev")], None, "ubuntu:14.04", listed=True)
    assert python.keep == ("python",) and python.dropped == ("python-dev",)
    assert runtime_packages([_install("python-dev")], None, "ubuntu:14.04").keep == (
        "libpython2.7", "libpython2.7-stdlib", "python")
    # a base library (zlib1g, in every slim image) installs nothing: no guess to give up
    assert runtime_packages([_install("zlib1g-dev")], None, "ubuntu:14.04").guessed == ()
    known = runtime_packages([_install("gcc", "libssl-dev")], "jammy", "ubuntu:22.04")
    assert known.keep == ("libssl3",) and known.fallbacks == ()


def test_runtime_libraries_leave_out_a_dev_package_the_runtime_keeps() -> None:
    needs = [("pycurl", "libcurl4-openssl-dev"), ("psycopg2", "libpq-dev")]
    found = runtime_libraries(needs, [], None, "python:3.6-stretch")
    assert [(what, d.source, d.packages) for what, d in found] == [
        ("pycurl", LibrarySource.DEV_KEPT, ("libcurl4-openssl-dev",)), ("psycopg2", LibrarySource.ALIKE, ("libpq5",))]
    assert runtime_libraries(needs, ["libcurl4-openssl-dev", "libpq5"], None, "python:3.6-stretch") == []


# --- whole files ------------------------------------------------------------------------------------------


def test_an_old_ubuntu_lists_libssl_and_leaves_libssl_dev_and_gcc_in_the_builder() -> None:
    runner, reasons = _runner(SSL_ON_TRUSTY, {"hello.c": "int main(void) { return 0; }\n"})
    assert LDD_INSTALL in runner
    assert "gcc" not in runner and "libc6-dev" not in runner and "libssl" not in runner
    assert any(r.startswith(LISTED_SSL) for r in reasons) and KEPT_SSL not in reasons
    assert "left the build-only packages gcc, libc6-dev, libssl-dev in the builder: the build needs them, the " \
           "program at run time does not" in reasons


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


def test_where_the_list_cannot_be_made_the_dev_package_stays() -> None:
    """The runtime on another release (image_map): its apt may not have what the builder lists, so the -dev
    package stays, as before the list."""
    result = refactor(SSL_ON_TRUSTY, read_context={"hello.c": ""}.get,
                      image_map={"ubuntu:14.04": "debian:bookworm-slim"})
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n", 1)[1]
    assert "apt-get install -y --no-install-recommends libssl-dev && rm -rf /var/lib/apt/lists/*\n" in runner
    assert "runtime-packages" not in result.text
    assert KEPT_SSL in [c.message for c in result.changes]


def test_a_custom_image_is_named_in_the_reason() -> None:
    _, reasons = _runner(SSL_ON_TRUSTY.replace("ubuntu:14.04", "registry.local/team/base:7"))
    assert any(r.startswith(LISTED_SSL.replace("ubuntu:14.04", "registry.local/team/base:7")) for r in reasons)


PYCURL_ON_STRETCH = ("FROM python:3.6-stretch\nWORKDIR /app\nCOPY requirements.txt .\n"
                     "RUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n")


# (a file that runs apt itself: one that runs none on an archived release is left alone, test_archived_apt.py)
_APT = "WORKDIR /app\nRUN apt-get update && apt-get install -y curl\n"


def test_a_python_project_on_stretch_lists_the_library_it_builds_against() -> None:
    runner, reasons = _runner(PYCURL_ON_STRETCH.replace("WORKDIR /app\n", _APT),
                              {"requirements.txt": "pycurl==7.45.2\n"})
    assert LDD_INSTALL in runner and "libcurl" not in runner
    assert any(r.startswith("python:3.6-stretch's release is not in the data, so the data's names for the run-time "
                            "libraries behind libcurl4-openssl-dev are only guesses there") for r in reasons)


def test_a_python_project_on_stretch_keeps_the_dev_package_where_nothing_is_listed() -> None:
    result = refactor(PYCURL_ON_STRETCH, read_context={"requirements.txt": "pycurl==7.45.2\n"}.get,
                      image_map={"python:3.6-stretch": "python:3.11-slim"})
    assert result.changed, result.skipped
    assert "apt-get install -y --no-install-recommends libcurl4-openssl-dev " in result.text
    assert ("pycurl is built against libcurl4-openssl-dev: the runtime keeps libcurl4-openssl-dev itself, as its "
            "run-time library is named differently across releases (libcurl3, libcurl4, libcurl4t64) and "
            "python:3.6-stretch's release is not in the data") in [c.message for c in result.changes]


def test_a_gem_on_jessie_lists_the_library_it_builds_against() -> None:
    text = ("FROM ruby:2.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n"
            "CMD [\"bundle\", \"exec\", \"puma\"]\n")
    lock = "GEM\n  specs:\n    curb (1.0.5)\n    puma (6.4.0)\n"
    files = {"Gemfile.lock": lock, "Gemfile": "gem 'curb'\n"}
    runner, reasons = _runner(text.replace("WORKDIR /app\n", _APT), files)
    assert LDD_INSTALL in runner and "libcurl" not in runner
    assert any(r.startswith("ruby:2.3's release is not in the data, so the data's names for the run-time libraries "
                            "behind libcurl4-openssl-dev are only guesses there") for r in reasons)
    kept = refactor(text, read_context=files.get, image_map={"ruby:2.3": "ruby:3.3-slim"})
    assert "apt-get install -y --no-install-recommends libcurl4-openssl-dev " in kept.text
    assert any(c.message.startswith("the gem curb is built against libcurl4-openssl-dev: the runtime keeps "
                                    "libcurl4-openssl-dev itself") for c in kept.changes)


def test_a_dev_package_the_tags_release_lacks_is_a_guess_as_on_an_unknown_release() -> None:
    # dev file 443f1b42: debian:stable (trixie in the data) with libmysqlclient-dev, which trixie does not have
    # (Ubuntu names libmysqlclient20/21 behind it): the file was written for another release, and the runtime
    # dropped the -dev package with no library in its place (mysqlclient failed to import)
    found = dev_runtime("libmysqlclient-dev", "trixie", "debian:stable", listed=True)
    assert found.source is LibrarySource.LISTED, found
    assert dev_runtime("libmysqlclient-dev", "jammy").packages == ("libmysqlclient21",)
    assert dev_runtime("libpq-dev", "trixie").source is LibrarySource.DATA


def test_the_builder_lists_the_libraries_of_a_dev_package_the_release_lacks() -> None:
    text = ("FROM debian:stable\nRUN apt-get update && apt-get install -y python3-pip libmysqlclient-dev\n"
            "RUN pip3 install --break-system-packages mysqlclient\nCOPY app.py /app.py\n"
            'CMD ["python3", "/app.py"]\n')
    result = refactor(text)
    assert result.changed, result.skipped
    assert "dpkg-query --listfiles libmysqlclient-dev" in result.text, result.text
    assert "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages" in result.text
