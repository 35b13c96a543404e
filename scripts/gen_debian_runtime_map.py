#!/usr/bin/env python3
"""Generate transformer/data/debian_runtime.json from Debian's own package metadata.

When msrefactor moves a ``-dev`` package (``libpq-dev``) out of the runtime stage
into a builder stage, the runtime stage must keep the shared library behind it
(``libpq5``).  This script derives that map from the distributions' own package
indices, read straight from the archives, so nothing in the map is guessed.  The
library behind a -dev package changes between releases (``libssl-dev`` ->
``libssl1.0.0`` on Ubuntu 16.04, ``libssl1.1`` on Debian 11 and Ubuntu 18.04/20.04,
``libssl3`` on Debian 12 and Ubuntu 22.04), so the map is made per release.

Sources
-------
``RELEASES`` names every release read: Debian bullseye, bookworm and trixie from
deb.debian.org (component main; suites ``<release>``, ``<release>-updates`` and
``<release>-security``), Ubuntu xenial, bionic, focal, jammy, noble and resolute from
archive.ubuntu.com (components main and universe; pockets ``<release>``,
``-updates`` and ``-security``).  For each suite the ``Packages.xz`` index of
amd64 is read, and the suite's ``InRelease`` for its ``Date``; every URL and
date goes into the output's ``_source``.  A package present in several suites
is taken at its highest version (Debian version ordering), as apt would install it.

Method
------
1. Read every package stanza once (one stanza per package, the highest version
   of the release's suites).  Only ``Package``, ``Source``, ``Section``,
   ``Multi-Arch``, ``Depends``, ``Pre-Depends``, ``Provides``, ``Installed-Size``
   and ``Essential`` are used.
2. A dependency ``a (>= 1) | b`` is resolved to its first alternative that is a
   real package; when no alternative is real, to the single real package that
   provides it (a virtual name with several providers is left unresolved, as
   apt itself would refuse to choose).  Architecture qualifiers (``:any``) and
   version constraints are dropped.
3. A *runtime library* is a resolved dependency that is not itself a
   development, tool or data package (``-dev``, ``-dbg``, ``-bin``, ``-tools``,
   ``-common``, ``-data``, ``-base`` ...) and is a shared library package:
   ``Section: libs`` (or ``oldlibs``), or ``Multi-Arch: same`` with a
   library-like name (``lib*`` or ``zlib1g``).
4. A *development package* is one named ``*-dev``, or a ``Section: libdevel``
   one named ``*-dev-*`` or ``*multidev`` (``libmariadb-dev-compat``,
   ``krb5-multidev``).  For each, the runtime list is given by the first of
   these rules with a non-empty answer:

   a. runtime libraries built from the same ``Source`` as the -dev package
      (``libpq-dev`` -> ``libpq5``, both from ``postgresql-15``);
   b. the runtime libraries of the same-source development dependencies
      (``libjpeg-dev`` -> ``libjpeg62-turbo-dev`` -> ``libjpeg62-turbo``);
   c. runtime libraries from other sources (the ``Section: libs`` fallback;
      e.g. Haskell ``libghc-*-dev`` -> ``libgmp10``, ``libc6``);
   d. only for a pure indirection package (every dependency is itself a
      development package): the runtime libraries of those dependencies,
      the C toolchain's own (``libc6-dev``, ``linux-libc-dev``,
      ``libstdc++-*-dev`` ...) excepted.  This is how ``default-*-dev``
      metapackages resolve (``default-libmysqlclient-dev`` ->
      ``libmariadb-dev-compat`` -> ``libmariadb-dev`` -> ``libmariadb3``).

   Rules b and d recurse at most ``MAX_DEPTH`` levels.
5. Toolchain packages have no runtime part at all: ``build_only`` lists every
   package with ``Section: devel`` whose name does not end in ``-dev``
   (``build-essential``, ``gcc``, ``make``, ``pkg-config``, ``cmake`` ...), plus
   the interpreter headers ``python3-dev``, ``python3.11-dev``, ``php-dev``,
   ``ruby-dev`` ... (the official ``python``/``php``/``ruby`` runtime images
   already carry the interpreter).  Those are never keys of ``dev_to_runtime``.
   Section devel also files programs that run in the built image, which the
   indices cannot tell from a compiler; ``RUN_TIME_TOOLS`` names them by what
   they are for (debuggers, checkers such as ``shellcheck``, converters such as
   ``highlight``, servers such as ``webhook``), and they are not build-only.
   A build-only package may bring a run-time part of its own: ``gettext``
   (msgfmt, xgettext) depends on ``gettext-base``, which holds ``envsubst`` and
   ``gettext.sh``; ``python3-dev`` depends on ``python3``.  ``build_only_runtime``
   maps a build-only package to its *run-time parts*: the dependencies built from
   its own ``Source`` that are neither build-only, development, documentation
   nor shared-library packages (a library of its own serves its programs, and
   comes with the part that needs it), nor in every image (the ``Essential``
   closure), and whose own dependencies reach no compiler or build tool
   (``TOOLCHAIN_NAMES``) and no build-only package: ``gcc`` -> ``cpp`` (the
   preprocessor) is no run-time part, nor is anything of a cross toolchain.
6. ``dev_to_runtime`` keeps the development packages with a non-empty runtime
   list; header-only libraries map to nothing and are left out, and so are
   Rust crates and Go modules (``Section: rust``/``golang``: source code whose
   runtime needs cargo / go build decide, and which would swamp the map).  It
   also keeps every *virtual* ``-dev`` name with exactly one provider
   (``libxslt-dev`` -> ``libxslt1-dev``), which ``apt-get install`` accepts.
   If the file would exceed ``SIZE_LIMIT`` bytes, only ``Section: libdevel``
   packages are kept.
7. What installing a -dev package itself would add to a runtime (the fallback on
   a release the data do not know, when the releases name its library
   differently): the closure of its Depends/Pre-Depends (alternatives resolved
   as in 2), less the closure of the ``Essential: yes`` packages (in every
   image).  ``dev_toolchain`` maps each -dev package whose closure reaches a
   compiler, assembler, linker or build driver (``TOOLCHAIN_NAMES``: gcc, g++,
   cpp, binutils, make ... with their versioned and ``-x86-64-linux-gnu``
   forms) to the most basic one reached; ``dev_large`` lists the others whose
   closure's ``Installed-Size`` exceeds ``LARGE_MB`` (100 MB).  Only the -dev
   packages whose runtime list is not the same in every release read are
   recorded: for the others the lookup needs no fallback.

Layout
------
The base release (``BASE``, Debian 12 bookworm, the release of the default
images) is stored whole at the top level: ``build_only`` and ``dev_to_runtime``,
as before.  Every other release is stored under ``releases.<codename>`` as the
difference from its ``parent`` release (``PARENTS``: the release whose map is
closest, so that the differences stay small; the chain ends at the base):
``dev_to_runtime`` holds only the entries whose runtime list differs (``null`` =
no entry in that release), ``build_only_added`` and ``build_only_removed`` the
changes of the build-only list (per-kernel ``linux-*-<version>`` packages left
out; a name is only removed when the package exists in that release).
``dev_toolchain`` and ``dev_large`` are stored the same way: ``releases.<codename>.dev_toolchain``
holds the changed entries (``null`` = none there), ``dev_large_added`` and ``dev_large_removed``
the changes of the list; both only for the -dev packages with a ``dev_to_runtime`` entry in that
release (for the others a release's costs mean nothing).
``build_only_runtime`` is stored the same way: ``releases.<codename>.build_only_runtime`` holds the
changed entries (``null`` = none there).
``releases.<codename>`` also names its ``distribution`` and ``version``.
``transformer/packages.py`` applies the differences when asked for a release.

Usage::

    python scripts/gen_debian_runtime_map.py            # writes the default --out
    python scripts/gen_debian_runtime_map.py --check    # exit 1 if the committed file is stale
    python scripts/gen_debian_runtime_map.py --cache DIR  # keep the downloaded indices in DIR

``--check`` downloads the indices again: the archives move (point releases,
security updates), so a stale answer after some weeks is expected.
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import json
import lzma
import re
import sys
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "transformer" / "data" / "debian_runtime.json"
GENERATED_BY = "scripts/gen_debian_runtime_map.py"
SIZE_LIMIT = 3_000_000
MAX_DEPTH = 3

WANTED_FIELDS = frozenset({"package", "source", "section", "multi-arch", "depends", "pre-depends", "provides",
                           "installed-size", "essential"})
LIB_SECTIONS = frozenset({"libs", "oldlibs"})
# Suffixes of packages that are never the shared-library part of a -dev package.
NON_RUNTIME_SUFFIXES = (
    "-dev",
    "-dev-bin",
    "-dev-tools",
    "-dbg",
    "-dbgsym",
    "-doc",
    "-headers",
    "-static",
    "-bin",
    "-tools",
    "-utils",
    "-common",
    "-data",
    "-base",
)
# Shared library packages whose names do not start with "lib".
KNOWN_LIB_NAMES = frozenset({"zlib1g"})
# -dev packages of the C/C++ toolchain itself: not followed by rule (d).
TOOLCHAIN_DEV = re.compile(
    r"^(libc6?-dev|libc6-dev-.*|linux-libc-dev|libstdc\+\+(-\d+)?-dev|libgcc(-\d+)?-dev|libc\+\+(-\d+)?-dev"
    r"|libc\+\+abi(-\d+)?-dev|libcrypt-dev|libnsl-dev|libtirpc-dev|rpcsvc-proto)$"
)
# Always build-only, whatever their Section (the python image provides Python).
EXPLICIT_BUILD_ONLY = frozenset(
    {"build-essential", "gcc", "g++", "make", "pkg-config", "pkgconf", "python3-dev", "python-dev-is-python3"}
)
LANGUAGE_HEADERS = re.compile(r"^(python3|php|ruby)(\.?\d+(\.\d+)?)?(-all)?-dev$")
# Language-ecosystem source packages (Rust crates, Go modules): their runtime needs are
# decided by cargo / go build, not by apt, and they would swamp the map.
SKIP_SECTIONS = frozenset({"rust", "golang"})


@dataclass
class Pkg:
    """The fields of one package stanza this script needs."""

    name: str
    source: str
    section: str
    multi_arch: str
    depends: list[list[str]] = field(default_factory=list)  # groups of alternatives
    provides: list[str] = field(default_factory=list)
    size_kb: int = 0  # Installed-Size
    essential: bool = False


def iter_stanzas(text: str) -> Iterator[dict[str, str]]:
    """Yield the wanted fields of each deb822 stanza (continuation lines joined)."""
    fields: dict[str, str] = {}
    key = ""
    for line in text.splitlines():
        if not line.strip():
            if fields:
                yield fields
            fields, key = {}, ""
        elif line[0] in " \t":
            if key in WANTED_FIELDS:
                fields[key] += " " + line.strip()
        else:
            name, _, value = line.partition(":")
            key = name.strip().lower()
            if key in WANTED_FIELDS:
                fields[key] = value.strip()
    if fields:
        yield fields


def _names(value: str) -> Iterator[str]:
    """Bare package names of one alternative list item: drop versions and :arch."""
    for item in value.split("|"):
        name = item.strip().split("(")[0].split("[")[0].split("<")[0].strip()
        name = name.split(":")[0]
        if name:
            yield name


def parse_packages(text: str) -> dict[str, Pkg]:
    """Parse ``apt-cache dumpavail``-style text; the first stanza of a name wins."""
    pkgs: dict[str, Pkg] = {}
    for st in iter_stanzas(text):
        name = st.get("package", "")
        if not name or name in pkgs:
            continue
        source = st.get("source", name).split("(")[0].strip() or name
        deps: list[list[str]] = []
        for key in ("pre-depends", "depends"):
            for group in st.get(key, "").split(","):
                alts = list(_names(group))
                if alts:
                    deps.append(alts)
        provides = [n for item in st.get("provides", "").split(",") for n in _names(item)]
        pkgs[name] = Pkg(
            name=name,
            source=source,
            section=st.get("section", "").rsplit("/", 1)[-1],
            multi_arch=st.get("multi-arch", "no"),
            depends=deps,
            provides=provides,
            size_kb=int(size) if (size := st.get("installed-size", "")).isdigit() else 0,
            essential=st.get("essential", "").lower() == "yes",
        )
    return pkgs


def is_dev_name(name: str) -> bool:
    return name.endswith("-dev")


def is_dev_pkg(pkg: Pkg) -> bool:
    """A development package: ``*-dev``, or a ``Section: libdevel`` ``*-dev-*`` / ``*multidev`` one
    (``libmariadb-dev-compat``, ``krb5-multidev``); cross-toolchain parts and tools excluded."""
    name = pkg.name
    if name.endswith(("-cross", "-bin", "-tools")):
        return False
    return is_dev_name(name) or (pkg.section == "libdevel" and ("-dev-" in name or name.endswith("multidev")))


class RuntimeMapper:
    """Computes the runtime libraries of -dev packages from parsed stanzas."""

    def __init__(self, pkgs: dict[str, Pkg]) -> None:
        self.pkgs = pkgs
        self.providers: dict[str, list[str]] = {}
        for pkg in pkgs.values():
            for virt in pkg.provides:
                self.providers.setdefault(virt, []).append(pkg.name)
        self._memo: dict[str, list[str]] = {}
        self._deps: dict[str, list[str]] = {}

    def resolve(self, alternatives: list[str]) -> str | None:
        """The first real alternative, else the sole provider of the first virtual one."""
        for name in alternatives:
            if name in self.pkgs:
                return name
        for name in alternatives:
            provs = sorted(set(self.providers.get(name, [])))
            if len(provs) == 1:
                return provs[0]
        return None

    def deps(self, name: str) -> list[str]:
        if name in self._deps:
            return self._deps[name]
        out: list[str] = []
        for group in self.pkgs[name].depends:
            dep = self.resolve(group)
            if dep is not None and dep != name and dep not in out:
                out.append(dep)
        self._deps[name] = out
        return out

    def closure(self, roots: Iterable[str]) -> set[str]:
        """``roots`` and every package their Depends/Pre-Depends pull in, alternatives resolved as apt does."""
        seen = set(roots)
        todo = list(seen)
        while todo:
            for dep in self.deps(todo.pop()):
                if dep not in seen:
                    seen.add(dep)
                    todo.append(dep)
        return seen

    def is_runtime_lib(self, name: str) -> bool:
        if name.endswith(NON_RUNTIME_SUFFIXES):
            return False
        pkg = self.pkgs[name]
        if pkg.section in LIB_SECTIONS:
            return True
        libish = name.startswith("lib") or name in KNOWN_LIB_NAMES
        # Some libraries sit in Section: devel (libomp5-14); Multi-Arch: same tells them apart.
        return libish and pkg.multi_arch == "same" and pkg.section != "libdevel"

    def runtime_of(self, name: str, depth: int = 0) -> list[str]:
        """Sorted runtime library packages of the -dev package ``name``."""
        if name in self._memo:
            return self._memo[name]
        if depth > MAX_DEPTH:
            return []
        src = self.pkgs[name].source
        deps = self.deps(name)
        libs = [d for d in deps if self.is_runtime_lib(d)]
        devs = [d for d in deps if is_dev_pkg(self.pkgs[d]) and not TOOLCHAIN_DEV.match(d)]
        same_src_devs = [d for d in devs if self.pkgs[d].source == src]
        result: list[str] = [d for d in libs if self.pkgs[d].source == src]  # (a)
        if not result or self.pkgs[name].section == "oldlibs":  # (b); transitional: the real -dev's libs too
            result += self._follow(same_src_devs, depth)
        if not result:  # (c)
            result = libs
        if not result and all(is_dev_pkg(self.pkgs[d]) for d in deps):  # (d): pure indirection
            result = self._follow(devs, depth)
        result = sorted(set(result))
        if depth == 0 or result:
            self._memo[name] = result
        return result

    def _follow(self, devs: Iterable[str], depth: int) -> list[str]:
        out: list[str] = []
        for dev in devs:
            out.extend(self.runtime_of(dev, depth + 1))
        return out


# Filed under devel, but programs an image runs, or its users run, once built: never build-only. Section: devel
# says what a package is about (software development), not when its programs run, and Debian's indices do not
# tell compilers, headers and build systems (which a build consumes) from the rest; so, by what they are for:
# - debuggers, tracers and profilers, run against the running program (gdb, strace, valgrind, delve, lldb-N);
# - version control and file tools a running app may call (git, patch, diff, file);
# - checkers an image of checks runs on the files it is given, not on its own build (shellcheck, yamllint,
#   cppcheck, clang-tidy-N, cloc, diffstat);
# - converters a running app calls (highlight, source-highlight, code2html, skylighting: code to HTML);
# - servers, daemons and clients filed under devel (mostly Go programs: runc, skopeo, webhook, v2ray, pebble).
# A package kept that only the build used costs the runtime its size, never its meaning.
RUN_TIME_TOOLS = frozenset({
    "gdb", "gdbserver", "gdb-minimal", "gdb-multiarch", "valgrind", "strace", "ltrace", "heaptrack", "systemtap",
    "systemtap-runtime", "perf-tools-unstable", "delve", "rr", "google-perftools", "electric-fence", "cgdb",
    "distcc", "ccache", "git", "subversion", "mercurial", "patch", "diffutils", "file", "lsof",
    "shellcheck", "yamllint", "cppcheck", "clang-tidy", "cloc", "diffstat",
    "highlight", "source-highlight", "code2html", "skylighting",
    "runc", "skopeo", "serf", "webhook", "v2ray", "pebble", "hey", "sia", "jsonnet", "minify", "lego",
    "go-mmproxy", "gobgpd", "certspotter", "debuginfod", "snapd", "adb", "buildbot", "clangd", "ycmd",
})
# ... and their versioned forms (lldb-15, clang-tidy-14, clangd-16)
RUN_TIME_TOOL_VERSIONS = re.compile(r"^(lldb|clang-tidy|clangd)(-[\d.]+)?$")


def is_build_only(pkg: Pkg) -> bool:
    if pkg.name in RUN_TIME_TOOLS or RUN_TIME_TOOL_VERSIONS.match(pkg.name):
        return False
    if pkg.name in EXPLICIT_BUILD_ONLY or LANGUAGE_HEADERS.match(pkg.name):
        return True
    if pkg.section != "devel" or is_dev_name(pkg.name):
        return False
    # A shared library filed under devel (libomp5-14) is a runtime package.
    return not (pkg.name.startswith("lib") and pkg.multi_arch == "same")


def run_time_parts(mapper: RuntimeMapper, build_only: Iterable[str]) -> dict[str, list[str]]:
    """Build-only package -> its run-time parts (sorted), for those that have any: the dependencies built from its
    own source that run in an image (``gettext`` -> ``gettext-base``, with envsubst), not build-only, development,
    documentation or shared-library packages, not in every image, and bringing no compiler, build tool or
    build-only package (``gcc`` -> ``cpp`` is not one)."""
    pkgs = mapper.pkgs
    excluded = set(build_only)
    essential = mapper.closure(n for n, p in pkgs.items() if p.essential)

    def runs(name: str) -> bool:
        pkg = pkgs[name]
        if name in essential or name in excluded or is_dev_pkg(pkg) or mapper.is_runtime_lib(name) \
                or pkg.section in LIB_SECTIONS | {"libdevel", "doc"}:
            return False
        added = mapper.closure([name]) - essential
        return toolchain_in(added) is None and not added & excluded

    out: dict[str, list[str]] = {}
    for name in sorted(n for n in excluded if n in pkgs and not KERNEL_BUILD.match(n)):
        source = pkgs[name].source
        parts = sorted(d for d in mapper.deps(name) if pkgs[d].source == source and runs(d))
        if parts:
            out[name] = parts
    return out


# --- what keeping a -dev package in a runtime would bring ----------------------------------

# Compilers, assemblers, linkers and build drivers, most basic first: a -dev package whose dependencies
# reach one (gcc-12, binutils-x86-64-linux-gnu ...) would bring the toolchain back into the runtime.
TOOLCHAIN_NAMES = ("gcc", "g++", "cpp", "binutils", "make", "gfortran", "gccgo", "gnat", "gdc", "clang", "llvm",
                   "lld", "cmake", "ninja-build", "autoconf", "automake", "libtool", "dpkg-dev", "build-essential",
                   "ghc", "rustc", "cargo", "golang-go")
TOOLCHAIN = re.compile(rf"^({'|'.join(map(re.escape, TOOLCHAIN_NAMES))})(-[\d.]+)?(-x86-64-linux-gnu)?$")
# A -dev package whose dependencies add more than this (Installed-Size, MB) is too large to keep: less than
# half of what build-essential adds (174 MB on xenial, 264 on bookworm, 323 on trixie, 2026-11-30 indices).
LARGE_MB = 100


def toolchain_in(names: Iterable[str]) -> str | None:
    """The toolchain package of ``names`` to name: the most basic one (gcc before binutils), unversioned first."""
    found = [(TOOLCHAIN_NAMES.index(m.group(1)), len(n), n) for n in names if (m := TOOLCHAIN.match(n))]
    return min(found)[2] if found else None


def dev_costs(mapper: RuntimeMapper, devs: Iterable[str]) -> tuple[dict[str, str], list[str]]:
    """What installing each -dev package of ``devs`` adds to an image: (-dev package -> the toolchain package its
    dependencies reach; the -dev packages reaching none whose dependencies add more than ``LARGE_MB``). What
    the Essential packages pull in is in every image and not counted."""
    essential = mapper.closure(n for n, p in mapper.pkgs.items() if p.essential)
    toolchain: dict[str, str] = {}
    large: list[str] = []
    for dev in devs:
        real = dev if dev in mapper.pkgs else mapper.resolve([dev])  # a virtual -dev name: its one provider
        if real is None:
            continue
        added = mapper.closure([real]) - essential
        tool = toolchain_in(added)
        if tool is not None:
            toolchain[dev] = tool
        elif sum(mapper.pkgs[n].size_kb for n in added) > LARGE_MB * 1024:
            large.append(dev)
    return toolchain, sorted(large)


def build_map(text: str, release: str = "", size_limit: int = SIZE_LIMIT) -> dict[str, object]:
    """The whole JSON document for the stanzas in ``text`` (``apt-cache dumpavail`` output)."""
    pkgs = parse_packages(text)
    mapper = RuntimeMapper(pkgs)
    build_only = sorted(name for name, pkg in pkgs.items() if is_build_only(pkg))
    excluded = set(build_only)

    dev_map: dict[str, list[str]] = {}
    sections: dict[str, str] = {}
    for name, pkg in pkgs.items():
        if is_dev_pkg(pkg) and name not in excluded and pkg.section not in SKIP_SECTIONS:
            runtime = mapper.runtime_of(name)
            if runtime:
                dev_map[name] = runtime
                sections[name] = pkg.section
    # Virtual -dev names that apt-get install resolves to their only provider.
    for virt, provs in mapper.providers.items():
        if is_dev_name(virt) and virt not in pkgs and virt not in excluded:
            real = sorted(set(provs))
            if len(real) == 1 and real[0] in dev_map:
                dev_map[virt] = dev_map[real[0]]
                sections[virt] = sections[real[0]]

    doc = _document(release, dev_map, build_only)
    if len(render(doc).encode()) > size_limit:
        dev_map = {k: v for k, v in dev_map.items() if sections[k] == "libdevel"}
        doc = _document(release, dev_map, build_only)
    toolchain, large = dev_costs(mapper, dev_map)
    return {**doc, "build_only_runtime": run_time_parts(mapper, build_only), "dev_toolchain": toolchain,
            "dev_large": large, "dev_large_mb": LARGE_MB}


def _document(release: str, dev_map: dict[str, list[str]], build_only: list[str]) -> dict[str, object]:
    return {
        "_generated_by": GENERATED_BY,
        "_note": "Debian -dev package -> shared library packages it depends on (same Source first); "
        "build_only: toolchain packages with no runtime part of their own (build_only_runtime: build-only package -> "
        "the packages of its source it depends on that run in an image, gettext -> gettext-base); "
        "dev_toolchain: -dev package -> the compiler or "
        f"build tool its dependencies pull in; dev_large: -dev packages whose dependencies add more than {LARGE_MB} "
        "MB (both only for -dev packages whose libraries differ between releases). The top level is the base release; "
        "releases.<codename> holds what another release changes (null: no entry there). Regenerate with the "
        "script, do not edit.",
        "_release": release,
        "build_only": build_only,
        "dev_to_runtime": {k: dev_map[k] for k in sorted(dev_map)},
    }


def _render_value(value: object, indent: int) -> list[str]:
    """A value as lines: maps whose values are containers, and lists, open one item per line."""
    pad = "  " * indent
    if isinstance(value, dict) and value and indent < 4:
        items = sorted(value.items())
        lines = ["{"]
        for j, (k, v) in enumerate(items):
            sep = "," if j < len(items) - 1 else ""
            inner = _render_value(v, indent + 1)
            lines.append(f"{pad}  {json.dumps(k)}: {inner[0]}")
            lines.extend(inner[1:])
            lines[-1] += sep
        lines.append(f"{pad}}}")
        return lines
    if isinstance(value, list) and value and indent < 2:
        lines = ["["]
        lines += [f"{pad}  {json.dumps(item)}" + ("," if j < len(value) - 1 else "") for j, item in enumerate(value)]
        lines.append(f"{pad}]")
        return lines
    return [json.dumps(value)]


def render(doc: dict[str, object]) -> str:
    """Sorted keys, one map entry per line (four levels deep), top-level lists one item per line."""
    return "\n".join(_render_value(doc, 0)) + "\n"


# --- the archives -----------------------------------------------------------------------


@dataclass(frozen=True)
class Archive:
    """One distribution release and where its package indices are."""

    codename: str
    distribution: str  # "debian" or "ubuntu"
    version: str
    mirror: str
    security_mirror: str
    components: tuple[str, ...]

    def suites(self) -> list[tuple[str, str]]:
        """(mirror, suite): the release, its updates and its security pocket."""
        return [
            (self.mirror, self.codename),
            (self.mirror, f"{self.codename}-updates"),
            (self.security_mirror, f"{self.codename}-security"),
        ]

    def index_urls(self) -> list[str]:
        return [
            f"{mirror}/dists/{suite}/{component}/binary-amd64/Packages.xz"
            for mirror, suite in self.suites()
            for component in self.components
        ]

    def release_urls(self) -> list[str]:
        return [f"{mirror}/dists/{suite}/InRelease" for mirror, suite in self.suites()]


DEBIAN = "https://deb.debian.org/debian"
DEBIAN_SECURITY = "https://deb.debian.org/debian-security"
UBUNTU = "http://archive.ubuntu.com/ubuntu"
RELEASES: tuple[Archive, ...] = (
    Archive("bullseye", "debian", "11", DEBIAN, DEBIAN_SECURITY, ("main",)),
    Archive("bookworm", "debian", "12", DEBIAN, DEBIAN_SECURITY, ("main",)),
    Archive("trixie", "debian", "13", DEBIAN, DEBIAN_SECURITY, ("main",)),
    Archive("xenial", "ubuntu", "16.04", UBUNTU, UBUNTU, ("main", "universe")),
    Archive("bionic", "ubuntu", "18.04", UBUNTU, UBUNTU, ("main", "universe")),
    Archive("focal", "ubuntu", "20.04", UBUNTU, UBUNTU, ("main", "universe")),
    Archive("jammy", "ubuntu", "22.04", UBUNTU, UBUNTU, ("main", "universe")),
    Archive("noble", "ubuntu", "24.04", UBUNTU, UBUNTU, ("main", "universe")),
    Archive("resolute", "ubuntu", "26.04", UBUNTU, UBUNTU, ("main", "universe")),
)
BASE = "bookworm"


def archive(codename: str) -> Archive:
    return next(a for a in RELEASES if a.codename == codename)


def _cmp_text(a: str, b: str) -> int:
    """dpkg's ordering of the non-digit parts: ``~`` first, then the end, letters, the rest."""

    def order(c: str) -> int:
        if not c:
            return 0
        if c == "~":
            return -1
        return ord(c) if c.isalpha() else ord(c) + 256

    for ca, cb in itertools.zip_longest(a, b, fillvalue=""):
        if order(ca) != order(cb):
            return -1 if order(ca) < order(cb) else 1
    return 0


