"""Build tools of Debian's packages (npm, python3-pip) stay in the builder unless the image runs them: a CMD,
ENTRYPOINT or HEALTHCHECK that runs one, or a RUN the runtime repeats, keeps its package in the runtime.

Debian's npm brings node-gyp, libnode-dev and a compiler (387 packages with nodejs on bookworm, against 13 for
nodejs alone); its run-time part is nodejs, which provides `node` on the releases the data know from bullseye and
bionic on. On xenial `node` came from nodejs-legacy, and on a release the data do not know npm stays."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

NODE = ("FROM {base}\nRUN apt-get update && apt-get install -y nodejs npm\nWORKDIR /app\nCOPY . .\n"
        "RUN npm ci\n{extra}CMD {cmd}\n")


def _runner(base: str = "debian:bookworm", cmd: str = '["node", "index.js"]', extra: str = "") -> str:
    return runner_stage(NODE.format(base=base, cmd=cmd, extra=extra))


def _installs(runner: str) -> list[str]:
    line = next(line for line in runner.splitlines() if "apt-get install" in line)
    return line.split("--no-install-recommends", 1)[1].split("&&", 1)[0].split()


@pytest.mark.parametrize("base", ["debian:bookworm", "ubuntu:22.04", "debian:bullseye", "ubuntu:18.04"])
def test_npm_stays_in_the_builder_when_the_image_runs_node(base: str) -> None:
    assert _installs(_runner(base)) == ["nodejs"]


@pytest.mark.parametrize("cmd", ['["npm", "start"]', "npm run serve", '["npx", "serve", "dist"]'])
def test_a_command_that_runs_npm_keeps_it(cmd: str) -> None:
    text = NODE.format(base="debian:bookworm", cmd=cmd, extra="")
    runner, result = runner_stage(text), refactor(text)
    assert _installs(runner) == ["nodejs", "npm"], runner
    assert any("the runtime keeps npm, a build tool: the CMD runs `np" in c.message for c in result.changes)


@pytest.mark.parametrize("base", ["ubuntu:16.04", "ubuntu:14.04", "debian:jessie"])
def test_npm_stays_where_nodejs_may_not_provide_node(base: str) -> None:
    text = NODE.format(base=base, cmd='["node", "index.js"]', extra="")
    assert _installs(runner_stage(text)) == ["nodejs", "npm"]


def test_a_global_install_the_runtime_repeats_keeps_npm() -> None:
    runner = _runner(extra="RUN npm install -g pm2\n", cmd='["pm2-runtime", "index.js"]')
    assert "npm" in _installs(runner) and "npm install -g pm2" in runner, runner


def test_a_cmd_that_runs_pip_keeps_python3_pip() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3 python3-pip gcc\nWORKDIR /app\n"
            "COPY . .\nRUN gcc -o hello hello.c\nCMD [\"pip3\", \"list\"]\n")
    runner, result = runner_stage(text), refactor(text)
    assert "python3-pip" in _installs(runner) and "gcc" not in runner, runner
    assert not any("build-only packages python3-pip" in c.message for c in result.changes), result.changes
