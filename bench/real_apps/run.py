"""Run msrefactor over the real-application benchmark and print the table.

    python bench/real_apps/run.py DIR [--only NAME...] [--json OUT] [--reference] [--no-verify]
        [--save-report REPORT] [--batch-report REPORT...] [--references-from ROWS]

DIR is what layout.py wrote. This runs ``msrefactor batch <every DIR/<name>/Dockerfile> --verify
--report ...`` once (each changed Dockerfile is built before and after on the Docker engine and checked
with the smoke.json beside it: builds, same metadata, smoke check passes, not larger), then, with
--reference, verifies each hand-written reference/<name>.Dockerfile the same way (``msrefactor verify
--result``: built from the same context, same smoke check), and prints one row per project:

    project  ecosystem  changed  skip reason  verify  before MB -> after MB  ratio  hand MB  ours/hand

and the figures issue 10 asks for: how many changed projects verify; of the projects where the
hand-written version cuts >= 20 %, the share msrefactor changes; for those, our size / hand-written size.
Needs a running Docker engine with the zoo's images (shared/e2e/zoo.sh up). Exit 0 when every changed
project verifies.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass
from enum import Enum
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layout import Project, load_manifest, select  # noqa: E402

HERE = Path(__file__).resolve().parent
REFERENCES = HERE / "reference"
BIG_CUT = 0.8  # the hand-written version is at most 80 % of the original: a cut of >= 20 %


class Verdict(str, Enum):
    OK = "ok"
    FAILED = "FAILED"
    ERROR = "error"  # verify could not run (the original does not build, a busy port, ...)
    NOT_RUN = "-"


@dataclass
class Row:
    name: str
    ecosystem: str
    control: bool
    status: str = "missing"  # batch's status: changed, unchanged, skipped, error; or missing (not laid out)
    skip_reason: str = ""
    verdict: Verdict = Verdict.NOT_RUN
    failed_checks: tuple[str, ...] = ()
    detail: str = ""
    size_before: int | None = None
    size_after: int | None = None
    ref_size: int | None = None
    ref_verdict: Verdict = Verdict.NOT_RUN
    ref_detail: str = ""

    @property
    def ratio(self) -> float | None:
        if self.size_before and self.size_after is not None:
            return self.size_after / self.size_before
        return None

    @property
    def ours_over_hand(self) -> float | None:
        if self.ref_size and self.size_after is not None:
            return self.size_after / self.ref_size
        return None

    @property
    def hand_cut(self) -> float | None:
        if self.ref_size and self.size_before:
            return self.ref_size / self.size_before
        return None


def msrefactor_command(explicit: str | None) -> list[str]:
    if explicit:
        return explicit.split()
    beside = Path(sys.executable).parent / "msrefactor"
    return [str(beside)] if beside.exists() else ["msrefactor"]


def run_batch(cmd: list[str], files: list[Path], verify: bool, save: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="real-apps-") as tmp:
        report = save or Path(tmp) / "report.json"
        args = [*cmd, "batch", *map(str, files), "-j", "1", "--report", str(report)]
        if verify:
            args.append("--verify")
        print("$ " + " ".join(args), file=sys.stderr, flush=True)
        proc = subprocess.run(args, stdin=subprocess.DEVNULL, check=False)
        if not report.exists():
            raise SystemExit(f"run: msrefactor batch wrote no report (exit {proc.returncode})")
        data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
        return data


def fill_from_batch(row: Row, entry: dict[str, Any]) -> None:
    row.status = entry["status"]
    row.skip_reason = entry.get("skip_reason") or ""
    if entry.get("error"):
        row.detail = entry["error"]
    v = entry.get("verify")
    if v is None:
        return
    if "error" in v:
        row.verdict, row.detail = Verdict.ERROR, v["error"]
        return
    row.verdict = Verdict.OK if v.get("ok") else Verdict.FAILED
    row.size_before, row.size_after = v.get("size_original"), v.get("size_result")
    row.failed_checks = tuple(v.get("failed_checks") or ())
    fails = [c for c in v.get("checks", []) if c.get("status") == "FAIL"]
    row.detail = "; ".join(f"{c['name']}: {c.get('detail', '')}" for c in fails)


def verify_reference(cmd: list[str], app: Path, reference: Path) -> dict[str, Any]:
    """``msrefactor verify --result reference --json`` for one project."""
    args = [*cmd, "verify", str(app / "Dockerfile"), "--result", str(reference), "--json"]
    print("$ " + " ".join(args), file=sys.stderr, flush=True)
    proc = subprocess.run(args, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False)
    if proc.returncode == 2 or not proc.stdout.strip():
        return {"error": (proc.stderr.strip().splitlines() or ["verify failed"])[-1]}
    data: dict[str, Any] = json.loads(proc.stdout)
    return data


def fill_reference(row: Row, data: dict[str, Any]) -> None:
    if "error" in data:
        row.ref_verdict, row.ref_detail = Verdict.ERROR, data["error"]
        return
    row.ref_verdict = Verdict.OK if data.get("ok") else Verdict.FAILED
    row.ref_size = data.get("size_result")
    if row.size_before is None:
        row.size_before = data.get("size_original")
    fails = [c for c in data.get("checks", []) if c.get("status") == "FAIL"]
    row.ref_detail = "; ".join(f"{c['name']}: {c.get('detail', '')}" for c in fails)


def reuse_reference(row: Row, earlier: dict[str, Any]) -> None:
    """The reference columns of a row of an earlier run's --json."""
    row.ref_verdict = Verdict(earlier.get("ref_verdict", Verdict.NOT_RUN.value))
    row.ref_size, row.ref_detail = earlier.get("ref_size"), earlier.get("ref_detail") or ""
    if row.size_before is None:
        row.size_before = earlier.get("size_before")


