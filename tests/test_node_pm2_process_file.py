"""``pm2 start processes.json`` runs the apps the process file lists, each with its own script, which the tool does
not read: they may call any command the file installs globally. adapt_authoring's server runs `grunt server-build`
to build every course preview; the runtime installed pm2 again but left grunt-cli in the builder as a build tool
(dev 1af8bde2, a reviewer's find). A build tool installed globally is installed again where pm2 runs a process
file, as where the command runs a script the tool cannot read."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM node:18
RUN npm install -g pm2 && npm install -g grunt-cli
WORKDIR /app
COPY . .
RUN npm install --production
CMD {cmd}
"""


@pytest.mark.parametrize("cmd", ["pm2 start --no-daemon processes.json", '["pm2-runtime", "ecosystem.config.js"]',
                                 '["pm2-runtime", "start", "pm2.yml"]'])
def test_a_process_file_keeps_the_global_build_tools(cmd: str) -> None:
    runner = runner_stage(FILE.format(cmd=cmd))
    assert "npm install -g grunt-cli" in runner, runner


@pytest.mark.parametrize("cmd", ['["pm2-runtime", "server.js"]', '["node", "server.js"]'])
def test_a_known_script_leaves_a_global_build_tool_in_the_builder(cmd: str) -> None:
    runner = runner_stage(FILE.format(cmd=cmd))
    assert "grunt-cli" not in runner, runner
