"""Throughput of ``msrefactor batch`` over a folder of Dockerfiles: files/s with -j1 and -j2, peak memory.

    python bench/batch.py DIR [--repeat N] [--jobs 1,2] [--no-control]

Files whose names ``msrefactor batch`` would not pick up (a flattened corpus such as
``owner__repo/path__Dockerfile``) are first copied into a staging folder as
``<n>/Dockerfile``. Nothing is written (no --write). Each run is timed in a fresh
wrapper process whose ``getrusage(RUSAGE_CHILDREN).ru_maxrss`` is the largest
resident set of msrefactor or any of its workers. The runs of each -j value are interleaved
(a slow spell of a shared machine hits all alike); best and median are shown, and a control
(the same pure-Python loop in one process, then in two at once) shows the machine's own ceiling.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


CONTROL = r"""
import sys, time
t = time.perf_counter()
rows = [{"k": str(j), "v": (j, j + 1)} for j in range(200_000)]
for _ in range(int(sys.argv[1])):
    rows.sort(key=lambda r: r["k"][::-1])
    rows = [{"k": r["k"], "v": r["v"]} for r in rows]
print(time.perf_counter() - t)
"""


def control(rounds: int) -> tuple[float, float]:
    """(seconds of one pure-Python process, seconds of two such processes started together).

    Their ratio is what this machine's cores give any Python work run twice in parallel: the
    ceiling for ``-j2 / -j1`` here, whatever msrefactor does.
    """
    def run(n: int) -> float:
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", CONTROL, str(rounds)], stdout=subprocess.DEVNULL)
                 for _ in range(n)]
        for proc in procs:
            proc.wait()
        return time.perf_counter() - start
    return run(1), run(2)


def executable() -> str:
    """The msrefactor of the Python running this script (not a shim found first on PATH)."""
    here = Path(sys.executable).parent / "msrefactor"
    return str(here) if here.exists() else (shutil.which("msrefactor") or "msrefactor")


def bytecode_note() -> str:
    """An installed wheel has its bytecode; an editable install under PYTHONDONTWRITEBYTECODE would
    compile every module on every run. Compile it once, as pip does when it installs."""
    import transformer

    folder = Path(transformer.__file__).parent
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], stdout=subprocess.DEVNULL, check=True)
    return f"bytecode compiled in {folder}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--repeat", type=int, default=5, help="runs per -j value, interleaved (default 5)")
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--no-control", action="store_true", help="skip the machine's own parallel ceiling")
    args = ap.parse_args()
    exe = executable()
    note = bytecode_note()
    root, n, cleanup = stage(args.dir)
    job_list = [int(j) for j in args.jobs.split(",")]
    try:
        runs: dict[int, list[dict[str, float]]] = {j: [] for j in job_list}
        summaries: dict[int, dict[str, int]] = {}
        cmds: dict[int, list[str]] = {}
        controls: list[tuple[float, float]] = []
        for _ in range(args.repeat):  # interleaved: a slow minute on a shared machine hits every -j alike
            for jobs in job_list:
                report = Path(tempfile.mkdtemp(prefix="msrefactor-bench-report-")) / "report.json"
                cmd = [exe, "batch", str(root), "-j", str(jobs), "-q", "--report", str(report)]
                out = subprocess.run([sys.executable, "-c", WRAPPER, *cmd], capture_output=True, text=True,
                                     check=True)
                run = json.loads(out.stdout)
                if not report.exists():
                    sys.exit(f"bench: {shlex.join(cmd)} wrote no report (exit {run['rc']})")
                summaries[jobs] = json.loads(report.read_text())["summary"]
                shutil.rmtree(report.parent)
                runs[jobs].append(run)
                cmds[jobs] = cmd
            if not args.no_control:
                controls.append(control(3))
        print(f"msrefactor batch over {args.dir} ({n} Dockerfiles{', staged in ' + str(root) if cleanup else ''}); "
              f"{args.repeat} runs per -j, interleaved; cpus={os.cpu_count()}, python {sys.version.split()[0]}; "
              f"{note}")
        print()
        print(f"{'jobs':>4}  {'files':>6}  {'best s':>7}  {'median s':>8}  {'files/s':>8}  {'peak RSS MB':>11}  "
              f"{'exit':>4}  changed/unchanged/skipped/error")
        for jobs in job_list:
            best = min(runs[jobs], key=lambda r: r["seconds"])
            med = statistics.median(r["seconds"] for r in runs[jobs])
            summary = summaries[jobs]
            rss = max(r["maxrss_kb"] for r in runs[jobs]) / 1024
            print(f"{jobs:>4}  {summary['total']:>6}  {best['seconds']:>7.2f}  {med:>8.2f}  "
                  f"{summary['total'] / best['seconds']:>8.1f}  {rss:>11.1f}  {int(best['rc']):>4}  "
                  f"{summary['changed']}/{summary['unchanged']}/{summary['skipped']}/{summary['error']}")
        if 1 in runs and len(job_list) > 1:
            print()
            one = [r["seconds"] for r in runs[1]]
            for jobs in job_list[1:]:
                other = [r["seconds"] for r in runs[jobs]]
                pairs = [a / b for a, b in zip(one, other, strict=True)]
                print(f"-j{jobs} / -j1: {min(one) / min(other):.2f}x (best runs), "
                      f"{statistics.median(pairs):.2f}x (median of the {len(pairs)} interleaved pairs)")
        if controls:
            ceilings = [2 * a / b for a, b in controls]
            print(f"machine ceiling: two pure-Python processes together do {statistics.median(ceilings):.2f}x "
                  f"the work of one in the same time (median of {len(ceilings)}; best {max(ceilings):.2f}x)")
        print()
        for jobs in job_list:
            print("  " + shlex.join(cmds[jobs]))
    finally:
        if cleanup:
            shutil.rmtree(cleanup, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
