"""The -dev -> runtime library maps in transformer/data and their Debian generator."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from transformer import packages

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "transformer" / "data"
SCRIPT = ROOT / "scripts" / "gen_debian_runtime_map.py"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_debian_runtime_map", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


@pytest.fixture(scope="module")
def debian() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((DATA / "debian_runtime.json").read_text())
    return doc


@pytest.fixture(scope="module")
def alpine() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((DATA / "alpine_runtime.json").read_text())
    return doc


# --- the committed Debian map ---------------------------------------------------------


def test_debian_map_header(debian: dict) -> None:
    assert debian["_generated_by"] == "scripts/gen_debian_runtime_map.py"
    assert debian["_release"].startswith("debian ")
    assert list(debian) == sorted(debian)
    assert list(debian["dev_to_runtime"]) == sorted(debian["dev_to_runtime"])
    assert debian["build_only"] == sorted(debian["build_only"])


@pytest.mark.parametrize(
    ("dev", "runtime"),
    [
        ("libpq-dev", "libpq5"),
        ("libssl-dev", "libssl3"),
        ("libyaml-dev", "libyaml-0-2"),
        ("zlib1g-dev", "zlib1g"),
        ("libffi-dev", "libffi8"),
        ("libjpeg-dev", "libjpeg62-turbo"),
        ("libxml2-dev", "libxml2"),
        ("libxslt1-dev", "libxslt1.1"),
        ("default-libmysqlclient-dev", "libmariadb3"),
        ("libpng-dev", "libpng16-16"),
        ("libcurl4-openssl-dev", "libcurl4"),
        ("libsqlite3-dev", "libsqlite3-0"),
        ("libgeos-dev", "libgeos-c1v5"),
    ],
)
def test_debian_well_known_entries(debian: dict, dev: str, runtime: str) -> None:
    assert runtime in debian["dev_to_runtime"][dev]


def test_debian_build_only(debian: dict) -> None:
    build_only = set(debian["build_only"])
    for name in ("build-essential", "gcc", "g++", "make", "pkg-config", "python3-dev"):
        assert name in build_only
    assert not build_only & set(debian["dev_to_runtime"])


def test_debian_values_are_runtime_packages(debian: dict) -> None:
    for dev, runtime in debian["dev_to_runtime"].items():
        assert runtime, dev
        assert runtime == sorted(set(runtime)), dev
        assert not [r for r in runtime if r.endswith("-dev")], dev


# --- the curated Alpine map -----------------------------------------------------------


def test_alpine_map_shape(alpine: dict) -> None:
    assert alpine["_curated"] is True
    assert "curated by hand" in alpine["_note"].lower()
    assert set(alpine) == {"_curated", "_note", "build_only", "dev_to_runtime", "release", "_dropped_note", "dropped"}
    # packages a release no longer has -> the first release without them (major.minor)
    assert all(re.fullmatch(r"\d+\.\d+", v) for v in alpine["dropped"].values())
    assert alpine["dropped"]["python"] == "3.12"
    assert alpine["release"] == "3.17"  # openssl 3: libssl3, libcrypto3
    assert isinstance(alpine["build_only"], list)
    assert all(isinstance(n, str) for n in alpine["build_only"])
    for dev, runtime in alpine["dev_to_runtime"].items():
        assert isinstance(runtime, list), dev
        assert all(isinstance(r, str) and r for r in runtime), dev
        assert not [r for r in runtime if r.endswith("-dev")], dev
    assert alpine["dev_to_runtime"]["postgresql-dev"] == ["libpq"]
    assert set(alpine["dev_to_runtime"]["openssl-dev"]) == {"libssl3", "libcrypto3"}
    assert alpine["dev_to_runtime"]["musl-dev"] == []
    assert "build-base" in alpine["build_only"]


COMPILERS_WITH_LIBRARIES = {"g++": ["libstdc++"], "gfortran": ["libgfortran"], "build-base": ["libstdc++"],
                            "alpine-sdk": ["libstdc++"]}


def test_alpine_keys_are_dev_packages(alpine: dict) -> None:
    for dev in alpine["dev_to_runtime"]:
        assert dev.endswith("-dev") or dev == "linux-headers" or dev in COMPILERS_WITH_LIBRARIES, dev


def test_alpine_compilers_name_the_libraries_their_programs_link(alpine: dict) -> None:
    for compiler, libraries in COMPILERS_WITH_LIBRARIES.items():
        assert alpine["dev_to_runtime"][compiler] == libraries
        assert compiler in alpine["build_only"]



def test_binutils_named_on_alpine_stays_at_run_time() -> None:
    """On musl, Python's ctypes.util.find_library runs ld and objdump (there is no `ldconfig -p`): GeoDjango's
    GDAL and GEOS loading needs binutils at run time, so a binutils the file installs by name stays; and ld finds
    `-lgdal` through gdal-dev's unversioned libgdal.so alone, so gdal-dev stays too (a reviewer of dev file
    6fc0313c, whose comment says "we actually need gdal-dev not gdal"; main as found left it in the builder)."""
    from transformer import refactor
    text = ("FROM python:3.11-alpine\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN apk add --no-cache binutils gdal geos\nRUN apk add --no-cache build-base gdal-dev\n"
            "RUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"manage.py\", \"runserver\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.split("\nFROM ")[-1]
    assert "RUN apk add --no-cache binutils gdal geos\n" in runner, runner
    assert "build-base" not in runner and "gdal-dev" in runner, runner
    assert not packages.is_build_only("binutils", "apk")

# --- the generator on a fake `apt-cache dumpavail` ------------------------------------

FAKE_DUMPAVAIL = """\
Package: libfoo-dev
Source: foo (1.0-1)
Version: 1.0-1+b1
Architecture: amd64
Depends: libfoo1 (= 1.0-1+b1), libfoo-common, libbar1 (>= 2), libbar-dev,
 libc6-dev | libc-dev
