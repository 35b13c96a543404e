"""A file that sets no CMD or ENTRYPOINT and brings a Makefile by its name that no build step runs: its users run
make (dev file 03f74a0d, python:2.7: `ADD ./Makefile ...`; the project's start script runs `make setUpSystem`, and
the python:2.7-slim runtime had no make, `make: not found` in a reviewer's engine repro). A build at run time, as a
CMD that runs make is: left alone. A Makefile a RUN runs, or a file with a CMD, is as before."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = "FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n{more}"


@pytest.mark.parametrize("copy", ["ADD ./Makefile /app/Makefile\n", "COPY Makefile setup.cfg ./\n"])
def test_a_makefile_no_step_runs_in_a_file_without_cmd_is_left_alone(copy: str) -> None:
    result = refactor(FILE.format(more=copy))
    assert not result.changed
    assert "brings a Makefile that no build step runs: the image's users run make" in (result.skipped or "")


@pytest.mark.parametrize("more", ["COPY Makefile .\nRUN make assets\n",
                                  "COPY Makefile .\nCMD [\"gunicorn\", \"app:app\"]\n",
                                  "COPY . .\n"])
def test_a_makefile_the_build_runs_or_a_command_is_as_before(more: str) -> None:
    assert refactor(FILE.format(more=more)).changed
