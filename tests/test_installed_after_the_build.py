"""Build-only packages a file that sets no CMD or ENTRYPOINT installs after its last build step: no step of the
build runs them, so the file installs them for the image's users (who may build with them, or run gettext's
msgfmt), and the runtime keeps them. Seen on dev file 0b9f81d3 (``pip install -r requirements.txt``, then ``apt-get
install gcc gettext libmysqlclient-dev libpq-dev ...``): the runtime left them out."""

from __future__ import annotations

import re

from transformer import refactor

# gettext itself (msgfmt); gettext-base, its run-time part (envsubst), the runtime installs in its place
GETTEXT = re.compile(r"\bgettext\b(?!-)")

HEAD = "FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
LATE = "RUN apt-get update && apt-get install -y --no-install-recommends gcc gettext libpq-dev && " \
    "rm -rf /var/lib/apt/lists/*\n"


def _runtime(text: str) -> str:
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.partition("AS runner")[2]


def test_packages_installed_after_the_build_of_a_file_without_cmd_stay() -> None:
    runtime = _runtime(HEAD + LATE + "COPY . .\n")  # (the app copied: dependencies alone make no app)
    assert "gcc gettext libpq-dev" in runtime, runtime


def test_with_a_cmd_they_stay_in_the_builder() -> None:
    # (not gettext, which no step runs: the file installs it for run time, as tests/test_gettext_for_run_time.py)
    runtime = _runtime(HEAD + LATE + "CMD [\"python\", \"app.py\"]\n")
    assert "gcc" not in runtime and "libpq-dev" not in runtime and GETTEXT.search(runtime), runtime


def test_packages_installed_before_the_build_stay_in_the_builder() -> None:
    runtime = _runtime("FROM python:3.11\nWORKDIR /app\n" + LATE + "COPY requirements.txt .\n"
                       "RUN pip install -r requirements.txt\nCOPY . .\n")
    assert "gcc" not in runtime and "libpq-dev" not in runtime and GETTEXT.search(runtime), runtime
