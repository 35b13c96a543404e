"""A Dockerfile with no CMD that a dev container configuration builds (rp27review SpagnoloCarlos/next-dashboard:
.devcontainer/devcontainer.json opens the compose service web, `build: .`, and keeps it up with `while sleep 1000`):
the image is the development environment an editor opens, whose users run pnpm, the build and the tests in it. The
rewrite left `npm install -g pnpm` in the builder, and the developer's terminal had no pnpm; now the file is left
alone, and the reason says why."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor

FILE = "FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install -g pnpm\nRUN pnpm install\nEXPOSE 3000\n"
APP = {"package.json": '{"name": "d", "scripts": {"dev": "next dev"}}\n', "pnpm-lock.yaml": "lockfileVersion: 9\n"}
COMPOSE = "services:\n  web:\n    build: .\n    volumes:\n      - .:/app\n"
# (devcontainer.json allows comments and trailing commas, as VS Code's templates write it)
BY_SERVICE = ('{\n  // the compose file of the project\n  "dockerComposeFile": ["../docker-compose.yml", '
              '"docker-compose.yml"],\n  "service": "web",\n  "workspaceFolder": "/app",\n}\n')
BY_NAME = '{"name": "app", "build": {"dockerfile": "../Dockerfile", "context": ".."}}\n'


@pytest.mark.parametrize("files", [{"docker-compose.yml": COMPOSE, ".devcontainer/devcontainer.json": BY_SERVICE},
                                   {".devcontainer/devcontainer.json": BY_NAME},
                                   {".devcontainer.json": BY_NAME.replace("../Dockerfile", "Dockerfile")}])
def test_the_image_a_dev_container_builds_is_left_alone(files: dict[str, str]) -> None:
    result = refactor(FILE, read_context=context_of({**APP, **files}))
    assert not result.changed
    assert "the image is a development environment" in (result.skipped or ""), result.skipped


@pytest.mark.parametrize("files", [
    {".devcontainer/devcontainer.json": BY_NAME.replace("../Dockerfile", "Dockerfile")},  # its own .devcontainer/
    {"docker-compose.yml": COMPOSE.replace("build: .", "image: node:22"),
     ".devcontainer/devcontainer.json": BY_SERVICE},  # a service of another image
    {".devcontainer/devcontainer.json": "{ not json"},
])
def test_a_dev_container_of_another_image_changes_nothing(files: dict[str, str]) -> None:
    assert refactor(FILE, read_context=context_of({**APP, **files})).changed


def test_a_file_with_its_own_command_is_still_rewritten() -> None:
    files = {**APP, ".devcontainer/devcontainer.json": BY_NAME}
    assert refactor(FILE + 'CMD ["pnpm", "start"]\n', read_context=context_of(files)).changed
