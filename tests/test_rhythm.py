"""The runtime stage takes the file's blank-line rhythm: a file grouped as tally's newline-between-instructions
wants it (a blank line exactly between instructions of different kinds) gets a grouped runtime stage."""

from __future__ import annotations

from transformer import refactor

GROUPED = ("FROM python:3.11\n\nWORKDIR /app\n\nRUN apt-get update && apt-get install -y gcc libpq-dev\n\n"
           "COPY requirements.txt .\n\nRUN pip install -r requirements.txt\n\nCOPY . .\n\n# the port\nEXPOSE 8000\n\n"
           "CMD [\"python\", \"app.py\"]\n")


def _rhythm(stage: str) -> list[tuple[str, bool, str]]:
    """(keyword, blank line before the next instruction, next keyword), read from the text by hand."""
    out: list[tuple[str, bool, str]] = []
    prev: str | None = None
    blank = False
    for line in stage.splitlines():
        if not line.strip():
            blank = True
        elif not line.startswith("#") and not line.startswith(" "):
            word = line.split()[0].upper()
            if prev is not None:
                out.append((prev, blank, word))
            prev, blank = word, False
    return out


def test_a_grouped_file_gets_a_grouped_runtime() -> None:
    result = refactor(GROUPED)
    assert result.changed, result.skipped
    runner = "FROM " + result.text.split("\nFROM ", 2)[-1]
    pairs = _rhythm(runner)
    assert ("COPY", False, "COPY") in pairs  # the copies stay together
    assert all(blank == (a != b) for a, blank, b in pairs), pairs
    assert "\n\n# the port\nEXPOSE 8000\n" in runner  # the comment stays above its instruction


def test_a_file_without_the_grouped_rhythm_keeps_its_own() -> None:
    loose = GROUPED.replace("\n\nCOPY requirements.txt", "\nCOPY requirements.txt")
    result = refactor(loose)
    runner = "FROM " + result.text.split("\nFROM ", 2)[-1]
    assert not all(blank == (a != b) for a, blank, b in _rhythm(runner))