_PARTS = re.compile(r"(\D*)(\d*)")


def _cmp_part(a: str, b: str) -> int:
    """Compare an upstream version or a revision, alternating text and numbers."""
    pa, pb = _PARTS.findall(a), _PARTS.findall(b)
    for (ta, na), (tb, nb) in itertools.zip_longest(pa, pb, fillvalue=("", "")):
        c = _cmp_text(ta, tb) or (int(na or 0) > int(nb or 0)) - (int(na or 0) < int(nb or 0))
        if c:
            return c
    return 0


def compare_versions(a: str, b: str) -> int:
    """-1, 0 or 1 as Debian version ``a`` is lower than, equal to or higher than ``b``."""

    def split(v: str) -> tuple[int, str, str]:
        epoch, _, rest = v.rpartition(":") if ":" in v else ("0", "", v)
        upstream, _, revision = rest.rpartition("-") if "-" in rest else (rest, "", "")
        return int(epoch or 0), upstream, revision

    ea, ua, ra = split(a)
    eb, ub, rb = split(b)
    if ea != eb:
        return -1 if ea < eb else 1
    return _cmp_part(ua, ub) or _cmp_part(ra, rb)


_STANZA_FIELD = re.compile(r"^(Package|Version): *(\S+)", re.M)


def merge_indices(texts: Iterable[str]) -> str:
    """One stanza per package: the one with the highest version among the indices."""
    best: dict[str, tuple[str, str]] = {}
    for text in texts:
        for stanza in text.split("\n\n"):
            fields = dict(_STANZA_FIELD.findall(stanza))
            name, version = fields.get("Package"), fields.get("Version", "0")
            if not name:
                continue
            old = best.get(name)
            if old is None or compare_versions(version, old[0]) > 0:
                best[name] = (version, stanza.strip("\n"))
    return "\n\n".join(stanza for _, stanza in best.values()) + "\n"