def image_size(ref: str) -> int | None:
    proc = subprocess.run(["docker", "image", "inspect", "-f", "{{.Size}}", ref], capture_output=True, text=True,
                          check=False)
    return int(proc.stdout.strip()) if proc.returncode == 0 and proc.stdout.strip().isdigit() else None


def fill_unchanged_sizes(row: Row) -> None:
    """An unchanged project's image is the original: after = before, when the original's size is known."""
    if row.status in ("unchanged", "skipped"):
        if row.size_before is None:
            row.size_before = image_size(f"realapps/{row.name}:orig")
        row.size_after = row.size_before


def mb(n: int | None) -> str:
    return "-" if n is None else f"{n / 1e6:.0f}"


def fmt_ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def table(rows: list[Row]) -> str:
    head = ("project", "eco", "changed", "skip reason", "verify", "before -> after MB", "ratio", "hand MB",
            "ours/hand")
    lines = [head]
    for r in rows:
        changed = {"changed": "yes", "unchanged": "no", "skipped": "no"}.get(r.status, r.status)
        verdict = r.verdict.value + (f" ({', '.join(r.failed_checks)})" if r.failed_checks else "")
        hand = mb(r.ref_size) + ("" if r.ref_verdict in (Verdict.OK, Verdict.NOT_RUN) else f" {r.ref_verdict.value}")
        lines.append((r.name + (" *" if r.control else ""), r.ecosystem, changed, _cut(r.skip_reason, 40), verdict,
                      f"{mb(r.size_before)} -> {mb(r.size_after)}", fmt_ratio(r.ratio), hand,
                      fmt_ratio(r.ours_over_hand)))
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(out)


