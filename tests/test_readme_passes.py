"""The README's table of passes ("What it understands") is the registry's: one row per pass of
transformer.passes.PASSES, in its order, named as ``--disable`` takes it, with the pass's own summary."""

from __future__ import annotations

import re
from pathlib import Path

from transformer.passes import PASSES

README = Path(__file__).resolve().parent.parent / "README.md"


def table_rows(text: str) -> list[list[str]]:
    """The cells of the rows of the first table under "## What it understands"."""
    section = text.split("## What it understands", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("|")]
    assert len(lines) > 2, "no table under 'What it understands'"
    rows = []
    for line in lines[2:]:  # after the header and the |---| line
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        rows.append([c.strip() for c in cells])
    return rows


def test_table_reader_on_a_known_table() -> None:
    text = ("## What it understands\n\n| pass | a | b |\n|---|---|---|\n| `x` | one | two \\| three |\n"
            "\n## Next\n| no |\n")
    assert table_rows(text) == [["`x`", "one", "two \\| three"]]


def test_every_pass_has_its_row_and_every_row_a_pass() -> None:
    rows = table_rows(README.read_text(encoding="utf-8"))
    names = [row[0].strip("`") for row in rows]
    registry = [p.name for p in PASSES]
    missing = [n for n in registry if n not in names]
    unknown = [n for n in names if n not in registry]
    assert not missing, f"README's table lacks the passes {missing}"
    assert not unknown, f"README's table names passes that do not exist: {unknown}"
    assert names == registry, "the rows must follow the registry's order (the order the passes are asked in)"


def test_each_row_gives_the_pass_summary() -> None:
    rows = {row[0].strip("`"): row for row in table_rows(README.read_text(encoding="utf-8"))}
    for p in PASSES:
        expected = p.summary.replace("|", "\\|")
        assert rows[p.name][1] == expected, f"README row for {p.name}: write | `{p.name}` | {expected} | ... |"
        assert rows[p.name][2], f"README row for {p.name}: say what the runtime gets"
