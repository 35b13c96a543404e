"""Python commands seen in real Dockerfiles: the rewrites they get, and the reasons a file is left alone."""

from __future__ import annotations

import pytest

from transformer import refactor


def _skipped(text: str) -> str:
    result = refactor(text)
    assert not result.changed
    return result.skipped or ""


@pytest.mark.parametrize(("image", "words"), [
    ("floydhub/dl-docker:cpu", ("floydhub/dl-docker:cpu", "does not know")),
    ("centos:7", ("centos:7", "does not know")),
    ("alpine:3.8", ("Alpine (alpine:3.8)", "/usr/bin")),
    ("golang:1.12.1-alpine", ("Alpine (golang:1.12.1-alpine)",)),
    ("node:10", ("Debian Python of node:10", "/usr/local")),
    ("python:3", ("tag of python:3",)),
])
def test_an_install_into_a_python_of_unknown_layout_names_the_image(image: str, words: tuple[str, ...]) -> None:
    command = "pipenv install --system" if image == "python:3" else "pip3 install flask"
    reason = _skipped(f"FROM {image}\nCOPY . /app\nRUN {command}\n"
                      "CMD [\"python3\", \"/app/a.py\"]\n")
    assert "not understood" not in reason
    for word in words:
        assert word in reason


def test_an_image_named_by_a_build_argument_says_so() -> None:
    reason = _skipped("ARG BASE\nFROM $BASE\nRUN pip install flask\nCMD [\"python\", \"a.py\"]\n")
    assert "a build argument names" in reason
