"""A file that sets no CMD or ENTRYPOINT: on a base image the data of official images do not hold, that image's
own command may run the app, so the reason says the tool cannot tell (not that the file looks like a toolchain
image); on a known base it looks like a base or toolchain image."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

BODY = "COPY . /app\nRUN pip install -r /app/requirements.txt\n"


def test_an_unknown_base_may_bring_its_own_command() -> None:
    result = refactor("FROM tiangolo/uvicorn-gunicorn-fastapi:python3.9\n" + BODY)
    assert not result.changed
    assert result.skipped == (
        "the file sets no CMD or ENTRYPOINT, and its base image tiangolo/uvicorn-gunicorn-fastapi:python3.9 is one "
        "the tool does not know: whether that image's own command runs the app, or the file makes a base or "
        "toolchain image whose users may need its build tools, cannot be told")


def test_a_known_base_without_a_command_of_its_own_for_the_app_is_a_toolchain_image() -> None:
    result = refactor("FROM debian:bookworm\n" + BODY)
    assert (result.skipped or "").startswith("the file sets no CMD or ENTRYPOINT: it looks like a base or toolchain")


# a Django/Flask app on Ubuntu whose compose file starts it: not a toolchain image; the command is read as the image's
# (test_compose_command.py), and, of a service that builds another file, named as one the tool does not read
UBUNTU_APP = ("FROM ubuntu:20.04\nRUN apt-get update -y && apt-get install -y python3-pip python3-dev libpq-dev\n"
              "COPY ./requirements.txt /app/requirements.txt\nWORKDIR /app\nRUN pip install -r requirements.txt\n"
              "COPY . /app\n")
COMPOSE = """version: "3"

services:
  db:
    image: postgres:14.6-alpine
    command: postgres -c log_statement=all
  app:
    build: .
    command: bash -c 'python3 run.py'
    ports:
      - "5000:5000"
"""


def test_a_compose_file_that_builds_the_image_and_names_its_command_is_read() -> None:
    result = refactor(UBUNTU_APP, read_context=context_of({"docker-compose.yml": COMPOSE, "requirements.txt": "",
                                                            "run.py": ""}))
    assert result.changed, result.skipped
    assert "the command docker-compose.yml gives the image (`bash -c 'python3 run.py'`) is read as the one it runs" \
        in "\n".join(map(str, result.changes))


def test_a_command_of_a_service_that_builds_another_file_is_the_cause() -> None:
    compose = COMPOSE.replace("    build: .\n", "    build:\n      context: .\n      dockerfile: Dockerfile.prod\n")
    result = refactor(UBUNTU_APP, read_context=context_of({"docker-compose.yml": compose, "requirements.txt": "",
                                                            "run.py": ""}))
    assert result.skipped == (
        "the file sets no CMD or ENTRYPOINT: docker-compose.yml builds it and gives the command (`bash -c 'python3 "
        "run.py'`), which the tool does not read: what that command runs, and so what the runtime needs, is not known")


def test_a_command_only_of_a_service_that_builds_nothing_is_not_taken() -> None:
    # the database's command is not the app's; the service that builds has none: the old reason stands
    compose = COMPOSE.replace("    command: bash -c 'python3 run.py'\n", "")
    result = refactor(UBUNTU_APP, read_context=context_of({"compose.yaml": compose}))
    assert (result.skipped or "").startswith("the file sets no CMD or ENTRYPOINT: it looks like a base or toolchain")


def test_a_command_written_as_a_list_below_is_read_by_its_words() -> None:
    """A YAML list on the lines below (read with PyYAML): its words, as compose runs them."""
    compose = COMPOSE.replace("command: bash -c 'python3 run.py'", "command:\n      - gunicorn\n      - app:app")
    result = refactor(UBUNTU_APP, read_context=context_of({"compose.yml": compose}))
    assert "the command compose.yml gives the image (`gunicorn app:app`)" in "\n".join(map(str, result.changes)), \
        result.skipped


def test_gcc_is_a_known_base_whose_command_is_bash() -> None:
    """gcc:latest (SafetImamovic/terminal-3d-render-engine: COPY . ., cmake, no CMD) is built FROM buildpack-deps,
    whose command is bash: the reason used to call gcc:latest an image the tool does not know."""
    result = refactor("FROM gcc:latest\nWORKDIR /app\nCOPY . .\nRUN apt-get update && apt-get install -y cmake\n"
                      "RUN cmake -B build -S .\n")
    assert not result.changed
    assert (result.skipped or "").startswith("the file sets no CMD or ENTRYPOINT: it looks like a base or toolchain")
