"""A command the runtime's repeated setup runs, from a package the file removes in a later RUN
(``apt-get install -y dos2unix``, ``dos2unix bin/run``, then ``RUN apt-get --purge remove -y dos2unix``, as a
puppeteer tool's Dockerfile does): the runtime used to install the package for the setup and keep it, which no
removal followed, so its image had a `dos2unix` the original has not (seen on a real engine). The file is left
alone, and the reason names the command and the removal; a package the file keeps is installed as before."""

from __future__ import annotations

from conftest import runner_stage, skip_reason

FILE = """FROM node:18-slim
RUN apt-get update && apt-get install -y dos2unix git
COPY . /app
WORKDIR /app
RUN dos2unix /app/bin/run
{removal}RUN npm install
ENTRYPOINT ["bin/run"]
"""


def test_a_setup_tool_the_file_removes_later_leaves_the_file_alone() -> None:
    reason = skip_reason(FILE.format(removal="RUN apt-get --purge remove -y dos2unix\n"))
    assert "`dos2unix`" in reason and "a later RUN removes" in reason, reason


def test_a_setup_tool_the_file_keeps_is_installed_in_the_runtime() -> None:
    runner = runner_stage(FILE.format(removal=""))
    assert "dos2unix" in runner.split("RUN dos2unix")[0] and "RUN dos2unix /app/bin/run" in runner, runner


def test_removing_another_package_later_does_not_matter() -> None:
    runner = runner_stage(FILE.format(removal="RUN apt-get --purge remove -y git\n"))
    assert "RUN dos2unix /app/bin/run" in runner, runner
