"""Throughput of ``msrefactor batch`` over a folder of Dockerfiles: files/s with -j1 and -j2, peak memory.

    python bench/batch.py DIR [--repeat N] [--jobs 1,2]

Files whose names ``msrefactor batch`` would not pick up (a flattened corpus such as
``owner__repo/path__Dockerfile``) are first copied into a staging folder as
``<n>/Dockerfile``. Nothing is written (no --write). Each run is timed in a fresh
wrapper process whose ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the largest
resident set of msrefactor or any of its workers; the best of ``--repeat`` runs is kept.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from transformer.batch import discover, is_dockerfile_name  # noqa: E402

WRAPPER = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": elapsed, "maxrss_kb": usage.ru_maxrss, "rc": proc.returncode,
                  "cpu": usage.ru_utime + usage.ru_stime}))
"""


def stage(folder: Path) -> tuple[Path, int, Path | None]:
    """(folder to run on, number of Dockerfiles, staging folder to delete or None)."""
    found, _ = discover([str(folder)])
    every = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and ".git" not in p.parts]
    if every and len(found) >= len(every) * 0.9:
        return folder, len(found), None
    tmp = Path(tempfile.mkdtemp(prefix="msrefactor-bench-"))
    n = 0
    for p in sorted(every):
        if is_dockerfile_name(p.name) or "dockerfile" in p.name.lower() or "containerfile" in p.name.lower():
            n += 1
            dest = tmp / f"{n:05d}"
            dest.mkdir()
            shutil.copyfile(p, dest / "Dockerfile")
    return tmp, n, tmp


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()
    exe = shutil.which("msrefactor") or str(Path(sys.executable).parent / "msrefactor")
    root, n, cleanup = stage(args.dir)
    try:
        rows = []
        for jobs in [int(j) for j in args.jobs.split(",")]:
            report = Path(tempfile.mkdtemp(prefix="msrefactor-bench-report-")) / "report.json"
            cmd = [exe, "batch", str(root), "-j", str(jobs), "-q", "--report", str(report)]
            best: dict[str, float] | None = None
            for _ in range(args.repeat):
                out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True,
                                     check=True)
                run = json.loads(out.stdout)
                if best is None or run["seconds"] < best["seconds"]:
                    best = run
            assert best is not None
            summary = json.loads(report.read_text())["summary"]
            shutil.rmtree(report.parent)
            rows.append((jobs, best, summary, cmd))
        print(f"msrefactor batch over {args.dir} ({n} Dockerfiles{', staged in ' + str(root) if cleanup else ''}); "
              f"best of {args.repeat}, cpus={os.cpu_count()}, python {sys.version.split()[0]}")
        print()
        print(f"{'jobs':>4}  {'files':>6}  {'seconds':>8}  {'files/s':>8}  {'peak RSS MB':>11}  {'exit':>4}  "
              f"changed/unchanged/skipped/error")
        for jobs, best, summary, _ in rows:
            rate = summary["total"] / best["seconds"]
            print(f"{jobs:>4}  {summary['total']:>6}  {best['seconds']:>8.2f}  {rate:>8.1f}"
                  f"  {best['maxrss_kb'] / 1024:>11.1f}  {int(best['rc']):>4}  "
                  f"{summary['changed']}/{summary['unchanged']}/{summary['skipped']}/{summary['error']}")
        print()
        for *_, cmd in rows:
            print("  " + shlex.join(cmd))
    finally:
        if cleanup:
            shutil.rmtree(cleanup, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
