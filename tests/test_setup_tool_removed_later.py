"""A command the runtime's repeated setup runs, from a package the file removes in a later RUN (``apt-get install -y
dos2unix``, ``dos2unix bin/run``, then ``RUN apt-get --purge remove -y dos2unix``, as a puppeteer tool's Dockerfile
does): the runtime installs the package for the setup and keeps it. One tool more than the original is no change of
the program's behaviour (the slim runtime lacks many of the full image's), so the file is changed, not left alone."""

from __future__ import annotations

import re

import pytest
from conftest import runner_stage

from transformer import refactor

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


def test_on_an_image_the_tool_does_not_know_the_tool_is_kept_too() -> None:
    # the image's commands are not known, but the file installs the tool (wget) itself, so its package is: the
    # runtime installs it as on a known Debian or Ubuntu image (it used to leave the file alone, naming the removal)
    text = ("FROM acme/ubuntu-base:1\n"
            "RUN apt-get update && apt-get install -y wget\n"
            "RUN wget -qO /etc/release-file http://deb.debian.org/debian/dists/bookworm/Release\n"
            "RUN apt-get update && apt-get install -y gcc python3-dev python3-venv\n"
            "RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install six==1.16.0\n"
            "RUN apt-get purge -y wget\n"
            "CMD [\"/opt/venv/bin/python\", \"-c\", \"import six\"]\n")
    runner = runner_stage(text)
    before = runner.split("RUN wget")[0]
    assert re.search(r"apt-get install[^\n]*\bwget\b", before), runner
    assert "RUN wget -qO /etc/release-file" in runner and "purge" not in runner, runner
    assert "COPY --from=builder /opt/venv /opt/venv" in runner, runner


def test_the_explanation_does_not_say_the_runtime_leaves_out_the_tool_it_installs() -> None:
    # it said both "the runtime does not install dos2unix: the file removes them in a later RUN" and "the runtime
    # installs dos2unix: the RUN at line 5 it repeats runs `dos2unix`"
    result = refactor(FILE.format(removal="RUN apt-get --purge remove -y dos2unix\n"))
    said = [c.message for c in result.changes]
    assert any("the runtime installs dos2unix" in s for s in said), said
    assert not any(s.startswith("the runtime does not install") and "dos2unix" in s for s in said), said
