#!/usr/bin/env python3
"""Generate transformer/data/third_party_images.json from well-known third-party images' own Dockerfiles.

What an image outside docker-library is built FROM, and whether its Dockerfile sets a USER, is written in the
Dockerfiles its publisher keeps on GitHub (phusion/baseimage-docker's image/Dockerfile, jupyter/docker-stacks'
base-notebook/Dockerfile ...).  This script reads every version of those files from local bare git mirrors
(``--mirror-root``, one ``<owner>+<name>/repo`` directory per GitHub repository, as the ``fetch`` tool leaves them)
and needs no network.  ``RECIPES`` below is the manifest: which image names are built from which files of which
repository; the output's ``_source`` records the commit each mirror was read at.  ``HANDS`` are images built
without a Dockerfile (bitnami/minideb: debootstrap and an image configuration of its own), their facts written by
hand with the files that show them.

Method
------
1. A recipe's files are named by patterns over the paths of its repository's history (``python3.6/Dockerfile`` and
   ``docker-images/python3.6.dockerfile`` give tiangolo/uwsgi-nginx-flask's tag ``python3.6``; a pattern without a
   tag group gives the tag ``latest``, or every tag (``*``) when ``every_tag`` is set).  Every version of each file
   on the default branch is read.  A recipe with ``releases`` reads one file at each git tag of its repository
   instead (phusion/baseimage's Docker Hub tags are its releases: ``rel-0.9.22`` is ``0.9.22``).
2. Each version is parsed with msrefactor's parser; its last stage's FROM is resolved through ARG defaults (an
   earlier stage's name is followed); an ARG without a default leaves the base unknown (null).  The last USER of
   the last stage (or of the earlier stages it is built on) is kept as written, with the Dockerfile's own ARG and
   ENV values substituted where they are set (``USER ${NB_UID}`` after ``ARG NB_UID=1000`` is ``1000``); ``""`` when
   the file sets none (the image keeps its base's).
3. Per tag, the distinct ``[FROM, USER]`` pairs are written; ``*`` holds those of every version of every file of
   the image: what msrefactor reads for ``latest`` (or no tag) when no file is latest's own, and for any tag of an
   image whose files are not per tag (jupyter's tags are dates and commits).  Another tag the data do not list
   (one published from elsewhere: rocker/r-ver:4.x before rocker-versioned2 was read) is not known.

Schema
------
``{"_source": {"generator": ..., "mirrors": {REPOSITORY: COMMIT}}, "images": {IMAGE: {"tags": {TAG: {"builds":
[[FROM, USER], ...], "files": [REPOSITORY:PATH@REF, ...]}}}}}``; ``FROM`` is null when not known, ``REF`` is ``*``
for every version of the file up to the mirror's commit, else the git tag read.

Usage::

    python scripts/gen_third_party_images.py [--mirror-root /work/.mirror] [-o FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transformer.arguments import evaluate_word  # noqa: E402
from transformer.errors import DockerfileSyntaxError  # noqa: E402
from transformer.parser import parse  # noqa: E402
from transformer.tree import Instruction, Stage  # noqa: E402

DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "transformer" / "data" / "third_party_images.json"
EVERY_TAG = "*"


@dataclass(frozen=True, slots=True)
class Recipe:
    images: tuple[str, ...]  # the names it is published under (quay.io/jupyter/x is jupyter/x moved)
    repository: str  # GitHub owner/name
    paths: tuple[str, ...]  # regular expressions over file paths; a (?P<tag>...) group names the tag
    every_tag: bool = False  # a pattern without a tag group stands for every tag, not for latest
    releases: str = ""  # a regular expression over git tags whose (?P<tag>...) is the image's tag


def _jupyter(name: str) -> Recipe:
    return Recipe((f"jupyter/{name}", f"quay.io/jupyter/{name}"), "jupyter/docker-stacks",
                  (rf"(?:images/)?{name}/Dockerfile",), every_tag=True)


def _versioned(folder: str) -> tuple[str, ...]:
    """``r-ver/3.4.4/Dockerfile`` and ``r-ver/3.4.4.Dockerfile`` (tag 3.4.4), ``r-ver/Dockerfile`` (latest)."""
    return rf"{folder}/(?P<tag>[\w.-]+)/Dockerfile", rf"{folder}/(?P<tag>[\w.-]+)\.Dockerfile", rf"{folder}/Dockerfile"


def _rocker(name: str) -> tuple[Recipe, Recipe]:
    """R 3.x from rocker-versioned's folders, R 4.x (and 3.6 again) from rocker-versioned2's files."""
    return (Recipe((f"rocker/{name}",), "rocker-org/rocker-versioned", _versioned(name)),
            Recipe((f"rocker/{name}",), "rocker-org/rocker-versioned2",
                   (rf"[dD]ockerfiles/Dockerfile_{name}_(?P<tag>[\w.-]+)",
                    rf"dockerfiles/{name}_(?P<tag>[\w.-]+)\.Dockerfile")))


RECIPES: tuple[Recipe, ...] = (
    Recipe(("phusion/baseimage",), "phusion/baseimage-docker", ("image/Dockerfile",),
           releases=r"(?:rel-)?(?P<tag>\d[\w.-]*|(?:bionic|focal|jammy|noble)-[\d.]+)"),
    Recipe(("tiangolo/uwsgi-nginx-flask",), "tiangolo/uwsgi-nginx-flask-docker",
           (r"(?P<tag>python[\w.-]+)/Dockerfile", r"docker-images/(?P<tag>python[\w.-]+)\.dockerfile")),
    Recipe(("tiangolo/uwsgi-nginx",), "tiangolo/uwsgi-nginx-docker",
           (r"(?P<tag>python[\w.-]+)/Dockerfile", r"docker-images/(?P<tag>python[\w.-]+)\.dockerfile")),
    *(_jupyter(n) for n in ("docker-stacks-foundation", "base-notebook", "tiny-notebook", "minimal-notebook",
                            "scipy-notebook", "datascience-notebook", "tensorflow-notebook")),
    Recipe(("rocker/r-base",), "rocker-org/rocker",
           (*_versioned("r-base"), r"debian/r-base/Dockerfile")),
    *(r for n in ("r-ver", "rstudio", "tidyverse", "verse", "geospatial") for r in _rocker(n)),
    Recipe(("floydhub/dl-docker",), "floydhub/dl-docker", (r"Dockerfile\.(?P<tag>cpu|gpu)",)),
    Recipe(("kaggle/python",), "Kaggle/docker-python", (r"Dockerfile", r"Dockerfile\.tmpl"), every_tag=True),
)


@dataclass(frozen=True, slots=True)
class Hand:
    """An image built without a Dockerfile, its facts read by hand from the named files of its repository."""

    images: tuple[str, ...]
    repository: str
    base: str  # what it is built on
    user: str  # the USER its configuration gives ("" for none)
    files: tuple[str, ...]  # where the repository says so


HANDS: tuple[Hand, ...] = (
    # mkimage debootstraps the tag's Debian release (DIST) from deb.debian.org; import loads the tarball with the
    # configuration "User": "" and Cmd ["/bin/bash"]
    Hand(("bitnami/minideb",), "bitnami/minideb", "debian", "", ("mkimage", "import")),
)


# --------------------------------------------------------------------------- git


class Mirror:
    def __init__(self, path: Path) -> None:
        self.path = path

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.path), *args], check=True, capture_output=True,
                              text=True, errors="replace").stdout

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def paths(self) -> list[str]:
        """Every path a Dockerfile of the default branch's history ever had (the path names Dockerfile)."""
        found = self.git("log", "--name-only", "--format=", "HEAD", "--", "*Dockerfile*", "*dockerfile*")
        return sorted(set(found.split("\n")) - {""})

    def versions(self, path: str) -> list[str]:
        """The commits of the default branch that changed ``path``, newest first."""
        return self.git("log", "--full-history", "--format=%H", "HEAD", "--", path).split()

    def tags(self) -> list[str]:
        return self.git("tag", "--list").split()

    def show(self, rev: str, path: str) -> str | None:
        try:
            return self.git("show", f"{rev}:{path}")
        except subprocess.CalledProcessError:
            return None  # deleted in that commit


