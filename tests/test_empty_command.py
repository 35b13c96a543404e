"""``CMD []`` clears the command: with no ENTRYPOINT that names a program, the image starts none of its own
(``docker run IMAGE`` answers "No command specified"), and its users name the program they run, as with a file
that sets no CMD: a base or toolchain image, left alone (dev 5f526360: its rewrite dropped the build tools and the
pip and virtualenv its users run)."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

FILE = """FROM python:3.11
RUN apt-get update && apt-get install -y build-essential
RUN pip install virtualenv
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
{tail}"""


@pytest.mark.parametrize("tail", ["CMD []\n", "ENTRYPOINT []\nCMD []\n", 'CMD ["python", "app.py"]\nCMD []\n',
                                  'ENTRYPOINT ["python"]\nENTRYPOINT []\nCMD []\n'])
def test_a_cleared_command_is_left_alone(tail: str) -> None:
    reason = skip_reason(FILE.format(tail=tail))
    assert reason.startswith("CMD [] at line ") and "base or toolchain image" in reason, reason


@pytest.mark.parametrize("tail", ['ENTRYPOINT ["python", "app.py"]\nCMD []\n', 'CMD []\nCMD ["python", "app.py"]\n'])
def test_an_entrypoint_or_a_later_cmd_still_runs_a_program(tail: str) -> None:
    assert runner_stage(FILE.format(tail=tail)).startswith("FROM python:3.11-slim AS runner")
