"""A file that sets no CMD or ENTRYPOINT, built by a compose service (`build: .`) that gives the command: that command
is read as the image's command, as the walk and the passes read a CMD, and the output still sets none (rp22pydist
acouch/secret-share and das-raj/sticky-notes-dockerized, debian:bookworm: skipped as base images before; the hand
split was 71 and 73 % smaller and ran alike)."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.refactor import Result

FILE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y python3-pip python3-dev libpq-dev
WORKDIR /app
COPY requirements.txt .
RUN pip install --break-system-packages -r requirements.txt
COPY . /app
"""
COMPOSE = """services:
  web:
    build: {build}
    command: {command}
  db:
    image: postgres:16
"""


def _refactor(command: str, build: str = ".") -> Result:
    files = {"requirements.txt": "psycopg2==2.9.9\n", "run.py": "import psycopg2\n",
             "docker-compose.yml": COMPOSE.format(build=build, command=command)}
    return refactor(FILE, read_context=files.get)


@pytest.mark.parametrize("command", ["python3 run.py",
                                     "bash -c 'while !</dev/tcp/db/5432; do sleep 1; done; python3 run.py'",
                                     '["python3", "run.py"]'])
def test_the_compose_command_is_read_and_not_written(command: str) -> None:
    result = _refactor(command)
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "libpq5" in runtime and "python3-dev" not in runtime, runtime
    assert "CMD" not in result.text and "ENTRYPOINT" not in result.text, result.text
    assert any("the command docker-compose.yml gives the image" in str(c) for c in result.changes), result.changes


def test_a_compose_command_that_opens_a_shell_names_its_file() -> None:
    result = _refactor("bash")
    assert not result.changed
    assert (result.skipped or "").startswith("the command docker-compose.yml gives (`bash`): an interactive shell"), \
        result.skipped


@pytest.mark.parametrize("build", ["./api", "{context: ., dockerfile: Dockerfile.dev}",
                                   ".\n    entrypoint: [\"/wait-for\", \"db:5432\", \"--\"]"])
def test_a_service_that_builds_another_file_or_wraps_the_command_is_not_read(build: str) -> None:
    """A service of another Dockerfile, or with an entrypoint of its own, whose arguments the command is."""
    result = _refactor("python3 run.py", build=build)
    assert not result.changed
    assert "which the tool does not read" in (result.skipped or ""), result.skipped


def test_a_command_compose_cannot_split_keeps_the_old_reason() -> None:
    result = _refactor("python3 'run.py")
    assert not result.changed
    assert "which the tool does not read" in (result.skipped or ""), result.skipped


def test_services_of_the_same_image_with_other_commands_are_not_read() -> None:
    """A web server and a worker built from the file run different programs, whose needs may differ (a Node.js
    worker may load a package the server does not): no one command is the image's."""
    files = {"requirements.txt": "psycopg2==2.9.9\n", "run.py": "import psycopg2\n",
             "docker-compose.yml": COMPOSE.format(build=".", command="python3 run.py")
             + "  worker:\n    build: .\n    command: celery -A run worker\n"}
    result = refactor(FILE, read_context=files.get)
    assert not result.changed
    assert "which the tool does not read" in (result.skipped or ""), result.skipped


def test_a_long_command_is_shown_cut() -> None:
    command = "python3 run.py " + " ".join(f"--option-{k}=value" for k in range(10))
    notes = "\n".join(map(str, _refactor(command).changes))
    assert "(`python3 run.py --option-0=value" in notes and "...`)" in notes, notes
