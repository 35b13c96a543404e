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


@pytest.mark.parametrize("build", ["./api", "{context: ., dockerfile: Dockerfile.dev}"])
def test_a_service_that_builds_another_file_is_not_read(build: str) -> None:
    """A service of another Dockerfile (or of the default one in another folder)."""
    result = _refactor("python3 run.py", build=build)
    assert not result.changed
    assert "which the tool does not read" in (result.skipped or ""), result.skipped


def test_a_command_compose_cannot_split_keeps_the_old_reason() -> None:
    result = _refactor("python3 'run.py")
    assert not result.changed
    assert "which the tool does not read" in (result.skipped or ""), result.skipped


def test_an_entrypoint_of_the_service_runs_before_its_command() -> None:
    """rp30review emmahyde/dulapeepbot (`entrypoint: bundle exec rackup ...`, not read before): compose runs the
    service's entrypoint with its command as the arguments, which the walk reads as one command line."""
    result = _refactor("python3 run.py", build=".\n    entrypoint: [\"/wait-for\", \"db:5432\", \"--\"]")
    assert result.changed, result.skipped
    assert "CMD" not in result.text and "ENTRYPOINT" not in result.text, result.text
    notes = "\n".join(map(str, result.changes))
    assert "(`/wait-for db:5432 -- python3 run.py`) is read as the one it runs" in notes, notes
    assert "assumed: /wait-for, which the command at line 0 runs and the tool does not read" in notes, notes


def _services(worker: str, image: str = FILE) -> Result:
    files = {"requirements.txt": "psycopg2==2.9.9\n", "run.py": "import psycopg2\n",
             "docker-compose.yml": COMPOSE.format(build=".", command="python3 run.py")
             + f"  worker:\n    build: .\n    command: {worker}\n"}
    return refactor(image, read_context=files.get)


def test_services_of_the_same_image_with_other_commands_get_one_runtime_for_all() -> None:
    """rp30review lucasconte/fudo-challenge (`bundle exec rackup` and `bundle exec sidekiq`, "not read" before): each
    command is walked as the image's; where each gets the same runtime, the file gets it."""
    result = _services("celery -A run worker")
    assert result.changed, result.skipped
    assert any("the commands docker-compose.yml gives the image (`python3 run.py` and `celery -A run worker`) are "
               "read as the ones it runs, and each gets this runtime" in str(c) for c in result.changes)


def test_services_whose_commands_need_other_runtimes_are_left_alone() -> None:
    """A worker that runs make needs the build tools: its reason is the file's; one that runs curl, which the full
    python image has and the slim one not, needs another runtime than the server's."""
    assert "the command docker-compose.yml gives (`make worker`): the command runs make" in \
        (_services("make worker").skipped or "")
    curl = _services("curl -fsS http://web:8000/tick", image=FILE.replace(
        "FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-pip python3-dev libpq-dev\n",
        "FROM python:3.11\n").replace("--break-system-packages ", ""))
    assert "services of docker-compose.yml that build it give different commands (`python3 run.py`, `curl -fsS " \
        "http://web:8000/tick`), whose runtimes would differ" in (curl.skipped or ""), curl.skipped


def test_a_long_command_is_shown_cut() -> None:
    command = "python3 run.py " + " ".join(f"--option-{k}=value" for k in range(10))
    notes = "\n".join(map(str, _refactor(command).changes))
    assert "(`python3 run.py --option-0=value" in notes and "...`)" in notes, notes