def _cut(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def figures(rows: list[Row]) -> list[str]:
    changed = [r for r in rows if r.status == "changed"]
    verified = [r for r in changed if r.verdict is Verdict.OK]
    lines = [f"projects: {len(rows)} ({sum(r.status != 'missing' for r in rows)} laid out); "
             f"changed {len(changed)}, unchanged {sum(r.status == 'unchanged' for r in rows)}, "
             f"skipped {sum(r.status == 'skipped' for r in rows)}, errors {sum(r.status == 'error' for r in rows)}",
             f"changed projects that verify (build, smoke check, metadata, smaller): {len(verified)} of {len(changed)}"]
    big = [r for r in rows if r.ref_verdict is Verdict.OK and r.hand_cut is not None and r.hand_cut <= BIG_CUT]
    taken = [r for r in big if r.status == "changed" and r.verdict is Verdict.OK]
    if big:
        lines.append(f"hand-written version cuts >= 20 %: {len(big)} projects; msrefactor changes (and verifies) "
                     f"{len(taken)} of them ({len(taken) / len(big):.0%})")
        ratios = [r.ours_over_hand for r in taken if r.ours_over_hand is not None]
        if ratios:
            lines.append(f"for those, our size / hand-written size: median {statistics.median(ratios):.2f}, "
                         f"mean {statistics.mean(ratios):.2f}, worst {max(ratios):.2f}")
    return lines


def build_rows(projects: list[Project], root: Path) -> tuple[list[Row], list[Path]]:
    rows, files = [], []
    for p in projects:
        rows.append(Row(p.name, p.ecosystem, p.control))
        dockerfile = root / p.name / "Dockerfile"
        if dockerfile.exists():
            files.append(dockerfile)
        else:
            rows[-1].detail = f"not laid out: python bench/real_apps/layout.py {root} --only {p.name}"
    return rows, files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir", type=Path)
    ap.add_argument("--only", nargs="+", metavar="NAME")
    ap.add_argument("--json", type=Path, help="write every row here")
    ap.add_argument("--reference", action="store_true", help="also verify the hand-written references")
    ap.add_argument("--no-verify", action="store_true", help="refactor only: no builds")
    ap.add_argument("--save-report", type=Path, help="keep the batch report here (for --batch-report later)")
    ap.add_argument("--references-from", type=Path, metavar="ROWS",
                    help="take the references' verdicts and sizes from this --json of an earlier run (the references "
                         "do not depend on msrefactor's version) instead of building them again")
    ap.add_argument("--batch-report", type=Path, nargs="+",
                    help="read this `msrefactor batch --verify --report` output instead of running batch")
    ap.add_argument("--msrefactor", help="the command to run (default: the msrefactor beside this Python)")
    args = ap.parse_args(argv)
    projects = select(load_manifest(), args.only)
    root = args.dir.resolve()
    rows, files = build_rows(projects, root)
    cmd = msrefactor_command(args.msrefactor)
    by_path: dict[str, dict[str, Any]] = {}
    if args.batch_report:  # several: a later report's entry wins (a re-run of a few projects with --only)
        for path in args.batch_report:
            report = json.loads(path.read_text(encoding="utf-8"))
            by_path |= {os.path.realpath(e["path"]): e for e in report["files"]}
    elif files:
        report = run_batch(cmd, files, verify=not args.no_verify, save=args.save_report)
        by_path = {os.path.realpath(e["path"]): e for e in report["files"]}
    for row in rows:
        entry = by_path.get(os.path.realpath(root / row.name / "Dockerfile"))
        if entry is not None:
            fill_from_batch(row, entry)
    if args.references_from:
        earlier = {r["name"]: r for r in json.loads(args.references_from.read_text(encoding="utf-8"))}
        for row in rows:
            if row.name in earlier:
                reuse_reference(row, earlier[row.name])
    elif args.reference:
        report_rows(rows, args.json)  # the batch's figures first: references take long to build
        for row in rows:
            ref = REFERENCES / f"{row.name}.Dockerfile"
            if ref.exists() and row.status != "missing":
                fill_reference(row, verify_reference(cmd, root / row.name, ref))
    report_rows(rows, args.json)
    return 0 if all(r.verdict is Verdict.OK for r in rows if r.status == "changed") else 1


def report_rows(rows: list[Row], json_out: Path | None) -> None:
    for row in rows:
        fill_unchanged_sizes(row)
    print(table(rows))
    print("(* a control: already slim or multi-stage)")
    for line in figures(rows):
        print(line)
    for r in rows:
        for label, text in (("", r.detail), ("reference: ", r.ref_detail)):
            if text:
                print(f"{r.name}: {label}{_cut(' '.join(text.split()), 400)}")
    if json_out:
        json_out.write_text(json.dumps([asdict(r) | {"ratio": r.ratio, "ours_over_hand": r.ours_over_hand}
                                        for r in rows], indent=2, default=str), encoding="utf-8")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
