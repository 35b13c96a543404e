#!/usr/bin/env python3
"""Generate transformer/data/debian_runtime.json from Debian's own package metadata.

When msrefactor moves a ``-dev`` package (``libpq-dev``) out of the runtime stage
into a builder stage, the runtime stage must keep the shared library behind it
(``libpq5``).  This script derives that map from the APT package lists of the
machine it runs on (Debian 12 "bookworm" when the committed file was made), so
nothing in the map is guessed.

Method
------
1. Read every package stanza once with ``apt-cache dumpavail`` (one stanza per
   package, the candidate version; ``apt-get update`` is run first when the
   lists are empty).  Only ``Package``, ``Source``, ``Section``, ``Multi-Arch``,
   ``Depends``, ``Pre-Depends`` and ``Provides`` are used.
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
6. ``dev_to_runtime`` keeps the development packages with a non-empty runtime
   list; header-only libraries map to nothing and are left out, and so are
   Rust crates and Go modules (``Section: rust``/``golang``: source code whose
   runtime needs cargo / go build decide, and which would swamp the map).  It
   also keeps every *virtual* ``-dev`` name with exactly one provider
   (``libxslt-dev`` -> ``libxslt1-dev``), which ``apt-get install`` accepts.
   If the file would exceed ``SIZE_LIMIT`` bytes, only ``Section: libdevel``
   packages are kept.

Usage::

    python scripts/gen_debian_runtime_map.py            # writes the default --out
    python scripts/gen_debian_runtime_map.py --check    # exit 1 if the committed file is stale

``--check`` compares against the APT lists of the current machine, so it is only
meaningful on the same Debian release with similarly fresh lists.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "transformer" / "data" / "debian_runtime.json"
GENERATED_BY = "scripts/gen_debian_runtime_map.py"
SIZE_LIMIT = 3_000_000
MAX_DEPTH = 3

WANTED_FIELDS = frozenset({"package", "source", "section", "multi-arch", "depends", "pre-depends", "provides"})
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
        out: list[str] = []
        for group in self.pkgs[name].depends:
            dep = self.resolve(group)
            if dep is not None and dep != name and dep not in out:
                out.append(dep)
        return out

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


# Filed under devel, but tools people run in the final image (debuggers, tracers, a compile
# server, version control a running app may call): never build-only.
RUN_TIME_TOOLS = frozenset({
    "gdb", "gdbserver", "valgrind", "strace", "ltrace", "distcc", "ccache", "git", "subversion", "mercurial",
    "patch", "diffutils", "file", "lsof", "heaptrack", "systemtap", "perf-tools-unstable",
})


def is_build_only(pkg: Pkg) -> bool:
    if pkg.name in RUN_TIME_TOOLS:
        return False
    if pkg.name in EXPLICIT_BUILD_ONLY or LANGUAGE_HEADERS.match(pkg.name):
        return True
    if pkg.section != "devel" or is_dev_name(pkg.name):
        return False
    # A shared library filed under devel (libomp5-14) is a runtime package.
    return not (pkg.name.startswith("lib") and pkg.multi_arch == "same")


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
    return doc


def _document(release: str, dev_map: dict[str, list[str]], build_only: list[str]) -> dict[str, object]:
    return {
        "_generated_by": GENERATED_BY,
        "_note": "Debian -dev package -> shared library packages it depends on (same Source first); "
        "build_only: toolchain packages with no runtime part. Regenerate with the script, do not edit.",
        "_release": release,
        "build_only": build_only,
        "dev_to_runtime": {k: dev_map[k] for k in sorted(dev_map)},
    }


def render(doc: dict[str, object]) -> str:
    """Sorted keys, one map entry or list item per line."""
    lines = ["{"]
    keys = sorted(doc)
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        value = doc[key]
        if isinstance(value, dict):
            lines.append(f"  {json.dumps(key)}: {{")
            items = sorted(value.items())
            for j, (k, v) in enumerate(items):
                sep = "," if j < len(items) - 1 else ""
                lines.append(f"    {json.dumps(k)}: {json.dumps(v)}{sep}")
            lines.append(f"  }}{comma}")
        elif isinstance(value, list):
            lines.append(f"  {json.dumps(key)}: [")
            for j, item in enumerate(value):
                sep = "," if j < len(value) - 1 else ""
                lines.append(f"    {json.dumps(item)}{sep}")
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def os_release(path: Path = Path("/etc/os-release")) -> str:
    """``debian 12 bookworm`` from /etc/os-release."""
    info: dict[str, str] = {}
    for line in path.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep:
            info[key] = value.strip().strip('"')
    parts = [info.get("ID", ""), info.get("VERSION_ID", ""), info.get("VERSION_CODENAME", "")]
    return " ".join(p for p in parts if p)


def apt_lists_empty(lists: Path = Path("/var/lib/apt/lists")) -> bool:
    return not any(lists.glob("*_Packages*"))


def dumpavail() -> str:
    if apt_lists_empty():
        subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)
    proc = subprocess.run(["apt-cache", "dumpavail"], check=True, capture_output=True)
    return proc.stdout.decode("utf-8", "replace")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON file (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh generation")
    args = parser.parse_args(argv)

    text = render(build_map(dumpavail(), os_release()))
    if args.check:
        current = args.out.read_text() if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is out of date; rerun {GENERATED_BY}", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text)
    doc = json.loads(text)
    print(f"wrote {args.out}: {len(doc['dev_to_runtime'])} -dev packages, {len(doc['build_only'])} build-only")
    return 0


if __name__ == "__main__":
    sys.exit(main())
