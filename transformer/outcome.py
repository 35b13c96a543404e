"""What happened to a Dockerfile, and the one table from outcomes to exit statuses.

The lowest layer: it imports nothing of ours, so the engine (``refactor.Result``),
the reports and every command share these names.

=====  ==========================================================================
exit   meaning
=====  ==========================================================================
0      done: every file changed, unchanged or skipped (nothing to report)
1      a finding: ``--check`` found a file that would change, or ``verify`` (and
       ``batch --verify``) found a result that does not behave as the original
2      an error: bad input (``file:line:col``), a bad flag or configuration, no
       such file, no Docker engine, or an internal error of the tool (a crash is
       reported as ``msrefactor: FILE: internal error: ...``, never as a skip)
130    ``batch`` stopped by Ctrl-C or SIGTERM (the files written so far are whole)
=====  ==========================================================================

An internal error shares 2 with the other errors (black uses 123 for it): a
script that checks Dockerfiles has to stop on either, and the message tells them
apart.
"""

from __future__ import annotations

from enum import Enum, IntEnum


class Status(str, Enum):
    """One file's outcome, as libcst's codemods' Success / Skip / Failure (plus "nothing to do").

    The values are the words of the JSON report and of ``--json``.
    """

    CHANGED = "changed"  # a new text
    UNCHANGED = "unchanged"  # nothing to do
    SKIPPED = "skipped"  # left as it is, with a reason (already multi-stage, cannot keep the meaning...)
    ERROR = "error"  # bad input, unreadable, or a crash of the tool: counted as an error

    def __str__(self) -> str:
        return self.value


class ExitCode(IntEnum):
    """The exit statuses of every msrefactor command (see the table above)."""

    OK = 0
    FOUND = 1  # --check found a change; verify found a difference
    ERROR = 2
    INTERRUPTED = 130  # batch stopped by Ctrl-C or SIGTERM (128 + SIGINT, as a shell reports it)


def exit_code(*, errors: int, changed: int = 0, check: bool = False, verify_failed: int = 0) -> ExitCode:
    """The exit status of a run: any error wins, then a finding (a change under ``--check``, a
    verification that failed), else OK."""
    if errors:
        return ExitCode.ERROR
    if verify_failed or (check and changed):
        return ExitCode.FOUND
    return ExitCode.OK


def one_line(text: str) -> str:
    """``text`` on one line (newlines shown as ``\\n``), for a message on stderr."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def describe(error: BaseException) -> str:
    """An exception as one line: ``KeyError: 'x'``."""
    return one_line(f"{type(error).__name__}: {error}")
