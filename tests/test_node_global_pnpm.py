"""A global install of a package manager that not every official node image ships (pnpm; yarn and corepack, which
images of Node.js 25 and later lack) whose command the image's CMD runs is installed again in the runtime; npm,
which every image carries, or one only the build runs stays in the builder."""

from __future__ import annotations

import pytest
from conftest import NODE_APP_FILES, runner_stage

FILE = "FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm i -g {tool}\nRUN {pm} install\nRUN {pm} run build\n{cmd}\n"


def _runner(tool: str, cmd: str) -> str:
    return runner_stage(FILE.format(tool=tool, pm=tool.split("@")[0], cmd=cmd), NODE_APP_FILES)


@pytest.mark.parametrize("verb", ["i", "install", "add"])
def test_pnpm_run_by_the_cmd_is_installed_again_in_the_runtime(verb: str) -> None:
    text = FILE.format(tool="pnpm", pm="pnpm", cmd='CMD ["pnpm", "start"]').replace("npm i -g", f"npm {verb} -g")
    assert f"RUN npm {verb} -g pnpm" in runner_stage(text), text


@pytest.mark.parametrize(("tool", "cmd"), [
    ("pnpm", 'CMD ["node", "dist/index.js"]'),  # pnpm only builds
    ("npm@10", 'CMD ["node", "dist/index.js"]'),  # the runtime has its own npm
])
def test_a_package_manager_the_runtime_has_or_does_not_run_stays_in_the_builder(tool: str, cmd: str) -> None:
    assert "-g" not in _runner(tool, cmd).replace("--from", "")


def test_yarn_run_by_the_cmd_is_installed_again_in_the_runtime() -> None:
    assert "RUN npm i -g yarn\n" in _runner("yarn", "CMD yarn run prod")
