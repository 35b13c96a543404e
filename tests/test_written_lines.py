"""Lines the runtime stage writes read as the file's and pass hadolint and tally (issue #12): keywords in
the case most of the file uses, no empty continuation line, no assignment left unused, no COPY of a path
with pip's extras in it."""

from __future__ import annotations

from transformer import refactor

PY = ("{from_} python:3.11\nWORKDIR /app\nRUN apt-get update && apt-get install -y gcc libpq-dev\n"
      "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n")


def _keywords(text: str) -> list[str]:
    return [line.split()[0] for line in text.splitlines() if line[:1].isalpha()]


def test_keywords_take_the_case_most_of_the_file_uses() -> None:
    """A lower-case ``from`` in an upper-case file: the lines the tool writes are upper case (BuildKit's
    ConsistentInstructionCasing), and the ``as`` it adds to that FROM is lower case like it
    (FromAsCasing)."""
    result = refactor(PY.format(from_="from"))
    assert result.changed, result.skipped
    assert result.text.startswith("from python:3.11 as builder\n"), result.text
    runner = "FROM " + result.text.split("\nFROM ", 1)[1]
    assert all(k.isupper() for k in _keywords(runner)), runner
    lower = refactor("\n".join(line if line.startswith("FROM") else line.split(" ", 1)[0].lower() + " "
                               + line.split(" ", 1)[1] for line in PY.format(from_="FROM").splitlines()) + "\n")
    assert "\nfrom python:3.11-slim as runner\n" in lower.text and "\ncopy --from=builder" in lower.text, lower.text


def test_the_runtime_s_version_of_a_run_has_no_empty_continuation_line() -> None:
    text = PY.format(from_="FROM").replace("gcc libpq-dev", "\\\n        gcc \\\n\n        libpq-dev \\\n\n"
                                                             "        curl")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.split("AS runner", 1)[1]
    assert "libpq5 \\\n" in runner and "curl \\\n" in runner and "\\\n\n" not in runner, runner


def test_an_assignment_the_runtime_no_longer_uses_is_left_out() -> None:
    """``buildDeps='gcc libpq-dev'`` named the packages of an install the runtime drops: no unused variable
    (shellcheck's SC2034); an assignment still used stays."""
    text = PY.format(from_="FROM").replace(
        "RUN apt-get update && apt-get install -y gcc libpq-dev",
        "RUN buildDeps='gcc' && tools='curl' && apt-get update "
        "&& apt-get install -y $buildDeps libpq-dev $tools")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.split("AS runner", 1)[1]
    assert "buildDeps" not in runner, runner
    assert "tools='curl'" in runner, runner


def test_an_editable_install_with_extras_copies_the_project_folder() -> None:
    text = ("FROM python:3.11\nCOPY . /src\nRUN pip install -e '/src[dist]'\nWORKDIR /src\n"
            "CMD [\"python\", \"-m\", \"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "COPY --from=builder /src /src\n" in result.text and "[dist] " not in result.text, result.text


def test_an_option_added_after_a_word_that_ends_its_line_stays_on_that_line() -> None:
    """``apt-get install -y\\`` with the packages on the lines below: --no-install-recommends goes after ``-y``,
    before the continuation, not at the start of the next line in front of its indentation (tally's
    no-multi-spaces)."""
    before = ("FROM python:3.11\nRUN apt-get update && apt-get install -y\\\n    gcc\\\n    libpq-dev\n"
              "COPY . /app\nRUN pip install -r /app/requirements.txt\nCMD [\"python\", \"/app/app.py\"]\n")
    result = refactor(before)
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n", 1)[1]
    assert runner.startswith("RUN apt-get update && apt-get install -y --no-install-recommends\\\n    libpq5 \\\n"), \
        runner