def download(url: str, cache: Path | None) -> bytes:
    """The bytes at ``url``, kept in (and read from) ``cache`` when given."""
    target = cache / re.sub(r"[^A-Za-z0-9.-]+", "_", url.split("://", 1)[-1]) if cache else None
    if target is not None and target.exists():
        return target.read_bytes()
    with urllib.request.urlopen(url, timeout=120) as resp:  # noqa: S310 - fixed archive URLs
        body: bytes = resp.read()
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(body)
    return body


def release_date(in_release: bytes) -> str:
    """The ``Date:`` field of an InRelease file."""
    m = re.search(rb"^Date: *(.+)$", in_release, re.M)
    return m.group(1).decode().strip() if m else ""


def read_release(arch: Archive, cache: Path | None) -> tuple[str, dict[str, object]]:
    """(merged stanzas of the release, its ``_source`` entry)."""
    dates = {url: release_date(download(url, cache)) for url in arch.release_urls()}
    texts = [lzma.decompress(download(url, cache)).decode("utf-8", "replace") for url in arch.index_urls()]
    source: dict[str, object] = {"distribution": arch.distribution, "version": arch.version,
                                 "indices": arch.index_urls(),
              "dates": dates}
    return merge_indices(texts), source


# --- one document for all releases ------------------------------------------------------


