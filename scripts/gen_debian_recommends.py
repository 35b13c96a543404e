#!/usr/bin/env python3
"""Generate transformer/data/debian_recommends.json: the parts of a Debian/Ubuntu package that apt installs as
its recommended packages, from the distributions' own package indices.

Why
---
The runtime stage installs its packages with ``--no-install-recommends`` (the lines the tool writes follow best
practice). Where the original install took the recommended packages, that leaves out more than documentation:
ImageMagick's extra coders (``libmagickcore-6.q16-6-extra``: SVG through librsvg, OpenEXR, DjVu...) are a package
``imagemagick-6.q16`` only recommends, and an app that converts an SVG works in the original image and fails in
the runtime. A recommended package built from the *same source* as the package (or as one of its same-source
dependencies) is such a part of the program; the runtime installs those, by the names of its release. So is a
recommended package that the same package *depends on* in another release read: Debian's ``xvfb`` only recommends
``xauth``, which its ``xvfb-run`` runs (``xvfb-run: error: xauth command not found`` without it), and Ubuntu's
``xvfb`` depends on it; the maintainers of one release found the program needs it.

Sources
-------
The indices ``scripts/gen_debian_runtime_map.py`` reads (its ``RELEASES``: Debian bullseye, bookworm, trixie;
Ubuntu xenial, bionic, focal, jammy, noble, resolute; every suite's ``Packages.xz`` of amd64, the highest version of
each package across the suites), downloaded again (``--cache DIR`` keeps them).

Method
------
For each package P of a release: walk P and its dependencies built from the same source as the package that
depends on them (``Depends``/``Pre-Depends``, first alternative that is a real package, at most ``MAX_DEPTH``
levels); each ``Recommends`` of a visited package Q (first real alternative) built from Q's source is one of
P's parts, unless it is a development, debug, documentation or translation package, a build-only package (the
runtime map's rule: ``Section: devel`` and the like), or already one of P's same-source dependencies; and so is a
recommended package of another source that Q depends on (``Depends``/``Pre-Depends``, one alternative alone) in
another release read. P is recorded when it has parts and is itself none of those kinds.

Layout
------
``BASE``'s map (bookworm) whole under ``packages``; every other release under ``releases.<codename>`` as the
entries that differ from the base (``null``: none in that release). ``transformer/packages.py`` reads it
(:func:`recommended_parts`).

Usage::

    python scripts/gen_debian_recommends.py [--cache DIR] [--check]
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_debian_runtime_map as debian  # noqa: E402 - the indices and rules of the runtime map

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "transformer" / "data" / "debian_recommends.json"
GENERATED_BY = "scripts/gen_debian_recommends.py"
MAX_DEPTH = 3
_NOT_A_PART = re.compile(r".*(-dev|-dbg|-dbgsym|-doc|-doc-.*|-examples|-l10n|-l10n-.*)$")


def _recommends(text: str) -> dict[str, list[list[str]]]:
    """Package -> its Recommends, each a group of alternatives (a release's merged stanzas)."""
    out: dict[str, list[list[str]]] = {}
    for stanza in text.split("\n\n"):
        name = re.search(r"^Package: *(\S+)", stanza, re.M)
        field = re.search(r"^Recommends: *(.*(?:\n[ \t].*)*)", stanza, re.M)
        if name and field:
            out[name.group(1)] = [alts for group in field.group(1).replace("\n", " ").split(",")
                                  if (alts := list(debian._names(group)))]
    return out


def _same_source_depends(pkgs: dict[str, debian.Pkg], name: str) -> Iterator[str]:
    """``name``'s dependencies (first real alternative) built from its own source."""
    pkg = pkgs[name]
    for alts in pkg.depends:
        real = next((a for a in alts if a in pkgs), None)
        if real is not None and real != name and pkgs[real].source == pkg.source:
            yield real


Elsewhere = dict[str, set[str]]  # package -> the packages it depends on (one alternative alone) in some release


def depended_on(pkgs: dict[str, debian.Pkg]) -> Elsewhere:
    """A release's ``package -> the packages it depends on without alternatives``."""
    return {name: {alts[0] for alts in pkg.depends if len(alts) == 1} for name, pkg in pkgs.items()}


def merged(found: Iterator[Elsewhere]) -> Elsewhere:
    out: Elsewhere = {}
    for table in found:
        for name, deps in table.items():
            out.setdefault(name, set()).update(deps)
    return out


def parts_of(pkgs: dict[str, debian.Pkg], recommends: dict[str, list[list[str]]], name: str,
             elsewhere: Elsewhere | None = None) -> list[str]:
    """The recommended packages of ``name`` (and of its same-source dependencies) built from the same source, or
    that the recommending package depends on in another release (``elsewhere``: xvfb -> xauth): of each group of
    alternatives, the first real one, unless the package or a visited dependency is one of them already
    (vim-common's ``vim | vim-tiny`` is met by vim-tiny itself, as apt sees it)."""
    elsewhere = elsewhere or {}
    seen, frontier = {name}, [name]
    for _ in range(MAX_DEPTH):
        frontier = [d for q in frontier for d in _same_source_depends(pkgs, q) if d not in seen]
        seen.update(frontier)
    firsts = [(q, next((a for a in alts if a in pkgs), None)) for q in sorted(seen) for alts in recommends.get(q, ())
              if not seen & set(alts)]
    parts = [r for q, r in firsts if r is not None and _a_part(pkgs[r])
             and (pkgs[r].source == pkgs[q].source or r in elsewhere.get(q, ()))]
    return sorted(set(parts))


def _a_part(pkg: debian.Pkg) -> bool:
    return not _NOT_A_PART.fullmatch(pkg.name) and not debian.is_dev_pkg(pkg) and not debian.is_build_only(pkg)


def release_map(text: str, elsewhere: Elsewhere | None = None) -> dict[str, list[str]]:
    """A release's map; ``elsewhere``: what each package depends on in the other releases read."""
    pkgs = debian.parse_packages(text)
    recommends = _recommends(text)
    out: dict[str, list[str]] = {}
    for name in sorted(pkgs):
        if _a_part(pkgs[name]) and (parts := parts_of(pkgs, recommends, name, elsewhere)):
            out[name] = parts
    return out


def build(maps: dict[str, dict[str, list[str]]], sources: dict[str, object], retrieved: str) -> dict[str, object]:
    base = maps[debian.BASE]
    releases: dict[str, object] = {}
    for codename, own in sorted(maps.items()):
        if codename == debian.BASE:
            continue
        diff: dict[str, list[str] | None] = {k: v for k, v in own.items() if base.get(k) != v}
        diff.update({k: None for k in base if k not in own})
        releases[codename] = dict(sorted(diff.items()))
    return {"_doc": "Package -> its recommended packages built from the same source (its own parts: ImageMagick's "
                    "extra coders) or that it depends on in another release (xvfb -> xauth, which xvfb-run runs), "
                    "which the runtime installs where the original install took the recommended "
                    "packages; packages: the base release's map, releases: each other release's entries that differ "
                    "(null: none there).",
            "_generated_by": GENERATED_BY, "base": debian.BASE, "packages": base, "releases": releases,
            "_source": {"retrieved": retrieved, "releases": sources}}


def render(doc: dict[str, object]) -> str:
    """JSON with one package per line."""
    text = json.dumps(doc, indent=1)
    return re.sub(r"\[\n\s+((?:\"[^\"]*\",?\n\s*)+)\]",
                  lambda m: "[" + ", ".join(re.findall(r'"[^"]*"', m.group(1))) + "]", text) + "\n"


def generate(cache: Path | None) -> dict[str, object]:
    texts: dict[str, str] = {}
    sources: dict[str, object] = {}
    for arch in debian.RELEASES:
        texts[arch.codename], sources[arch.codename] = debian.read_release(arch, cache)
    depends = {codename: depended_on(debian.parse_packages(text)) for codename, text in texts.items()}
    maps = {codename: release_map(text, merged(d for c, d in depends.items() if c != codename))
            for codename, text in texts.items()}
    return build(maps, sources, datetime.date.today().isoformat())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh generation")
    parser.add_argument("--cache", type=Path, default=None, help="folder that keeps the downloaded indices")
    args = parser.parse_args(argv)
    doc = generate(args.cache)
    if args.check:
        current = json.loads(args.out.read_text()) if args.out.exists() else {}
        same = all(current.get(k) == doc[k] for k in ("packages", "releases"))
        print(f"{args.out} is {'up to date' if same else 'out of date; rerun ' + GENERATED_BY}",
              file=sys.stdout if same else sys.stderr)
        return 0 if same else 1
    args.out.write_text(render(doc))
    print(f"wrote {args.out}: {len(doc['packages'])} packages in {debian.BASE} "  # type: ignore[arg-type]
          f"({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
