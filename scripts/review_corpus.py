"""Refactor every file of a corpus folder and check each result, as a reviewer would.

    python scripts/review_corpus.py DIR [--hadolint] [--jobs N] [--show N] [--json OUT]

For every file under DIR (each file is a Dockerfile, whatever its name): parse, refactor,
and for those that change check that
- tests/output_checks.output_problems finds nothing (BuildKit's parser reads it, stages,
  users, compilers, CMD/ENTRYPOINT/ENV/... kept);
- a second run changes nothing;
- every comment of the input is still there;
- with --hadolint: hadolint finds no DL3022/DL3023/DL3024 and no error the input did not have.
Prints the counts by status and by skip reason, and the problems found. The corpus itself
stays outside the repository (see tests/test_corpus.py).
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from output_checks import output_problems  # noqa: E402

from transformer import DockerfileSyntaxError, Status, refactor  # noqa: E402
from transformer.tree import Comment  # noqa: E402

WATCHED = {"DL3022", "DL3023", "DL3024"}
HADOLINT = False


def comments(text: str) -> collections.Counter[str]:
    from transformer import parse

    out: collections.Counter[str] = collections.Counter()

    def walk(items: object) -> None:
        for item in items:  # type: ignore[attr-defined]
            if isinstance(item, Comment):
                out[item.text.strip()] += 1

    tree = parse(text)
    walk(tree.preamble)
    for st in tree.stages:
        walk(st.leading)
        walk(st.body)
    return out


def findings(text: str) -> set[tuple[str, str]]:
    with tempfile.NamedTemporaryFile("w", suffix=".Dockerfile", delete=False, encoding="utf-8",
                                     errors="surrogateescape") as f:
        f.write(text)
    try:
        p = subprocess.run(["hadolint", "-f", "json", "--no-fail", f.name], capture_output=True, text=True)
        return {(x["code"], x["level"]) for x in json.loads(p.stdout or "[]")}
    except (OSError, json.JSONDecodeError):
        return set()
    finally:
        os.unlink(f.name)


def review(path: str) -> dict[str, object]:
    text = Path(path).read_bytes().decode("utf-8", "surrogateescape")
    try:
        result = refactor(text)
    except DockerfileSyntaxError as e:
        return {"path": path, "status": "error", "detail": str(e)}
    except Exception as e:  # noqa: BLE001 - a crash is what this script looks for
        return {"path": path, "status": "crash", "detail": f"{type(e).__name__}: {e}"}
    if result.status is Status.ERROR:
        return {"path": path, "status": "crash", "detail": result.error}
    if not result.changed:
        return {"path": path, "status": "skipped", "detail": re.sub(r"line \d+", "line N", result.skipped or "")}
    problems = list(output_problems(text, result.text))
    again = refactor(result.text)
    if again.changed:
        problems.append("a second run changes it again")
    lost = comments(text) - comments(result.text)
    if lost:
        problems.append(f"comments lost: {list(lost)[:3]}")
    if HADOLINT:
        new = findings(result.text) - findings(text)
        bad = {c for c, level in new if c in WATCHED or level == "error"}
        if bad:
            problems.append(f"hadolint: new {sorted(bad)}")
    return {"path": path, "status": "problem" if problems else "changed", "detail": "; ".join(problems)}


def init(hadolint: bool) -> None:
    global HADOLINT
    HADOLINT = hadolint


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--hadolint", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--show", type=int, default=25, help="skip reasons to list")
    ap.add_argument("--json", type=Path, help="write one entry per file")
    args = ap.parse_args()
    files = sorted(str(p) for p in args.dir.rglob("*") if p.is_file() and not p.is_symlink()
                   and p.name != "README.txt")
    # spawn, not fork: the BuildKit oracle (PyPI dockerfile) is Go, whose runtime does not survive a fork
    with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn"), initializer=init,
                             initargs=(args.hadolint,)) as pool:
        rows = list(pool.map(review, files, chunksize=16))
    status = collections.Counter(r["status"] for r in rows)
    print(f"{len(rows)} files: " + ", ".join(f"{k} {v}" for k, v in status.most_common()))
    reasons = collections.Counter(str(r["detail"])[:100] for r in rows if r["status"] == "skipped")
    for reason, n in reasons.most_common(args.show):
        print(f"  {n:5d}  {reason}")
    for r in rows:
        if r["status"] in ("crash", "problem"):
            print(f"{r['status'].upper()}: {r['path']}: {r['detail']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 1 if status["crash"] or status["problem"] else 0


if __name__ == "__main__":
    sys.exit(main())