# Per-kernel packages (linux-headers-5.15.0-1059-gke ...): Ubuntu has some 8,000 per release, all
# build-only, none ever named literally in a Dockerfile; left out of the release differences.
KERNEL_BUILD = re.compile(r"^linux-.*\d+\.\d+(\.\d+)?-\d+")
# Each non-base release is stored as its difference from the release whose map is closest
# (measured on the 2026-11-30 indices: 1.3 MB of differences this way, 1.9 MB all from bookworm).
PARENTS = {
    "trixie": "noble",
    "noble": "bookworm",
    "resolute": "noble",
    "jammy": "bookworm",
    "bullseye": "jammy",
    "focal": "jammy",
    "bionic": "focal",
    "xenial": "bionic",
}


def release_diff(
    base: dict[str, object], other: dict[str, object], present: set[str] | None = None
) -> dict[str, object]:
    """What ``other`` changes in ``base``: changed/added entries, ``None`` for removed ones.

    With ``present`` (the packages of ``other``'s release), a build-only name of ``base`` is
    only removed when the package exists in ``other``'s release: a name apt cannot install
    there may stay build-only."""
    b_map, o_map = _dev_map(base), _dev_map(other)
    changed: dict[str, object] = {k: v for k, v in o_map.items() if b_map.get(k) != v}
    changed.update({k: None for k in b_map if k not in o_map})
    b_only = {n for n in _build_only(base) if not KERNEL_BUILD.match(n)}
    o_only = {n for n in _build_only(other) if not KERNEL_BUILD.match(n)}
    # costs: only those of the -dev packages with an entry in ``other`` (the lookup asks for no other)
    b_tool, o_tool = _toolchain(base), _toolchain(other)
    tool: dict[str, object] = {k: v for k, v in o_tool.items() if b_tool.get(k) != v}
    tool.update({k: None for k in b_tool if k not in o_tool and k in o_map})
    b_parts, o_parts = _parts(base), _parts(other)
    parts: dict[str, object] = {k: v for k, v in o_parts.items() if b_parts.get(k) != v}
    parts.update({k: None for k in b_parts if k not in o_parts})
    return {
        "build_only_added": sorted(o_only - b_only),
        "build_only_removed": sorted(n for n in b_only - o_only if present is None or n in present),
        "build_only_runtime": parts,
        "dev_large_added": sorted(set(_large(other)) - set(_large(base))),
        "dev_large_removed": sorted(k for k in set(_large(base)) - set(_large(other)) if k in o_map),
        "dev_to_runtime": changed,
        "dev_toolchain": tool,
    }