def mirror_of(root: Path, repository: str) -> Mirror:
    path = root / repository.replace("/", "+", 1) / "repo"
    if not path.is_dir():
        raise SystemExit(f"no mirror of {repository} under {root}")
    return Mirror(path)


# --------------------------------------------------------------------------- Dockerfiles


class _Scope(dict[str, str]):
    """An unset variable reads as empty, as in BuildKit; ``missing`` notes that one was read."""

    missing = False

    def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
        if key not in self:
            self.missing = True
        return super().get(key, "")


def _evaluate(word: str, values: dict[str, str]) -> str | None:
    """``word`` with its quotes removed and the variables substituted; None when one is not set."""
    scope = _Scope(values)
    out = evaluate_word(word, scope)
    return None if scope.missing else out


def _assign(inst: Instruction, values: dict[str, str], outer: dict[str, str]) -> None:
    """An ARG's default (or the global one it redeclares), or an ENV's values, into ``values``."""
    if inst.cmd == "env":
        for name, value in zip(inst.value[::2], inst.value[1::2], strict=False):
            found = _evaluate(value, values)
            values.pop(name, None) if found is None else values.__setitem__(name, found)
        return
    for word in inst.value:
        name, eq, value = word.partition("=")
        found = _evaluate(value, values) if eq else outer.get(name)
        if found is not None:
            values[name] = found


