"""Lay the real-application benchmark out from downloaded snapshots.

    python bench/real_apps/layout.py DIR [--only NAME...] [--mirrors /work/.mirror] [--no-aliases]

For every project of manifest.toml this writes DIR/<name>/: the project's build context at its
pinned commit (``git archive`` of the bare mirror that ``fetch github:OWNER/NAME`` brings to
<mirrors>/OWNER+NAME/repo), its Dockerfile as DIR/<name>/Dockerfile (moved there from wherever the
repository keeps it: the build context, not the Dockerfile's folder, decides what COPY sees, so the
build is the same), and DIR/<name>/smoke.json (the keys of shared/e2e/run.py). A project whose mirror
is missing is skipped with the exact fetch command that brings it. The zoo tags the projects name
and the zoo lacks are created as aliases (``docker tag EXISTING NAME``, what ``zoo.sh alias`` does).

Nothing laid out here is committed: DIR should be outside the repository.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomllib

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.toml"
DEFAULT_MIRRORS = Path(os.environ.get("MSREFACTOR_MIRRORS", "/work/.mirror"))
ECOSYSTEMS = frozenset({"python", "node", "go", "c", "rust"})


@dataclass(frozen=True)
class Project:
    name: str
    repo: str
    commit: str
    dockerfile: str
    context: str
    ecosystem: str
    smoke: dict[str, Any]
    aliases: tuple[str, ...] = ()
    rebase: tuple[str, ...] = ()
    control: bool = False
    notes: str = ""

    @property
    def mirror_name(self) -> str:
        return self.repo.replace("/", "+")


class ManifestError(Exception):
    pass


def load_manifest(path: Path = MANIFEST) -> list[Project]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    projects: list[Project] = []
    seen: set[str] = set()
    for i, raw in enumerate(data.get("project", []), 1):
        try:
            p = Project(name=raw["name"], repo=raw["repo"], commit=raw["commit"], dockerfile=raw["dockerfile"],
                        context=raw.get("context", "."), ecosystem=raw["ecosystem"], smoke=raw["smoke"],
                        aliases=tuple(raw.get("aliases", ())), rebase=tuple(raw.get("rebase", ())),
                        control=bool(raw.get("control", False)),
                        notes=raw.get("notes", ""))
        except KeyError as e:
            raise ManifestError(f"{path}: project {i}: missing key {e}") from None
        problems = check_project(p, seen)
        if problems:
            raise ManifestError(f"{path}: project {p.name}: " + "; ".join(problems))
        seen.add(p.name)
        projects.append(p)
    return projects


def check_project(p: Project, seen: set[str]) -> list[str]:
    problems = []
    if p.name in seen:
        problems.append("duplicate name")
    if len(p.commit) != 40 or any(c not in "0123456789abcdef" for c in p.commit):
        problems.append("commit must be 40 lowercase hex digits")
    if p.repo.count("/") != 1:
        problems.append("repo must be OWNER/NAME")
    if p.ecosystem not in ECOSYSTEMS:
        problems.append(f"ecosystem must be one of {sorted(ECOSYSTEMS)}")
    if not set(p.smoke) & {"http", "run", "expect"}:
        problems.append("smoke needs http, run or expect")
    if any("=" not in a for a in (*p.aliases, *p.rebase)):
        problems.append("aliases and rebase entries are NAME=EXISTING")
    return problems


def git_dir(mirrors: Path, p: Project) -> Path:
    return mirrors / p.mirror_name / "repo"


def archive(gitdir: Path, commit: str, context: str) -> bytes:
    treeish = commit if context in ("", ".") else f"{commit}:{context.strip('/')}"
    proc = subprocess.run(["git", f"--git-dir={gitdir}", "archive", "--format=tar", treeish],
                          capture_output=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode(errors="replace").strip())
    return proc.stdout


def show(gitdir: Path, commit: str, path: str) -> bytes:
    proc = subprocess.run(["git", f"--git-dir={gitdir}", "show", f"{commit}:{path}"], capture_output=True,
                          check=False)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.decode(errors="replace").strip())
    return proc.stdout


def lay_out(p: Project, target: Path, mirrors: Path) -> str:
    """Write target/<name>/; return "" or why the project was skipped."""
    gitdir = git_dir(mirrors, p)
    if not gitdir.is_dir():
        return f"no mirror at {gitdir}: run `fetch github:{p.repo}` first"
    dest = target / p.name
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    try:
        data = archive(gitdir, p.commit, p.context)
        dockerfile = show(gitdir, p.commit, p.dockerfile)
    except RuntimeError as e:
        shutil.rmtree(dest)
        return f"git: {e}"
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(dest, filter="tar")
    for name in ("Dockerfile", "dockerfile", "Containerfile"):
        other = dest / name
        if other.exists() and other.is_file() and name != "Dockerfile":
            other.unlink()  # one Dockerfile per project folder: the one the manifest names
    (dest / "Dockerfile").write_bytes(rebase_from(dockerfile, p.rebase))
    (dest / "smoke.json").write_text(json.dumps(p.smoke, indent=2) + "\n", encoding="utf-8")
    return ""


def rebase_from(dockerfile: bytes, rebase: tuple[str, ...]) -> bytes:
    """Name another zoo image in the FROM lines: ``python:3.9=python:3.11`` where an alias would mislead.

    An alias keeps the name and changes the content: a python:3.9 that holds Python 3.11 sends a
    refactoring that copies /usr/local/lib/python3.9 to a folder that does not exist. Rebasing says
    the truth in the Dockerfile instead (recorded in the manifest, reported with the figures).
    """
    if not rebase:
        return dockerfile
    table = dict(r.split("=", 1) for r in rebase)
    lines = dockerfile.decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
    out = []
    for line in lines:
        words = line.split()
        if len(words) >= 2 and words[0].upper() == "FROM":
            image = next((w for w in words[1:] if not w.startswith("--")), "")
            if image in table:
                line = line.replace(image, table[image], 1)
        out.append(line)
    return "".join(out).encode("utf-8", errors="surrogateescape")


def make_aliases(projects: list[Project]) -> list[str]:
    """Tag the zoo images the projects' aliases name; return what was done (or could not be)."""
    done: list[str] = []
    for alias in sorted({a for p in projects for a in p.aliases}):
        name, existing = alias.split("=", 1)
        if _image_exists(name):
            continue
        if not _image_exists(existing):
            done.append(f"alias {name}: no zoo image {existing} (run shared/e2e/zoo.sh up)")
            continue
        proc = subprocess.run(["docker", "tag", existing, name], capture_output=True, text=True, check=False)
        done.append(f"alias {name} -> {existing}" + ("" if proc.returncode == 0 else f": {proc.stderr.strip()}"))
    return done


