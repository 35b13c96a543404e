"""A context COPY after the last build, into a folder the runtime copies whole from the builder, which keeps that
COPY too: the copied folder has its files already, so the runtime does not write the COPY again (read25 68347cec:
`COPY . /app/` after `yarn` was a second layer of the whole context). With a RUN the runtime repeats between the
build and the COPY, the COPY stays: the RUN may change what the copy brought, and the COPY wrote over it after."""

from __future__ import annotations

from transformer import refactor

FILE = """\
FROM node:18
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install electron
RUN npm install
{between}COPY . .
CMD ["node_modules/.bin/electron", "."]
"""


def _runtime(between: str = "") -> str:
    result = refactor(FILE.format(between=between))
    assert result.changed, result.skipped
    return result.text.partition("AS runner")[2]


def test_the_copy_the_whole_folder_brings_is_not_written_again() -> None:
    runtime = _runtime()
    assert "COPY --from=builder /usr/src/app /usr/src/app\n" in runtime
    assert "COPY . .\n" not in runtime


def test_a_repeated_run_between_keeps_the_copy() -> None:
    runtime = _runtime("RUN useradd -m web\n")
    assert runtime.index("RUN useradd -m web\n") < runtime.index("COPY . .\n")


def test_a_run_only_the_builder_keeps_between_does_not() -> None:
    # the builder's folder is as the original's was after both: the runtime's copy of it is
    assert "COPY . .\n" not in _runtime("RUN rm -rf /usr/src/app/tmp\n")
