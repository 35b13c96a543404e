"""A file that sets no CMD or ENTRYPOINT: on a base image the data of official images do not hold, that image's
own command may run the app, so the reason says the tool cannot tell (not that the file looks like a toolchain
image); on a known base it looks like a base or toolchain image."""

from __future__ import annotations

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
