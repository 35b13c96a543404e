"""Parser benchmark: msrefactor's parse+render beside BuildKit's Go parser (PyPI
``dockerfile``) and ``dockerfile-parse``, on the same files in the same run.

    python bench/parse.py DIR [--reps 5]     files/s, MB/s, peak memory per tool
    python bench/parse.py --big              a 10 MB file of 400,000 continued lines,
                                             with a 1 MB vs 10 MB linearity check

Each tool runs in its own subprocess so that peak memory (ru_maxrss) is its own;
the table shows the best of the repetitions.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

TOOLS = ("msrefactor", "dockerfile", "dockerfile-parse")


def load(folder: str) -> list[bytes]:
    return [p.read_bytes() for p in sorted(Path(folder).rglob("*")) if p.is_file()]


def _runner(tool: str):  # type: ignore[no-untyped-def]
    """A function that parses one file (bytes) with the tool; errors are results too."""
    if tool == "msrefactor":
        from transformer import DockerfileSyntaxError, parse, render

        def run(data: bytes) -> None:
            text = data.decode("utf-8", "surrogateescape")
            try:
                if render(parse(text)) != text:
                    raise AssertionError("round trip differs")
            except DockerfileSyntaxError:
                pass

        return run
    if tool == "dockerfile":
        import dockerfile

        def run(data: bytes) -> None:
            try:
                dockerfile.parse_string(data.decode("utf-8", "replace"))
            except dockerfile.GoParseError:
                pass

        return run
    if tool == "dockerfile-parse":
        import logging

        from dockerfile_parse import DockerfileParser

        logging.getLogger("dockerfile_parse").setLevel(logging.CRITICAL)

        def run(data: bytes) -> None:
            DockerfileParser(fileobj=io.BytesIO(data)).structure  # noqa: B018

        return run
    raise SystemExit(f"unknown tool {tool}")


def worker(tool: str, folder: str, reps: int) -> None:
    files = load(folder)
    run = _runner(tool)
    for data in files[:50]:  # warm up (imports, grammar compilation)
        run(data)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        for data in files:
            run(data)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out = {
        "tool": tool,
        "files": len(files),
        "bytes": sum(map(len, files)),
        "times": times,
        "peak_kb": peak,
        "base_kb": base_rss,
    }
    print(json.dumps(out))


def compare(folder: str, reps: int) -> int:
    results = []
    for tool in TOOLS:
        proc = subprocess.run(
            [sys.executable, __file__, "--worker", tool, folder, "--reps", str(reps)],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        if proc.returncode != 0:
            print(f"{tool}: failed\n{proc.stderr.strip()[-2000:]}", file=sys.stderr)
            continue
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    if not results:
        return 1
    first = results[0]
    print(f"{first['files']} files, {first['bytes'] / 1e6:.2f} MB, best of {reps} repetitions\n")
    header = (
        f"{'tool':18} {'files/s':>9} {'MB/s':>7} {'best s':>8} {'median s':>9} {'peak MB':>8} {'vs dockerfile':>13}"
    )
    print(header)
    print("-" * len(header))
    speeds = {r["tool"]: r["files"] / min(r["times"]) for r in results}
    ref = speeds.get("dockerfile")
    for r in results:
        best = min(r["times"])
        median = sorted(r["times"])[len(r["times"]) // 2]
        ratio = f"{speeds[r['tool']] / ref:.2f}x" if ref else "-"
        print(
            f"{r['tool']:18} {r['files'] / best:9.0f} {r['bytes'] / best / 1e6:7.2f} {best:8.3f} "
            f"{median:9.3f} {r['peak_kb'] / 1024:8.1f} {ratio:>13}"
        )
    if ref and "msrefactor" in speeds:
        target = speeds["msrefactor"] >= ref / 3
        print(f"\ntarget (msrefactor >= 1/3 of dockerfile's files/s): {'met' if target else 'NOT met'}")
    return 0


def big_text(lines: int) -> str:
    body = "".join(f"  && echo item-{n:06d} x \\\n" for n in range(lines))
    return "FROM alpine\nRUN true \\\n" + body + "  && echo done\n"


def big_worker(lines: int) -> None:
    from transformer import parse, render

    parse("FROM a\nRUN b\n")  # compile the grammar before timing
    text = big_text(lines)
    start = time.perf_counter()
    tree = parse(text)
    parsed = time.perf_counter()
    assert render(tree) == text
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "lines": lines,
                "mb": len(text.encode()) / 1e6,
                "parse": parsed - start,
                "total": done - start,
                "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


def big() -> int:
    rows = []
    for lines in (40_000, 400_000):
        proc = subprocess.run([sys.executable, __file__, "--big-worker", str(lines)], capture_output=True, text=True)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    print(f"{'lines':>8} {'MB':>6} {'parse s':>8} {'parse+render s':>15} {'s/MB':>6} {'peak MB':>8}")
    for r in rows:
        print(
            f"{r['lines']:8d} {r['mb']:6.2f} {r['parse']:8.2f} {r['total']:15.2f} "
            f"{r['total'] / r['mb']:6.2f} {r['peak_kb'] / 1024:8.1f}"
        )
    small, large = rows
    growth = (large["total"] / large["mb"]) / (small["total"] / small["mb"])
    print(f"\nlinearity: time per MB at 10 MB / at 1 MB = {growth:.2f} (1.0 is linear)")
    print(f"10 MB target (< 10 s): {'met' if large['total'] < 10 else 'NOT met'}")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", nargs="?", help="folder of Dockerfiles (searched recursively)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--big", action="store_true", help="time a generated 10 MB file")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--big-worker", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.big_worker:
        big_worker(args.big_worker)
        return 0
    if args.worker:
        worker(args.worker, args.dir, args.reps)
        return 0
    if args.big:
        return big()
    if not args.dir:
        ap.error("give a DIR or --big")
    return compare(args.dir, args.reps)


if __name__ == "__main__":
    sys.exit(main())
