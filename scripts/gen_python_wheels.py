#!/usr/bin/env python3
"""Generate transformer/data/python_wheels.json from PyPI's JSON API.

A few PyPI projects ship manylinux wheels that bundle their C libraries, but not for every release and Python:
an old pin (``Pillow==8.1.0`` on Python 3.11) has no wheel for the image's Python, so pip builds it from source,
and that build links the system libraries whose headers the image has. The full python image has many
(buildpack-deps' -dev packages), python:*-slim has none, so an app moved to the slim image must get their run-time
libraries there. This script records, for each project of ``PROJECTS``, which CPython versions each release has a
manylinux x86_64 wheel for, and the Debian -dev packages the project's own install documentation names for a
source build (``PROJECTS`` says where each comes from).

Sources
-------
``https://pypi.org/pypi/<project>/json`` (its ``releases``: every file of every release). A wheel counts for a
CPython version when its platform tags include a manylinux one for x86_64 (manylinux1, 2010, 2014 or
manylinux_2_N: the glibc a tag asks for is not checked; a manylinux_2_28 wheel needs buster or later) or ``any``,
and its Python and ABI tags are ``cpXY`` with ``cpXY``/``cpXYm`` (that version), ``cpXY`` with ``abi3`` (that
version and every later one) or ``py3`` (``py2.py3``) with ``none`` (every version: a pure wheel).
Yanked files count (pip installs a yanked release pinned with ``==``).

Output
------
``projects``: normalized project name -> ``dev`` (the -dev packages) and ``wheels``: release version ->
the CPython versions with a wheel, as one string of minor numbers (``"6 7 8 9"`` for 3.6 to 3.9; ``""``: none).
Only releases that have a source distribution are listed (pip can build no other), and only CPython 3.6 to
3.13.

Usage:  python scripts/gen_python_wheels.py [-o transformer/data/python_wheels.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.request
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "transformer" / "data" / "python_wheels.json"
MINORS = range(6, 14)  # CPython 3.6 .. 3.13

# project -> (the -dev packages a source build links, where that list comes from). Only projects whose source
# build links a library python:*-slim lacks (cffi's libffi8 and cryptography's libssl3 are in the slim image, and
# cryptography's wheels are abi3, for every later Python: left out).
PROJECTS: dict[str, tuple[tuple[str, ...], str]] = {
    "pillow": (("libjpeg-dev", "zlib1g-dev", "libtiff-dev", "libfreetype-dev", "liblcms2-dev", "libwebp-dev",
                "libopenjp2-7-dev", "libxcb1-dev"),
               "Pillow's 'Building from source': libjpeg and zlib are required by default; libtiff, libfreetype, "
               "littlecms2, libwebp, openjpeg and libxcb are linked when found (libimagequant, GPL, is opt-in; "
               "libraqm is loaded at run time since 8.2)"),
    "lxml": (("libxml2-dev", "libxslt1-dev"),
             "lxml's 'How to build lxml from source': libxml2 and libxslt with their header files"),
    "pyyaml": (("libyaml-dev",),
               "PyYAML's README: setup.py builds the LibYAML bindings when LibYAML is installed"),
    "psycopg2-binary": (("libpq-dev",),
                        "psycopg2's install docs (build prerequisites): the libpq header files and pg_config, "
                        "from libpq-dev; psycopg2-binary's source distribution is psycopg2's"),
}

_WHEEL = re.compile(r"^(?P<name>.+?)-(?P<ver>[^-]+)(-\d[^-]*)?-(?P<py>[^-]+)-(?P<abi>[^-]+)-(?P<plat>[^-]+)\.whl$")
_MANYLINUX = re.compile(r"^manylinux(1|2010|2014|_\d+_\d+)_x86_64$")


def wheel_minors(filename: str) -> set[int]:
    """The CPython 3 minor versions a wheel file serves on manylinux x86_64 (empty: none)."""
    m = _WHEEL.match(filename)
    platforms = m.group("plat").split(".") if m else []
    if m is None or not any(_MANYLINUX.match(p) or p == "any" for p in platforms):
        return set()
    out: set[int] = set()
    abis = m.group("abi").split(".")
    for py in m.group("py").split("."):
        cp = re.fullmatch(r"cp3(\d+)", py)
        if cp and "abi3" in abis:
            out |= {n for n in MINORS if n >= int(cp.group(1))}
        elif cp and ({f"cp3{cp.group(1)}", f"cp3{cp.group(1)}m"} & set(abis)):
            out.add(int(cp.group(1)))
        elif py == "py3" and "none" in abis:
            out |= set(MINORS)
    return out & set(MINORS)


def release_wheels(files: list[dict[str, Any]]) -> str | None:
    """The minor versions (one string) a release's files have a wheel for; None: no source distribution."""
    if not any(f.get("packagetype") == "sdist" for f in files):
        return None
    minors = set().union(*(wheel_minors(f["filename"]) for f in files if f.get("packagetype") == "bdist_wheel"))
    return " ".join(str(n) for n in sorted(minors))


def fetch(project: str) -> dict[str, Any]:
    url = f"https://pypi.org/pypi/{project}/json"
    with urllib.request.urlopen(url, timeout=60) as resp:  # noqa: S310 - fixed PyPI URLs
        found: dict[str, Any] = json.load(resp)
    return found


def project_entry(project: str, meta: dict[str, Any]) -> dict[str, Any]:
    dev, source = PROJECTS[project]
    wheels = {v: w for v, files in meta["releases"].items() if (w := release_wheels(files)) is not None}
    return {"dev": list(dev), "dev_source": source, "wheels": wheels}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    projects = {p: project_entry(p, fetch(p)) for p in PROJECTS}
    out = {
        "_generated_by": "scripts/gen_python_wheels.py",
        "_source": "https://pypi.org/pypi/<project>/json",
        "_date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "_doc": "PyPI projects whose manylinux wheels bundle their C libraries, but whose source build (a release "
                "without a wheel for the image's Python) links the system libraries of 'dev' whose headers the "
                "image has: 'wheels' maps each release with a source distribution to the CPython 3 minor versions "
                "it has a manylinux x86_64 wheel for ('6 7' = 3.6 and 3.7).",
        "projects": projects,
    }
    args.output.write_text(json.dumps(out, indent=1) + "\n")  # one release a line: a diff shows what changed
    print(f"wrote {args.output}: " + ", ".join(f"{p} {len(e['wheels'])} releases" for p, e in projects.items()),
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