def _image_exists(ref: str) -> bool:
    return subprocess.run(["docker", "image", "inspect", ref], capture_output=True, check=False).returncode == 0


def select(projects: list[Project], only: list[str] | None) -> list[Project]:
    if not only:
        return projects
    names = {p.name for p in projects}
    unknown = [n for n in only if n not in names]
    if unknown:
        raise ManifestError(f"no such project: {', '.join(unknown)}")
    return [p for p in projects if p.name in only]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--only", nargs="+", metavar="NAME")
    ap.add_argument("--mirrors", type=Path, default=DEFAULT_MIRRORS)
    ap.add_argument("--no-aliases", action="store_true", help="do not create the zoo aliases")
    args = ap.parse_args(argv)
    try:
        projects = select(load_manifest(), args.only)
    except ManifestError as e:
        print(f"layout: {e}", file=sys.stderr)
        return 2
    args.dir.mkdir(parents=True, exist_ok=True)
    skipped = 0
    for p in projects:
        why = lay_out(p, args.dir, args.mirrors)
        if why:
            skipped += 1
            print(f"skip {p.name}: {why}")
    if not args.no_aliases:
        for line in make_aliases(projects):
            print(line)
    print(f"{len(projects) - skipped} projects laid out in {args.dir}, {skipped} skipped")
    return 1 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