def keep_varying_costs(docs: dict[str, dict[str, object]]) -> None:
    """Keep the costs (``dev_toolchain``, ``dev_large``) of the -dev packages whose runtime list is not the
    same in every release: only for those is the -dev package itself what a runtime of an unknown release
    installs (the lookup takes the one answer of the others)."""
    answers: dict[str, set[tuple[str, ...]]] = {}
    for doc in docs.values():
        for dev, libs in _dev_map(doc).items():
            answers.setdefault(dev, set()).add(tuple(libs))
    varying = {dev for dev, found in answers.items() if len(found) > 1}
    for doc in docs.values():
        doc["dev_toolchain"] = {k: v for k, v in _toolchain(doc).items() if k in varying}
        doc["dev_large"] = [k for k in _large(doc) if k in varying]


def _toolchain(doc: dict[str, object]) -> dict[str, str | None]:
    value = doc.get("dev_toolchain", {})
    assert isinstance(value, dict)
    return value


def _large(doc: dict[str, object]) -> list[str]:
    value = doc.get("dev_large", [])
    assert isinstance(value, list)
    return value


def _parts(doc: dict[str, object]) -> dict[str, list[str] | None]:
    value = doc.get("build_only_runtime", {})
    assert isinstance(value, dict)
    return value


def _dev_map(doc: dict[str, object]) -> dict[str, list[str]]:
    value = doc["dev_to_runtime"]
    assert isinstance(value, dict)
    return value