@dataclass(frozen=True, slots=True)
class Built:
    base: str | None  # the image the last stage is built on, None when not known
    user: str  # the last USER, "" when none


def _stage(stage: Stage, done: dict[str, Built], global_args: dict[str, str]) -> Built:
    base_text = _evaluate(stage.base_image, global_args)
    earlier = done.get(base_text.lower()) if base_text else None
    base, user = (earlier.base, earlier.user) if earlier else (base_text or None, "")
    values: dict[str, str] = {}
    for inst in stage.instructions:
        if inst.cmd in ("arg", "env"):
            _assign(inst, values, global_args)
        elif inst.cmd == "user" and inst.value:
            user = _evaluate(inst.value[0], values) or inst.value[0]
    return Built(base, user)


def read_dockerfile(text: str) -> Built | None:
    try:
        tree = parse(text)
    except DockerfileSyntaxError:
        return None
    if not tree.stages:
        return None
    global_args: dict[str, str] = {}
    for inst in tree.preamble:
        if isinstance(inst, Instruction) and inst.cmd == "arg":
            _assign(inst, global_args, {})
    done: dict[str, Built] = {}
    built = Built(None, "")
    for index, stage in enumerate(tree.stages):
        built = _stage(stage, done, global_args)
        done[str(index)] = built
        if stage.name:
            done[stage.name.lower()] = built
    return built


# --------------------------------------------------------------------------- recipes


def _tag_of(recipe: Recipe, pattern: str, path: str) -> str | None:
    m = re.fullmatch(pattern, path)
    if m is None:
        return None
    if "tag" in m.groupdict():
        return m.group("tag")
    return EVERY_TAG if recipe.every_tag else "latest"


def _sources(recipe: Recipe, mirror: Mirror) -> Iterator[tuple[str, str, str]]:
    """(tag, revision, path) of every file version the recipe reads; revision ``*`` stands for each commit."""
    if recipe.releases:
        for git_tag in mirror.tags():
            m = re.fullmatch(recipe.releases, git_tag)
            if m:
                yield from ((m.group("tag"), git_tag, p) for p in recipe.paths)
        return
    for path in mirror.paths():
        for pattern in recipe.paths:
            tag = _tag_of(recipe, pattern, path)
            if tag is not None:
                yield tag, "*", path


def _versions(mirror: Mirror, rev: str, path: str) -> list[Built]:
    revisions = mirror.versions(path) if rev == "*" else [rev]
    found = (mirror.show(r, path) for r in revisions)
    return [b for b in (read_dockerfile(t) for t in found if t is not None) if b is not None]


Table = dict[str, tuple[set[tuple[str | None, str]], set[str]]]  # tag -> ({(FROM, USER)}, {REPOSITORY:PATH@REF})


def read_recipe(recipe: Recipe, mirror: Mirror, table: Table) -> None:
    """Adds the recipe's tags to ``table`` (an image built from two repositories has both recipes' tags)."""
    for tag, rev, path in _sources(recipe, mirror):
        found = {(b.base, b.user) for b in _versions(mirror, rev, path)}
        for key in {tag, EVERY_TAG} if found else ():
            builds, files = table.setdefault(key, (set(), set()))
            builds |= found
            files.add(f"{recipe.repository}:{path}@{rev}")


def _json(table: Table) -> dict[str, Any]:
    return {"tags": {tag: {"builds": sorted(([b, u] for b, u in builds), key=lambda p: (p[0] or "", p[1])),
                           "files": sorted(files)}
                     for tag, (builds, files) in sorted(table.items())}}


def generate(root: Path) -> dict[str, Any]:
    tables: dict[str, Table] = defaultdict(dict)
    heads: dict[str, str] = {}
    for recipe in RECIPES:
        mirror = mirror_of(root, recipe.repository)
        heads[recipe.repository] = mirror.head()
        table: Table = {}
        read_recipe(recipe, mirror, table)
        for image in recipe.images:
            for tag, (builds, files) in table.items():
                mine = tables[image].setdefault(tag, (set(), set()))
                mine[0].update(builds)
                mine[1].update(files)
    for hand in HANDS:
        heads[hand.repository] = mirror_of(root, hand.repository).head()
        for image in hand.images:
            tables[image][EVERY_TAG] = ({(hand.base, hand.user)},
                                        {f"{hand.repository}:{f}@{heads[hand.repository]}" for f in hand.files})
    source = {"generator": "scripts/gen_third_party_images.py", "mirrors": dict(sorted(heads.items()))}
    return {"_source": source, "images": {image: _json(t) for image, t in sorted(tables.items())}}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror-root", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args(argv)
    data = generate(args.mirror_root)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(text.encode()):,} bytes, {len(data['images'])} images", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