Section: libdevel
Description: foo headers
 Long description line that mentions libnope9.

Package: libfoo1
Source: foo (1.0-1)
Depends: libc6 (>= 2.34), libfoo-common
Multi-Arch: same
Section: libs

Package: libfoo-common
Source: foo
Section: libs

Package: libbar-dev
Source: bar
Depends: libbar1 (= 2.0)
Section: libdevel

Package: libbar1
Source: bar
Depends: libc6
Multi-Arch: same
Section: libs

Package: libalt-dev
Source: alt
Depends: libalt-virtual | libalt2 | libalt3, libtiny:any
Section: libdevel

Package: libalt2
Source: alt
Section: libs

Package: libalt3
Source: alt
Section: libs

Package: libtiny1
Source: alt
Provides: libtiny
Section: libs

Package: libother-dev
Source: other
Depends: libbar1, make
Section: libdevel

Package: default-libthingclient-dev
Source: thing-defaults
Depends: libthing-dev-compat
Multi-Arch: same
Section: database

Package: libthing-dev-compat
Source: thing
Provides: libthingclient-dev
Depends: libthing-dev (= 1:1.0)
Section: libdevel

Package: libthing-dev
Source: thing
Depends: libthing3 (= 1:1.0), libssl-dev, libc6 (>= 2.34)
Section: libdevel

Package: libthing3
Source: thing
Depends: libc6
Section: libs

Package: libssl-dev
Source: openssl
Depends: libssl3 (= 3.0)
Section: libdevel

Package: libssl3
Source: openssl
Section: libs

Package: libhdr-dev
Source: hdr
Depends: libc6-dev
Section: libdevel

Package: libc6-dev
Source: glibc
Provides: libc-dev
Depends: libc6 (= 2.36)
Section: libdevel

Package: libc6
Source: glibc
Section: libs

Package: librust-foo-dev
Source: rust-foo
Depends: libssl-dev
Section: rust

Package: gcc
Source: gcc-defaults (1.203)
Depends: cpp (= 4:12.2.0-3)
Section: devel

Package: build-essential
Depends: libc6-dev | libc-dev, gcc, make
Section: devel

Package: make
Section: devel

Package: python3-dev
Source: python3-defaults
Depends: libpython3-dev, python3
Section: python

Package: libpython3-dev
Source: python3-defaults
Depends: libpython3.11-dev
Section: python

Package: libpython3.11-dev
Source: python3.11
Depends: libpython3.11
Section: libdevel