def _build_only(doc: dict[str, object]) -> list[str]:
    value = doc["build_only"]
    assert isinstance(value, list)
    return value


def _parent(codename: str, known: Iterable[str]) -> str:
    parent = PARENTS.get(codename, BASE)
    return parent if parent in known else BASE


def _depth(codename: str, known: set[str]) -> int:
    return 0 if codename == BASE else 1 + _depth(_parent(codename, known), known)


def apply_diff(parent: dict[str, object], diff: dict[str, object]) -> dict[str, object]:
    """A release's maps as the lookup sees them: its parent's with the difference applied."""
    dev_map = dict(_dev_map(parent))
    changes = diff["dev_to_runtime"]
    assert isinstance(changes, dict)
    for dev, libs in changes.items():
        if libs is None:
            dev_map.pop(dev, None)
        else:
            dev_map[dev] = libs
    added, removed = diff["build_only_added"], diff["build_only_removed"]
    assert isinstance(added, list) and isinstance(removed, list)
    tool = {**_toolchain(parent), **_toolchain(diff)}
    large = (set(_large(parent)) | set(_large_change(diff, "added"))) - set(_large_change(diff, "removed"))
    parts = {k: v for k, v in {**_parts(parent), **_parts(diff)}.items() if v is not None}
    return {"dev_to_runtime": dev_map, "build_only": sorted((set(_build_only(parent)) | set(added)) - set(removed)),
            "build_only_runtime": parts,
            "dev_toolchain": {k: v for k, v in tool.items() if v is not None}, "dev_large": sorted(large)}


