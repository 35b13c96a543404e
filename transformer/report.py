"""What happened to each Dockerfile, and the one place that says it and picks the exit status.

An :class:`Outcome` records one file (changed, unchanged, skipped with a reason, or an
error); a :class:`Reporter` collects them, prints the per-file lines on stderr, the
summary table, the JSON report and the pull-request bodies, and decides the exit
status from :func:`outcome.exit_code` (the one table of exit statuses).
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import IO, Any

import click

from .outcome import ExitCode, Status, exit_code


@dataclass(slots=True)
class Outcome:
    """One Dockerfile's result. ``changes`` holds (kind, line, message) triples."""

    path: str
    status: Status
    changes: tuple[tuple[str, int, str], ...] = ()
    skipped: str | None = None
    error: str | None = None  # one line, without the "msrefactor: " prefix; names the file
    diff: str = ""
    text: str | None = None  # the new text, when the caller still has to write it
    written: bool = False
    group: str = ""  # the repository (or top folder) it belongs to
    relpath: str = ""  # its path inside ``group``
    verify: dict[str, Any] | None = None  # batch --verify: the figures of `msrefactor verify`

    def reasons(self) -> list[str]:
        return [f"line {line}: {message}" if line else message for _, line, message in self.changes]


# --- reading and comparing text ---------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\udc80-\udcff]")


def binary_position(text: str) -> tuple[int, int] | None:
    """(line, column) where the text shows it is not a Dockerfile but binary data, or None.

    Binary means a NUL character anywhere, or control characters and undecodable bytes
    making up more than 30% of the first 8,000 characters (a Dockerfile is text).
    """
    nul = text.find("\x00")
    head = text[:8000]
    if nul < 0 and len(_CONTROL.findall(head)) * 10 <= len(head) * 3:
        return None
    at = nul if nul >= 0 else _CONTROL.search(head).start()  # type: ignore[union-attr]
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """difflib's unified diff; a last line without a newline gets the usual ``\\ No newline`` marker."""
    out: list[str] = []
    for line in difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                     old_name, new_name):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)


def renamed_diff(diff: str, name: str) -> str:
    """The diff with its ``--- a/...`` and ``+++ b/...`` lines naming ``name`` instead."""
    old, new, rest = diff.split("\n", 2)
    assert old.startswith("--- ") and new.startswith("+++ "), diff[:80]
    return f"--- a/{name}\n+++ b/{name}\n{rest}"


def color_diff(diff: str) -> str:
    """The diff with ANSI colours, for a terminal."""
    out: list[str] = []
    for line in diff.splitlines(keepends=True):
        if line.startswith(("+++", "---")):
            out.append(click.style(line, bold=True))
        elif line.startswith("@@"):
            out.append(click.style(line, fg="cyan"))
        elif line.startswith("+"):
            out.append(click.style(line, fg="green"))
        elif line.startswith("-"):
            out.append(click.style(line, fg="red"))
        else:
            out.append(line)
    return "".join(out)


_LINE = re.compile(r"\bline \d+")


def summary_reason(reason: str) -> str:
    """A skip reason as the summary groups it (the same reason on another line is the same)."""
    return _LINE.sub("line N", reason)


def dump_report(report: dict[str, Any]) -> Iterator[str]:
    """JSON text, piece by piece, with one line per file entry (and per repository): easy to grep and
    to diff, written by json's C encoder (``indent`` would switch to the much slower pure-Python one),
    and never held whole in memory. A value that is an iterator (the file entries) or a list of
    dicts is written one item per line."""
    yield "{"
    for k, (key, value) in enumerate(report.items()):
        yield ("," if k else "") + f"\n  {json.dumps(key)}: "
        if isinstance(value, Iterator) or (isinstance(value, list) and value
                                           and all(isinstance(x, dict) for x in value)):
            sep = "["
            for item in value:  # a str is an entry already in JSON
                yield sep + "\n    " + (item if isinstance(item, str) else json.dumps(item, ensure_ascii=False))
                sep = ","
            yield "[]" if sep == "[" else "\n  ]"
        else:
            yield json.dumps(value, ensure_ascii=False)
    yield "\n}\n"


def file_entry(o: Outcome) -> dict[str, Any]:
    """One file in the JSON report."""
    entry: dict[str, Any] = {
        "path": o.path,
        "status": o.status.value,
        "reasons": [{"kind": k, "line": line, "message": m} for k, line, m in o.changes],
        "skip_reason": o.skipped,
        "error": o.error,
        "written": o.written,
        "repository": o.group,
    }
    if o.verify is not None:
        entry["verify"] = o.verify
    return entry


# --- the reporter -------------------------------------------------------------------------------------------------

class RepoStatus(str, Enum):
    """What --git-branch did in one repository."""

    COMMITTED = "committed"
    REFUSED = "refused"  # a dirty work tree, an existing branch, not a repository: nothing written
    ERROR = "error"  # git failed: nothing committed

    def __str__(self) -> str:
        return self.value


