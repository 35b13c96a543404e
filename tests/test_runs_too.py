"""A setup command that runs other programs itself: `apt-key add` runs gpg, `apt-key adv --keyserver` also
dirmngr. A slim runtime that repeats it installs gnupg (the package that has gpg on every Debian and Ubuntu
release) and dirmngr first; the builder's own image, which had them, needs nothing."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer.runtime import runs_too
from transformer.shell import parse_shell

APP = """WORKDIR /app
COPY package.json .
RUN npm install
COPY . .
CMD ["node", "server.js"]
"""


@pytest.mark.parametrize(("command", "programs"), [
    ("apt-key add /tmp/key.asc", ["gpg"]),
    ("apt-key adv --keyserver hkp://keyserver.ubuntu.com:80 --recv 58712A2291FA4AD5", ["gpg", "dirmngr", "dirmngr"]),
    ("apt-key adv --recv-keys=58712A2291FA4AD5", ["gpg", "dirmngr"]),
    ("apt-key list", []),
    ("apt-get update", []),
])
def test_programs_a_command_runs_itself(command: str, programs: list[str]) -> None:
    assert runs_too(parse_shell(command).commands[0]) == programs


def test_a_slim_runtime_repeating_apt_key_installs_gnupg_and_dirmngr_first() -> None:
    runner = runner_stage("FROM node:18\nRUN apt-key adv --keyserver keyserver.ubuntu.com --recv-keys 0xABCD && "
                          "echo 'deb http://e.com/apt stable main' > /etc/apt/sources.list.d/e.list && "
                          "apt-get update && apt-get install -y e-tool\n" + APP)
    assert "node:18-slim" in runner
    install = "RUN apt-get update && apt-get install -y --no-install-recommends dirmngr gnupg"
    assert install in runner and runner.index(install) < runner.index("apt-key adv"), runner


def test_a_runtime_that_repeats_no_apt_key_installs_no_gnupg() -> None:
    assert "gnupg" not in runner_stage("FROM node:18\nRUN apt-get update && apt-get install -y e-tool\n" + APP)