def _large_change(diff: dict[str, object], which: str) -> list[str]:
    value = diff.get(f"dev_large_{which}", [])
    assert isinstance(value, list)
    return value


def build_all(texts: dict[str, str], sources: dict[str, dict[str, object]], retrieved: str) -> dict[str, object]:
    """The whole document: ``BASE`` whole, every other release as its difference from its parent
    (as the lookup rebuilds the parent, so that the chain gives each release's own map)."""
    label = " ".join(str(sources[BASE][k]) for k in ("distribution", "version")) + f" {BASE}"
    own = {c: build_map(text, label if c == BASE else c) for c, text in texts.items()}
    keep_varying_costs(own)
    doc = own[BASE]
    views: dict[str, dict[str, object]] = {BASE: doc}
    releases: dict[str, object] = {}
    known = set(texts)
    for codename in sorted(known - {BASE}, key=lambda c: (_depth(c, known), c)):
        parent = _parent(codename, known)
        present = set(re.findall(r"^Package: *(\S+)", texts[codename], re.M))
        diff = release_diff(views[parent], own[codename], present)
        views[codename] = apply_diff(views[parent], diff)
        info = sources[codename]
        releases[codename] = {"distribution": info["distribution"], "version": info["version"], "parent": parent,
                              **diff}
    doc["releases"] = releases
    doc["_source"] = {"retrieved": retrieved, "releases": sources}
    return doc


def generate(cache: Path | None, releases: Iterable[Archive] = RELEASES) -> dict[str, object]:
    texts: dict[str, str] = {}
    sources: dict[str, dict[str, object]] = {}
    for arch in releases:
        texts[arch.codename], sources[arch.codename] = read_release(arch, cache)
    return build_all(texts, sources, datetime.date.today().isoformat())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON file (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh generation")
    parser.add_argument("--cache", type=Path, default=None, help="folder that keeps the downloaded indices")
    args = parser.parse_args(argv)

    doc = generate(args.cache)
    if args.check:
        current = json.loads(args.out.read_text()) if args.out.exists() else {}
        fresh = {k: v for k, v in doc.items() if k != "_source"}
        if {k: v for k, v in current.items() if k != "_source"} != fresh:
            print(f"{args.out} is out of date; rerun {GENERATED_BY}", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(doc))
    print(f"wrote {args.out}: {len(_dev_map(doc))} -dev packages, {len(_build_only(doc))} build-only in {BASE}; "
          f"{len(RELEASES) - 1} other releases as differences ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
