"""A Go, Rust or C build that copies its context into the build folder: with the context, the runtime repeats the
files that are not sources (templates/, config); without it (stdin, a file alone) it copies the program alone,
and the explanation says what that assumes (h-build2 saw three such rewrites that said nothing), unless the
program runs in the folder the COPY fills: then it repeats the COPY as written."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

FILE = """FROM golang:1.19
WORKDIR /app
COPY . .
RUN go build -o /app/server .
CMD ["/app/server"]
"""


def _assumed(result_messages: list[str]) -> list[str]:
    return [m for m in result_messages if m.startswith("assumed: the program reads none of the files")]


def test_without_the_context_the_explanation_says_what_the_runtime_assumes() -> None:
    # the program runs elsewhere than the folder the COPY fills
    result = refactor(FILE.replace('CMD ["/app/server"]', 'WORKDIR /\nCMD ["/app/server"]'))
    assert result.changed, result.skipped
    assert "COPY . ." not in result.text.split(" AS runner", 1)[1]
    found = _assumed([c.message for c in result.changes])
    assert found and "the COPY at line 3" in found[0], [c.message for c in result.changes]


def test_without_the_context_a_program_that_runs_in_the_folder_gets_the_copy_as_written() -> None:
    """read27 4607c25c (calavera/gh-rel): the binary parses templates/* at start, in the folder the COPY fills,
    which without the build context the tool cannot list: the runtime repeats the COPY."""
    result = refactor(FILE)
    assert result.changed, result.skipped
    runtime = result.text.split(" AS runner", 1)[1]
    assert "\nCOPY . .\n" in runtime
    assert not _assumed([c.message for c in result.changes])
    assert any(c.message.startswith("the runtime repeats the COPY at line 3 as written: the program runs in the "
                                    "folder it fills") for c in result.changes)


def test_with_the_context_the_runtime_repeats_its_files_and_assumes_nothing() -> None:
    context = context_of({"main.go": "package main\nfunc main() {}\n", "go.mod": "module x\n",
                          "templates/index.html": "<p>hi</p>\n"})
    result = refactor(FILE, read_context=context)
    assert result.changed, result.skipped
    # the program runs in the folder the COPY fills: the COPY as written (test_run_time_files_beside_program)
    assert "\nCOPY . .\n" in result.text.split(" AS runner", 1)[1], result.text
    assert not _assumed([c.message for c in result.changes])


def test_a_context_of_sources_alone_says_a_file_put_there_later_stays_behind() -> None:
    """read20, dev 306739b4 (adjust/gohub): the program reads ./config.json, which its users put into the build
    context; in a checkout of sources alone the runtime copies the program alone, and the explanation said nothing
    (the runtime exited with `open ./config.json: no such file or directory`)."""
    context = context_of({"main.go": "package main\nfunc main() {}\n", "go.mod": "module x\n", "README.md": "x\n"})
    result = refactor(FILE, read_context=context)
    assert result.changed, result.skipped
    found = _assumed([c.message for c in result.changes])
    assert found and "now holds only the build's inputs: a file put there later" in found[0], found
