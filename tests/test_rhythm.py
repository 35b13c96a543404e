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


def _grouped_as_tally_reads_it(stage: str) -> list[str]:
    """The pairs tally's newline-between-instructions (grouped) finds, read from the text by hand: a blank
    line is wanted between instructions of different kinds, and not between two of one kind unless a comment
    opens a group there."""
    found: list[str] = []
    prev: str | None = None
    blank = comment = False
    for line in stage.splitlines():
        if not line.strip():
            blank = True
        elif line.startswith("#"):
            comment = True
        elif not line.startswith(" "):
            word = line.split()[0].upper()
            if prev is not None and (blank != (prev != word)) and not (prev == word and comment):
                found.append(f"{prev}-{word}")
            prev, blank, comment = word, False, False
    return found


COMMENTED = ("FROM python:3.11\n\nWORKDIR /app\n\n# build tools\n"
             "RUN apt-get update && apt-get install -y gcc libpq-dev\n\n"
             "# fetch tools\nRUN apt-get update && apt-get install -y curl\n\nCOPY requirements.txt .\n\n"
             "RUN pip install -r requirements.txt\n\nCOPY . .\n\nCMD [\"python\", \"app.py\"]\n")


def test_a_file_grouped_with_comments_gets_a_grouped_runtime() -> None:
    """Two RUNs of one kind with a blank line and a comment between them are grouped as tally reads it; the
    runtime drops the comments of the RUNs it derives, and with them the blank line between them."""
    assert _grouped_as_tally_reads_it(COMMENTED) == []
    result = refactor(COMMENTED)
    runner = "FROM " + result.text.split("\nFROM ", 2)[-1]
    assert runner.startswith("FROM python:3.11-slim AS runner\n\nWORKDIR /app\n"), runner
    assert _grouped_as_tally_reads_it(runner) == [], runner


def test_the_runtime_opens_with_the_file_s_blank_line_after_from() -> None:
    loose = "FROM python:3.11\n\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc libpq-dev\n" \
            "COPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n"
    runner = "FROM " + refactor(loose).text.split("\nFROM ", 2)[-1]
    assert runner.startswith("FROM python:3.11-slim AS runner\n\nWORKDIR /app\n"), runner
    tight = loose.replace("\n\n", "\n")
    runner = "FROM " + refactor(tight).text.split("\nFROM ", 2)[-1]
    assert runner.startswith("FROM python:3.11-slim AS runner\nWORKDIR /app\n"), runner


def test_the_setup_after_the_copies_is_a_group_of_its_own() -> None:
    """The copies of the artifacts are a group the tool writes (a blank line above them): the setup the
    runtime repeats after them (chmod of the copied folder) starts a group too."""
    # (the mkdir in a RUN of its own: with `mkdir -p /out && chmod 755 /out` both stay at their place, see
    # test_owner_before_outputs)
    text = "FROM golang:1.21\n\nWORKDIR /src\nCOPY . .\n\nRUN mkdir -p /out\nRUN chmod 755 /out\n\n" \
           "RUN go build -o /out/app .\n\nCMD [\"/out/app\"]\n"
    result = refactor(text)
    assert result.changed, result.skipped
    assert "\n\nCOPY --from=builder /out/app /out/app\n\nRUN chmod 755 /out\n" in result.text, result.text


def test_a_path_set_anew_after_the_installs_leaves_the_file_alone() -> None:
    # the venv's bin would fall off the PATH: `python` would be the image's, without the packages
    text = ("FROM python:3.11\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc libpq-dev\n"
            "COPY . .\nRUN pip install -r requirements.txt\nENV PATH=/usr/local/bin:/usr/bin:/bin\n"
            "CMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    assert not result.changed
    assert "sets PATH anew after the installs" in (result.skipped or "")


def test_a_repeated_instruction_whose_comment_stays_with_the_builder_joins_its_kind() -> None:
    """The comment above a repeated ENV stays with the builder's copy: the blank line that set the comment off
    would part two ENVs the runtime writes in a row (tally's newline-between-instructions). The file is not
    grouped (a blank line between two ENVs without a comment), so the runtime keeps its other blank lines."""
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc make perl \\\n"
            "    && cpan -i Term::Animation \\\n    && useradd -m john\nUSER john\nENV X=0\n\nENV A=1\n\n"
            "# settings of the build\nENV B=2\nCMD [\"/menu.sh\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    builder, runner = result.text.split("\nFROM ", 1)
    assert "ENV A=1\n\n# settings of the build\nENV B=2\n" in builder
    assert "\nENV X=0\n\nENV A=1\nENV B=2\nCMD" in runner, runner
