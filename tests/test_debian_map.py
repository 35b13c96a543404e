"""The -dev -> runtime library maps in transformer/data and their Debian generator."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

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
def debian() -> dict:
    return json.loads((DATA / "debian_runtime.json").read_text())


@pytest.fixture(scope="module")
def alpine() -> dict:
    return json.loads((DATA / "alpine_runtime.json").read_text())


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
    assert set(alpine) == {"_curated", "_note", "build_only", "dev_to_runtime"}
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


def test_alpine_keys_are_dev_packages(alpine: dict) -> None:
    for dev in alpine["dev_to_runtime"]:
        assert dev.endswith("-dev") or dev == "linux-headers", dev


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
def fake() -> dict:
    return gen.build_map(FAKE_DUMPAVAIL, "debian 12 bookworm")


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


def test_generator_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gen, "dumpavail", lambda: FAKE_DUMPAVAIL)
    monkeypatch.setattr(gen, "os_release", lambda: "debian 12 bookworm")
    out = tmp_path / "map.json"
    assert gen.main(["--out", str(out)]) == 0
    assert gen.main(["--out", str(out), "--check"]) == 0
    out.write_text(out.read_text().replace("libfoo1", "libfoo2"))
    assert gen.main(["--out", str(out), "--check"]) == 1
