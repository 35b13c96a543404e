"""A package list the tool edits or writes stays sorted (tally's sort-packages, issue #12): the runtime's
version of an install whose list the input sorted, and the install of run-time libraries the tool writes."""

from __future__ import annotations

import re

from transformer import refactor

APP = "FROM python:3.11\nWORKDIR /app\nRUN apt-get update && apt-get install -y {} && rm -rf /var/lib/apt/lists/*\n" \
      "COPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n"


def _key(word: str) -> str:
    """tally's order: by name, a version (``=1.2``) aside, case aside."""
    return re.split(r"[=<>~@]", word, maxsplit=1)[0].lower()


def _runtime_installs(text: str) -> list[list[str]]:
    """The package lists of the runtime stage's apt-get installs, literal words only (as tally reads them)."""
    runner = text.split("\nFROM ", 2)[-1].replace("\\\n", " ")
    found = []
    for m in re.finditer(r"apt-get install ((?:-\S+ )*)([^&\n]+)", runner):
        found.append([w for w in m.group(2).split() if not w.startswith("-") and "$" not in w])
    return found


def test_a_sorted_list_stays_sorted_when_a_dev_package_becomes_its_library() -> None:
    # default-libmysqlclient-dev becomes libmariadb3, which sorts after git
    result = refactor(APP.format("default-libmysqlclient-dev gcc git libpq-dev"))
    lists = _runtime_installs(result.text)
    assert lists == [["ca-certificates", "git", "libmariadb3", "libpq5"]], result.text


def test_an_unsorted_list_keeps_the_input_s_order() -> None:
    result = refactor(APP.format("libpq-dev git gcc default-libmysqlclient-dev"))
    assert _runtime_installs(result.text) == [["libpq5", "ca-certificates", "git", "libmariadb3"]], result.text


def test_a_pinned_word_with_a_variable_stays_where_it_is() -> None:
    """tally leaves words with a variable out of its order: the literal names are sorted among themselves."""
    text = APP.format('default-libmysqlclient-dev git="${GIT_VERSION}" imagemagick libpq-dev')
    result = refactor(text.replace("WORKDIR", "ARG GIT_VERSION=1:2.39.5-0+deb12u2\nWORKDIR", 1))
    runner = result.text.split("\nFROM ", 2)[-1]
    words = re.search(r"--no-install-recommends (.*?) &&", runner)
    assert words is not None, runner
    assert words.group(1) == 'imagemagick git="${GIT_VERSION}" libmariadb3 libpq5', runner


def test_the_libraries_the_tool_installs_are_sorted() -> None:
    ruby = "FROM ruby:3.2\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n" \
           "CMD [\"ruby\", \"app.rb\"]\n"
    lists = _runtime_installs(refactor(ruby).text)
    assert lists and all(len(ws) > 1 and [_key(w) for w in ws] == sorted(_key(w) for w in ws) for ws in lists), lists


def test_an_unsorted_list_a_comment_line_hid_from_tally_is_sorted() -> None:
    """7b1b83cb: tally's sort-packages does not read a list a comment line splits (``# WAL-E's dependencies``);
    the runtime's version drops the comment (it stays with the builder's) and tally reads the list: sorted, it adds
    no finding the input did not have."""
    text = APP.replace("apt-get install -y {} &&", "apt-get install -y \\\n  libpq-dev \\\n# for the client\n"
                                                   "  git \\\n  gcc \\\n  default-libmysqlclient-dev \\\n  &&")
    result = refactor(text)
    assert _runtime_installs(result.text) == [["ca-certificates", "git", "libmariadb3", "libpq5"]], result.text
    assert result.text.count("# for the client") == 1