Package: libpython3.11
Source: python3.11
Multi-Arch: same
Section: libs
"""


@pytest.fixture(scope="module")
def fake() -> dict[str, Any]:
    doc: dict[str, Any] = gen.build_map(FAKE_DUMPAVAIL, "debian 12 bookworm")
    return doc


def test_generator_prefers_same_source(fake: dict) -> None:
    # libbar1 is a libs dependency too, but from another source; -common is not a library.
    assert fake["dev_to_runtime"]["libfoo-dev"] == ["libfoo1"]
    assert fake["dev_to_runtime"]["libbar-dev"] == ["libbar1"]


def test_generator_falls_back_to_other_source_libs(fake: dict) -> None:
    assert fake["dev_to_runtime"]["libother-dev"] == ["libbar1"]


def test_generator_resolves_alternatives_and_virtuals(fake: dict) -> None:
    # libalt-virtual does not exist: the first real alternative wins (not libalt3);
    # libtiny:any is virtual with one provider.
    assert fake["dev_to_runtime"]["libalt-dev"] == ["libalt2", "libtiny1"]


def test_generator_follows_default_dev_indirection(fake: dict) -> None:
    runtime = fake["dev_to_runtime"]
    assert runtime["default-libthingclient-dev"] == ["libthing3"]
    assert runtime["libthing-dev-compat"] == ["libthing3"]
    assert runtime["libthing-dev"] == ["libthing3"]
    # A virtual -dev name with one provider is installable, so it is mapped too.
    assert runtime["libthingclient-dev"] == ["libthing3"]


def test_generator_build_only_and_exclusions(fake: dict) -> None:
    runtime = fake["dev_to_runtime"]
    assert fake["build_only"] == ["build-essential", "gcc", "make", "python3-dev"]
    assert "python3-dev" not in runtime
    assert "libpython3-dev" in runtime  # libpython is a real embedding library
    assert "libhdr-dev" not in runtime  # header-only: the C toolchain is not followed
    assert "librust-foo-dev" not in runtime  # Rust crates are left to cargo
    assert runtime["libc6-dev"] == ["libc6"]


def test_generator_document_shape(fake: dict) -> None:
    assert fake["_generated_by"] == "scripts/gen_debian_runtime_map.py"
    assert fake["_release"] == "debian 12 bookworm"
    text = gen.render(fake)
    assert json.loads(text) == fake
    assert text.count("\n") == len(text.splitlines())  # ends with a newline
    assert '    "libfoo-dev": ["libfoo1"],\n' in text  # one entry per line


def test_generator_size_limit_keeps_libdevel_only() -> None:
    doc = gen.build_map(FAKE_DUMPAVAIL, "x", size_limit=100)
    assert "default-libthingclient-dev" not in doc["dev_to_runtime"]  # Section: database
    assert doc["dev_to_runtime"]["libfoo-dev"] == ["libfoo1"]


def _fake_release(arch: Any, cache: Path | None) -> tuple[str, dict[str, object]]:
    """The generator's read_release (arch: its Archive, a class of a module loaded at run time)."""
    text = FAKE_DUMPAVAIL if arch.codename == "bookworm" else FAKE_DUMPAVAIL.replace("libssl3", "libssl1.1")
    return text, {"distribution": arch.distribution, "version": arch.version, "indices": arch.index_urls(),
                  "dates": {}}


def test_generator_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gen, "read_release", _fake_release)
    out = tmp_path / "map.json"
    assert gen.main(["--out", str(out)]) == 0
    assert gen.main(["--out", str(out), "--check"]) == 0
    out.write_text(out.read_text().replace("libfoo1", "libfoo2"))
    assert gen.main(["--out", str(out), "--check"]) == 1


# --- several releases: the base whole, the others as differences ------------------------

XENIAL_LIKE = FAKE_DUMPAVAIL.replace("libssl3", "libssl1.0.0").replace(
    "Package: libbar-dev\nSource: bar\nDepends: libbar1 (= 2.0)\nSection: libdevel\n\n", ""
) + "\nPackage: cmake\nSection: devel\n"


