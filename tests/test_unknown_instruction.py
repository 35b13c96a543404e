"""An instruction BuildKit does not know stops the build ("unknown instruction"): the skip says so, rather than
that the file sets no CMD (mohamed22-code/task-os writes ``CMD`` and a no-break space, U+00A0, before its command,
which BuildKit reads as an instruction named ``CMD\\u00a0["./myapp"]``)."""

from __future__ import annotations

from conftest import skip_reason


def test_a_command_after_a_no_break_space_is_an_unknown_instruction() -> None:
    reason = skip_reason('FROM gcc:12\nCOPY . /app\nWORKDIR /app\nRUN g++ -o myapp main.cpp\nCMD\u00a0["./myapp"]\n')
    assert reason.startswith("line 5: unknown instruction 'CMD\\xa0[\"./myapp\"]'"), reason
    assert "does not build" in reason and "no CMD" not in reason, reason


def test_a_misspelled_instruction_is_named() -> None:
    reason = skip_reason("FROM golang:1.19\nWORKDIR /app\nCOPY . .\nRUN go build -o /app/server\nCDM /app/server\n")
    assert reason.startswith("line 5: unknown instruction 'CDM'"), reason
