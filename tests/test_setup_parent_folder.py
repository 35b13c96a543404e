"""A `mkdir` of a folder a copied output lies in is dropped from the runtime, since the COPY --from makes the folder;
but the runtime repeats setup at its place, before the copies, and a later `mkdir` (without -p), `touch` or `ln`
inside that folder then finds no folder. On a real file (dev 5460ecd82b7d: `RUN mkdir /app`, `RUN mkdir
/app/server`, node_modules copied into /app) the runtime ran `mkdir /app/server` alone and its build failed
("mkdir: cannot create directory '/app/server': No such file or directory"). Now the parent's `mkdir` stays at its
place when later repeated setup needs it."""

from __future__ import annotations

import pytest
from conftest import NODE_APP_FILES, runner_stage

NODE = """FROM node:18
{setup}
ADD server/. /app/server
ADD package.json /app
WORKDIR /app
RUN npm install
CMD ["npm", "start"]
"""


@pytest.mark.parametrize("setup, kept", [
    ("RUN mkdir /app\nRUN mkdir /app/server", "RUN mkdir /app\nRUN mkdir /app/server\n"),
    ("RUN mkdir /app && mkdir /app/server", "RUN mkdir /app && mkdir /app/server\n"),
    ("RUN mkdir /app\nRUN touch /app/ready", "RUN mkdir /app\nRUN touch /app/ready\n"),
    ("RUN mkdir /app && ln -s /tmp /app/scratch", "RUN mkdir /app && ln -s /tmp /app/scratch\n"),
])
def test_the_parent_folder_is_made_before_what_needs_it(setup: str, kept: str) -> None:
    runner = runner_stage(NODE.format(setup=setup), NODE_APP_FILES)
    assert kept in runner, runner


@pytest.mark.parametrize("setup, kept", [
    ("RUN mkdir /app && mkdir -p /app/server", "RUN mkdir -p /app/server\n"),
    ("RUN mkdir /app\nRUN mkdir -p /app/server", "RUN mkdir -p /app/server\n"),
])
def test_a_mkdir_that_makes_its_parents_needs_no_parent(setup: str, kept: str) -> None:
    runner = runner_stage(NODE.format(setup=setup), NODE_APP_FILES)
    assert kept in runner and "mkdir /app\n" not in runner and "mkdir /app &&" not in runner, runner


def test_a_folder_only_the_copies_fill_is_still_left_to_them() -> None:
    runner = runner_stage(NODE.format(setup="RUN mkdir /app"), NODE_APP_FILES)
    assert "mkdir" not in runner, runner


HOME = """FROM node:18
RUN mkdir -p /home/app
ENV HOME=/home/app
COPY {source} {dest}
WORKDIR $HOME
RUN npm install
COPY . $HOME
CMD ["npm", "start"]
"""


@pytest.mark.parametrize("source, dest", [("package.json", "$HOME"), ("package.json", "/home/app")])
def test_the_folder_a_file_is_copied_into_by_its_name_is_made_before_the_copy(source: str, dest: str) -> None:
    """dev 4ca481960622: `COPY package.json $HOME` without the `mkdir -p /home/app` before it made a file
    /home/app, and `WORKDIR $HOME` failed ("Cannot mkdir: /home/app is not a directory")"""
    runner = runner_stage(HOME.format(source=source, dest=dest))
    assert f"RUN mkdir -p /home/app\nENV HOME=/home/app\nCOPY {source} {dest}\n" in runner, runner

