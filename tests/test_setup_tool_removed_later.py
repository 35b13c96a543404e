"""A command the runtime's repeated setup runs, from a package the file removes in a later RUN (``apt-get install -y
dos2unix``, ``dos2unix bin/run``, then ``RUN apt-get --purge remove -y dos2unix``, as a puppeteer tool's Dockerfile
does): the runtime installs the package for the setup and keeps it. One tool more than the original is no change of
the program's behaviour (the slim runtime lacks many of the full image's), so the file is changed, not left alone."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM node:18
RUN apt-get update && apt-get install -y dos2unix git
COPY . /app
WORKDIR /app
RUN dos2unix /app/bin/run
{removal}RUN npm install
ENTRYPOINT ["bin/run"]
"""


@pytest.mark.parametrize("removal", ["RUN apt-get --purge remove -y dos2unix\n", "",
                                     "RUN apt-get --purge remove -y git\n"])
def test_the_setup_tool_is_installed_for_the_repeated_setup(removal: str) -> None:
    runner = runner_stage(FILE.format(removal=removal))
    assert "dos2unix" in runner.split("RUN dos2unix")[0] and "RUN dos2unix /app/bin/run" in runner, runner