@dataclass
class RepoOutcome:
    """What --git-branch did in one repository."""

    root: str
    status: RepoStatus
    message: str = ""
    branch: str = ""
    commit: str = ""
    files: Sequence[str] = ()


@dataclass
class Reporter:
    """Collects outcomes, prints per-file lines on stderr and owns the exit status.

    ``defer``: hold the per-file lines until :meth:`flush` (while a progress bar draws).
    ``verbose``: also a line for every changed/unchanged/skipped file (batch).
    """

    check: bool = False
    quiet: bool = False
    verbose: bool = False
    write: bool = False
    defer: bool = False
    single: bool = False  # one file: say why it was left unchanged, "would refactor" in --check
    outcomes: list[Outcome] = field(default_factory=list)  # every outcome, or with a spool: changes and errors
    repos: list[RepoOutcome] = field(default_factory=list)
    failures: int = 0
    _pending: list[str] = field(default_factory=list)
    err: IO[str] | None = None
    spool: IO[str] | None = None  # batch: the report's file entries go here as they come (memory stays flat)
    counts: Counter[Status] = field(default_factory=Counter)
    skips: Counter[str] = field(default_factory=Counter)

    # recording ---------------------------------------------------------------------------------------------
    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status is Status.SKIPPED:
            self.skips[summary_reason(outcome.skipped or "")] += 1
        if self.spool is not None:
            self.spool.write(json.dumps(file_entry(outcome), ensure_ascii=False) + "\n")
        if self.spool is None or outcome.status in (Status.CHANGED, Status.ERROR):
            self.outcomes.append(outcome)
        if outcome.status is Status.ERROR:
            self.failures += 1
        line = self._line(outcome)
        if line:
            self._emit(line)

    def fail(self, message: str) -> None:
        """An error that belongs to no single file (bad option, unreadable config)."""
        self.failures += 1
        self._emit(f"msrefactor: {message}")

    def repo(self, outcome: RepoOutcome) -> None:
        self.repos.append(outcome)
        if outcome.status is not RepoStatus.COMMITTED:
            self.failures += 1
            self._emit(f"msrefactor: {outcome.root}: {outcome.message}")
        elif not self.quiet:
            self._emit(f"{outcome.root}: {outcome.message}")

    def _line(self, o: Outcome) -> str | None:
        if o.status is Status.ERROR:
            return f"msrefactor: {o.error}"
        if self.quiet:
            return None
        if o.status is Status.CHANGED:
            if self.check:
                return f"would refactor {o.path}"
            if self.verbose:
                return f"{'refactored' if o.written else 'would refactor'} {o.path}"
        elif o.status is Status.SKIPPED and (self.single or self.verbose):
            return f"{o.path}: left unchanged: {o.skipped}"
        elif o.status is Status.UNCHANGED and self.verbose:
            return f"{o.path}: unchanged"
        return None

    def _emit(self, line: str) -> None:
        if self.defer:
            self._pending.append(line)
        else:
            click.echo(line, err=True, file=self.err)

    def flush(self) -> None:
        self.defer = False
        pending, self._pending = self._pending, []
        for line in pending:
            self._emit(line)

    # results -----------------------------------------------------------------------------------------------
    @property
    def exit_code(self) -> ExitCode:
        verify_failed = sum(1 for o in self.outcomes if o.verify is not None and not o.verify.get("ok"))
        return exit_code(errors=self.failures, changed=self.counts[Status.CHANGED], check=self.check,
                         verify_failed=verify_failed)

    def summary(self) -> str:
        """The table ``msrefactor batch`` prints at the end."""
        counts = self.counts
        skips = self.skips
        written = sum(1 for o in self.outcomes if o.written)
        if self.write:
            changed_label = "refactored"
        else:
            changed_label = "would change"
        rows: list[tuple[str, int]] = [(changed_label, counts[Status.CHANGED])]
        if self.write and written != counts[Status.CHANGED]:
            rows[0] = (f"{changed_label} (written: {written})", counts[Status.CHANGED])
        rows.append(("unchanged", counts[Status.UNCHANGED]))
        rows.append(("skipped", counts[Status.SKIPPED]))
        top = skips.most_common()
        shown = top[:12]
        for reason, n in shown:
            rows.append(("  " + _shorten(reason, 72), n))
        if len(top) > len(shown):
            rows.append((f"  ({len(top) - len(shown)} other reasons)", sum(n for _, n in top[len(shown):])))
        verified = [o.verify for o in self.outcomes if o.verify is not None]
        if verified:
            rows.append(("verified on Docker", sum(1 for v in verified if v.get("ok"))))
            rows.append(("verification failed", sum(1 for v in verified if not v.get("ok"))))
        rows.append(("errors", counts[Status.ERROR]))
        rows.append(("total", self.total))
        width = max(len(label) for label, _ in rows)
        lines = [f"{label:<{width}}  {n:>6}" for label, n in rows]
        for r in self.repos:
            lines.append(f"{r.root}: {r.message}")
        return "\n".join(lines)

    def json_report(self) -> dict[str, Any]:
        """The report, its file entries as an iterator (dump_report writes them one by one)."""
        counts = self.counts
        report: dict[str, Any] = {
            "summary": {status.value: counts[status] for status in Status} | {"total": self.total},
            "exit_code": int(self.exit_code),
            "files": self.file_entries(),
        }
        if self.repos:
            report["repositories"] = [
                {"root": r.root, "status": r.status.value, "message": r.message, "branch": r.branch, "commit": r.commit,
                 "files": list(r.files)}
                for r in self.repos
            ]
        return report

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def file_entries(self) -> Iterator[dict[str, Any] | str]:
        """The report's file entries: dicts, or with a spool the JSON lines written as the files came."""
        if self.spool is None:
            yield from (file_entry(o) for o in self.outcomes)
            return
        self.spool.flush()
        self.spool.seek(0)
        for line in self.spool:
            yield line.rstrip("\n")

    def write_json(self, path: str) -> None:
        from .fileio import write_text_atomic

        write_text_atomic(path, dump_report(self.json_report()))

    def markdown(self) -> str:
        """One pull-request body per repository (or top folder) that has changes."""
        groups: dict[str, list[Outcome]] = {}
        for o in sorted(self.outcomes, key=lambda o: (o.group, o.relpath or o.path)):
            groups.setdefault(o.group, []).append(o)
        bodies = [pr_body(name, items) for name, items in groups.items()
                  if any(o.status is Status.CHANGED for o in items)]
        if not bodies:
            return "No Dockerfile would change.\n"
        return "\n---\n\n".join(bodies)

    def write_markdown(self, path: str) -> None:
        from .fileio import write_text_atomic

        write_text_atomic(path, self.markdown())


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _fence(text: str) -> str:
    """A backtick fence longer than any run of backticks in ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def verify_line(v: dict[str, Any]) -> str:
    """One line for a pull request: what `msrefactor verify` measured."""
    if not v.get("ok"):
        failed = ", ".join(v.get("failed_checks") or []) or v.get("error") or "see the report"
        return f"**Verification failed** on a real build: {failed}."
    mb = 1e6
    return (f"Verified on a real build: {v['size_original'] / mb:.1f} MB → {v['size_result'] / mb:.1f} MB "
            f"(×{v['ratio']:.2f}); same metadata, and the smoke run behaves as the original's.")


def pr_body(name: str, outcomes: Iterable[Outcome]) -> str:
    """The pull-request description for one repository's Dockerfiles."""
    items = list(outcomes)
    changed = [o for o in items if o.status is Status.CHANGED]
    other = [o for o in items if o.status in (Status.SKIPPED, Status.ERROR)]
    plural = "s" if len(changed) != 1 else ""
    out = [
        f"# Multi-stage Dockerfiles: {name}",
        "",
        f"`msrefactor` split {len(changed)} Dockerfile{plural} into stages: the compilers, package managers and "
        "build caches stay in a builder stage, tests run in their own stage, and the image that ships starts "
        "from a smaller runtime image with only what the application needs at run time.",
        "",
        "Please build the image and run it before merging: the new stages copy the build's outputs, and a "
        "path the tool could not see (written at run time, or by a script) needs a look.",
        "",
    ]
    for o in changed:
        label = o.relpath or o.path
        out += [f"## `{label}`", ""]
        if o.changes:
            out.append("What changed and why:")
            out.append("")
            out += [f"- {reason}" for reason in o.reasons()]
            out.append("")
        if o.verify is not None:
            out += [verify_line(o.verify), ""]
        fence = _fence(o.diff)
        out += [f"{fence}diff", o.diff.rstrip("\n"), fence, ""]
    if other:
        out += ["## Left as they are", ""]
        for o in other:
            why = o.skipped if o.status is Status.SKIPPED else f"error: {o.error}"
            out.append(f"- `{o.relpath or o.path}`: {why}")
        out.append("")
    return "\n".join(out)


def commit_message(outcomes: Sequence[Outcome]) -> str:
    """One commit per repository: a subject, then every file with its reasons."""
    n = len(outcomes)
    subject = f"Use multi-stage builds in {n} Dockerfile{'s' if n != 1 else ''}"
    lines = [subject, "", "Rewritten by msrefactor; the reasons, file by file:", ""]
    for o in outcomes:
        lines.append(f"{o.relpath or o.path}:")
        lines += [f"- {reason}" for reason in o.reasons()] or ["- split into builder and runtime stages"]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def print_out(text: str) -> None:
    """Text on stdout, bytes that are not UTF-8 kept (surrogateescape)."""
    from .fileio import encode

    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a test runner's text stream
        stream.write(text)
    else:
        stream.flush()
        buffer.write(encode(text))
    stream.flush()