def test_generator_release_differences() -> None:
    texts = {"bookworm": FAKE_DUMPAVAIL, "xenial": XENIAL_LIKE}
    sources = {r: {"distribution": "x", "version": "1"} for r in texts}
    doc = gen.build_all(texts, sources, "2026-11-30")
    assert doc["dev_to_runtime"]["libssl-dev"] == ["libssl3"]
    diff = doc["releases"]["xenial"]
    assert diff["parent"] == "bookworm"  # its parent (bionic) is not among the texts
    assert diff["dev_to_runtime"]["libssl-dev"] == ["libssl1.0.0"]
    assert diff["dev_to_runtime"]["libbar-dev"] is None  # gone in that release
    assert "libfoo-dev" not in diff["dev_to_runtime"]  # unchanged entries are not repeated
    assert diff["build_only_added"] == ["cmake"]
    assert doc["_source"]["retrieved"] == "2026-11-30"
    assert json.loads(gen.render(doc)) == doc


def test_generator_kernel_packages_left_out_of_differences() -> None:
    extra = "\nPackage: linux-headers-5.15.0-1059-gke\nSection: devel\n"
    doc = gen.build_all({"bookworm": FAKE_DUMPAVAIL, "jammy": FAKE_DUMPAVAIL + extra},
                        {r: {"distribution": "x", "version": "1"} for r in ("bookworm", "jammy")}, "d")
    assert doc["releases"]["jammy"]["build_only_added"] == []


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [
        ("1.0", "1.0", 0),
        ("1.0~rc1", "1.0", -1),
        ("1:0.1", "2.0", 1),
        ("1.0-1", "1.0-1ubuntu1", -1),
        ("2.36-9+deb12u9", "2.36-9+deb12u10", -1),
        ("1.0a", "1.0", 1),
        ("1.0+b1", "1.0", 1),
        ("3.0.2-0ubuntu1.10", "3.0.2-0ubuntu1.9", 1),
    ],
)
def test_version_ordering(a: str, b: str, order: int) -> None:
    assert gen.compare_versions(a, b) == order
    assert gen.compare_versions(b, a) == -order


def test_merge_indices_keeps_the_highest_version() -> None:
    release = "Package: libssl-dev\nVersion: 3.0.11-1~deb12u2\nDepends: libssl3 (= 3.0.11-1~deb12u2)\n"
    security = "Package: libssl-dev\nVersion: 3.0.17-1~deb12u3\nDepends: libssl3 (= 3.0.17-1~deb12u3)\n\n" \
        "Package: other\nVersion: 1\n"
    merged = gen.merge_indices([release, security])
    assert "3.0.17-1~deb12u3" in merged and "3.0.11" not in merged
    assert merged.count("Package:") == 2


def test_archive_urls() -> None:
    xenial = gen.archive("xenial")
    assert "http://archive.ubuntu.com/ubuntu/dists/xenial-security/universe/binary-amd64/Packages.xz" in \
        xenial.index_urls()
    bookworm = gen.archive("bookworm")
    assert bookworm.index_urls()[-1] == \
        "https://deb.debian.org/debian-security/dists/bookworm-security/main/binary-amd64/Packages.xz"
    assert all("universe" not in u for u in bookworm.index_urls())


# --- the committed per-release data, through transformer.packages ----------------------------


@pytest.mark.parametrize(
    ("release", "lib"),
    [
        ("xenial", "libssl1.0.0"),
        ("bionic", "libssl1.1"),
        ("focal", "libssl1.1"),
        ("bullseye", "libssl1.1"),
        ("jammy", "libssl3"),
        ("bookworm", "libssl3"),
        ("noble", "libssl3t64"),
        ("trixie", "libssl3t64"),
        ("resolute", "libssl3t64"),
    ],
)
def test_libssl_per_release(release: str, lib: str) -> None:
    dev_map, build_only = packages.maps("apt", release)
    assert dev_map["libssl-dev"] == [lib]
    assert dev_map["libpq-dev"] == ["libpq5"]
    assert {"build-essential", "gcc", "make"} <= build_only


