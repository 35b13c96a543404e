"""A file with no CMD or ENTRYPOINT that copies only dependency manifests (package.json, yarn.lock, requirements.txt)
and installs them brings no app for the base image's command to run: an image of installed dependencies, whose users
bring the app and the command (read27 297af673: ghostery's Jenkins image, whose job runs ssh-keyscan and git, which
node's slim variant lacks). Left alone, saying so; with the app copied, the base image's command stays as before."""

from __future__ import annotations

import pytest

from transformer import refactor

NODE = """\
FROM node:8
RUN npm install -g yarn
COPY package.json /home/jenkins/
COPY yarn.lock /home/jenkins/
RUN cd /home/jenkins/ && yarn install --frozen-lockfile
"""
PYTHON = "FROM python:3.11\nCOPY requirements.txt /app/\nWORKDIR /app\nRUN pip install -r requirements.txt\n"


@pytest.mark.parametrize(("text", "shown"), [(NODE, "package.json, line 3"), (PYTHON, "requirements.txt, line 2")])
def test_dependencies_alone_make_no_app(text: str, shown: str) -> None:
    result = refactor(text)
    assert not result.changed
    assert f"brings no app: only the dependency manifests ({shown})" in (result.skipped or ""), result.skipped


def test_the_app_copied_keeps_the_rewrite() -> None:
    result = refactor(PYTHON + "COPY . /app\n")
    assert result.changed, result.skipped
