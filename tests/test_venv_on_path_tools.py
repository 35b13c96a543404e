"""A setup command the runtime repeats that runs `python` (or pip) where the stage's PATH starts with the bin folder
of a virtual environment the runtime copies finds that environment's python: the runtime installs no
python-is-python3 for it (rp30review millie-crowther/kerosene)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM ubuntu:24.04
RUN apt-get update && apt-get install -y cmake python3 python3-pip python3.12-venv
ENV VIRTUAL_ENV=/opt/venv
RUN python3.12 -m venv $VIRTUAL_ENV
{path}
COPY src /src
WORKDIR /src
RUN cmake . && make
RUN pip install -r requirements.txt
RUN python main.py
CMD ["./kerosene"]
"""


@pytest.mark.parametrize(("path", "installed"), [
    ('ENV PATH="$VIRTUAL_ENV/bin:$PATH"', False),
    ('ENV PATH="/opt/venv/bin:$PATH"', False),
    ('ENV PATH="$PATH:$VIRTUAL_ENV/bin"', False),  # /usr/bin has no python: the environment's is found after it
    ("", True),
])
def test_python_of_a_copied_environment_first_on_the_path_needs_no_package(path: str, installed: bool) -> None:
    runner = runner_stage(FILE.format(path=path))
    assert "RUN python main.py" in runner, runner
    assert ("python-is-python3" in runner) is installed, runner