@pytest.mark.parametrize(
    ("release", "dev", "lib"),
    [
        ("xenial", "libffi-dev", "libffi6"),
        ("focal", "libffi-dev", "libffi7"),
        ("jammy", "libjpeg-dev", "libjpeg8"),  # Ubuntu's libjpeg is libjpeg-turbo's libjpeg8
        ("bullseye", "libjpeg-dev", "libjpeg62-turbo"),
        ("xenial", "libmysqlclient-dev", "libmysqlclient20"),
    ],
)
def test_release_specific_libraries(release: str, dev: str, lib: str) -> None:
    assert lib in packages.maps("apt", release)[0][dev]


def test_no_release_is_the_base(debian: dict) -> None:
    assert packages.maps("apt") == packages.maps("apt", "bookworm") == packages.maps("apt", "no-such-release")
    dev_map, build_only = packages.maps("apt")
    assert dev_map == debian["dev_to_runtime"] and build_only == set(debian["build_only"])
    assert packages.base_release() == "bookworm"
    assert set(packages.apt_releases()) == {"bookworm", "bullseye", "trixie", "xenial", "bionic", "focal", "jammy",
                                            "noble", "resolute"}


def test_release_differences_are_differences(debian: dict) -> None:
    for codename, diff in debian["releases"].items():
        parent = diff["parent"]
        assert parent in debian["releases"] or parent == "bookworm", codename
        parent_map = packages.maps("apt", parent)[0]
        for dev, libs in diff["dev_to_runtime"].items():
            assert parent_map.get(dev) != libs, (codename, dev)
        assert not set(diff["build_only_added"]) & set(diff["build_only_removed"])


def test_source_names_urls_and_dates(debian: dict) -> None:
    src = debian["_source"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", src["retrieved"])
    xenial = src["releases"]["xenial"]
    assert xenial["version"] == "16.04" and xenial["distribution"] == "ubuntu"
    assert "http://archive.ubuntu.com/ubuntu/dists/xenial/main/binary-amd64/Packages.xz" in xenial["indices"]
    assert all(date for date in xenial["dates"].values())
    assert src["releases"]["bookworm"]["indices"][0].startswith("https://deb.debian.org/debian/dists/bookworm/")


def test_generator_chain_rebuilds_each_release() -> None:
    # jammy's parent is bookworm, bullseye's is jammy: bullseye is rebuilt through jammy.
    jammy = FAKE_DUMPAVAIL.replace("libssl3", "libssl3j") + "\nPackage: cmake\nSection: devel\n"
    bullseye = FAKE_DUMPAVAIL.replace("libssl3", "libssl1.1") + "\nPackage: cmake\nSection: utils\n"
    texts = {"bookworm": FAKE_DUMPAVAIL, "jammy": jammy, "bullseye": bullseye}
    doc = gen.build_all(texts, {r: {"distribution": "x", "version": "1"} for r in texts}, "d")
    assert doc["releases"]["bullseye"]["parent"] == "jammy"
    # cmake is build-only in jammy but a plain package in bullseye: the chain must drop it again
    assert doc["releases"]["bullseye"]["build_only_removed"] == ["cmake"]
    view = doc
    for codename in ("jammy", "bullseye"):
        view = gen.apply_diff(view, doc["releases"][codename])
    direct = gen.build_map(bullseye, "bullseye")
    assert view["dev_to_runtime"] == direct["dev_to_runtime"]
    assert view["build_only"] == direct["build_only"]


# --- what keeping a -dev package itself would bring (the fallback on an unknown release) -------------------

COSTS = """\
Package: coreutils
Essential: yes
Depends: libc6
Installed-Size: 100
Section: utils

Package: libc6
Source: glibc
Installed-Size: 500000
Section: libs

Package: libsmall-dev
Source: small
Depends: libsmall1, libc6
Installed-Size: 100
Section: libdevel

Package: libsmall1
Source: small
Depends: libc6
Installed-Size: 200
Section: libs

Package: libbig-dev
Source: big
Depends: libbig1
Installed-Size: 100
Section: libdevel

Package: libbig1
Source: big
Installed-Size: 150000
Section: libs

Package: libsame-dev
Source: same
Depends: libsame1
Section: libdevel

Package: libsame1
Source: same
Installed-Size: 150000
Section: libs

Package: libglib-dev
Source: glib
Depends: libglib0, pkg-config
Section: libdevel

Package: libglib0
Source: glib
Section: libs

Package: pkg-config
Depends: dpkg-dev
Section: devel

Package: dpkg-dev
Depends: binutils-x86-64-linux-gnu | binutils, make, gcc-12-base
Section: utils

Package: binutils-x86-64-linux-gnu
Section: devel

Package: make
Section: devel

Package: gcc-12-base
Section: libs
"""
# Every library renamed; pkg-config no longer pulls in dpkg-dev; libbig2 is small.
COSTS_OTHER = COSTS.replace("libsmall1", "libsmall2").replace("libglib0", "libglib1").replace(
    "Package: pkg-config\nDepends: dpkg-dev\n", "Package: pkg-config\n").replace(
    "libbig1\nSource: big\nInstalled-Size: 150000", "libbig2\nSource: big\nInstalled-Size: 10").replace(
    "libbig1", "libbig2")


@pytest.mark.parametrize(("names", "named"), [
    ({"gcc-12", "gcc", "binutils", "cpp-12-x86-64-linux-gnu"}, "gcc"),
    ({"binutils-x86-64-linux-gnu", "cpp-12"}, "cpp-12"),
    ({"gcc-12-base", "libgcc-s1", "cpp-doc", "libstdc++-12-dev", "pkg-config"}, None),
])
def test_the_toolchain_package_named(names: set[str], named: str | None) -> None:
    assert gen.toolchain_in(names) == named


def test_costs_count_what_the_essential_packages_do_not_bring() -> None:
    mapper = gen.RuntimeMapper(gen.parse_packages(COSTS))
    toolchain, large = gen.dev_costs(mapper, ["libsmall-dev", "libbig-dev", "libglib-dev", "libnone-dev"])
    # libc6's 500 MB are in every image (coreutils is Essential); dpkg-dev's first alternative is taken
    assert toolchain == {"libglib-dev": "binutils-x86-64-linux-gnu"}
    assert large == ["libbig-dev"]
    assert mapper.closure(["libglib-dev"]) == {"libglib-dev", "libglib0", "pkg-config", "dpkg-dev",
                                               "binutils-x86-64-linux-gnu", "make", "gcc-12-base"}


def test_costs_are_kept_for_the_dev_packages_that_differ_between_releases() -> None:
    texts = {"bookworm": COSTS, "jammy": COSTS_OTHER}
    doc = gen.build_all(texts, {r: {"distribution": "x", "version": "1"} for r in texts}, "d")
    assert doc["dev_toolchain"] == {"libglib-dev": "binutils-x86-64-linux-gnu"}
    assert doc["dev_large"] == ["libbig-dev"]  # libsame-dev is as large, but its library has one name
    assert doc["dev_large_mb"] == gen.LARGE_MB
    diff = doc["releases"]["jammy"]
    assert diff["dev_toolchain"] == {"libglib-dev": None}
    assert (diff["dev_large_added"], diff["dev_large_removed"]) == ([], ["libbig-dev"])
    view = gen.apply_diff(doc, diff)
    assert (view["dev_toolchain"], view["dev_large"]) == ({}, [])
    assert json.loads(gen.render(doc)) == doc


def test_committed_costs_concern_dev_packages_of_their_release(debian: dict) -> None:
    assert debian["dev_large_mb"] == 100
    assert set(debian["dev_toolchain"]) | set(debian["dev_large"]) <= set(debian["dev_to_runtime"])
    assert all(gen.TOOLCHAIN.match(tool) for tool in debian["dev_toolchain"].values())
    for diff in debian["releases"].values():
        assert not set(diff["dev_large_added"]) & set(diff["dev_large_removed"])


def test_a_build_tool_s_run_time_part_is_not_called_its_shared_libraries() -> None:
    from transformer import refactor
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc python3-dev python3-pip libpq-dev\n"
            "WORKDIR /app\nCOPY . .\nRUN pip3 install --break-system-packages -r requirements.txt\n"
            "CMD [\"python3\", \"app.py\"]\n")
    messages = [c.message for c in refactor(text).changes]
    # (python3-pip's run-time part is python3 too: one line names both)
    assert "the runtime installs python3, the run-time part of python3-dev and python3-pip, which build" in messages, \
        messages
    assert "the runtime installs libpq5, the shared libraries behind libpq-dev" in messages, messages
