"""The commands of a stage's RUNs as the shell reads them (analysis.stage_commands), which the passes read for facts of
the RUNs before and after the one they claim (npm's prefix set, npm updated, pipenv pinned): wrappers removed, the
scripts of `sh -c` in their place, exec form, quotes removed; a comment and the words of a string are no commands."""

from __future__ import annotations

import pytest

from transformer.analysis import stage_commands
from transformer.parser import parse


def _commands(text: str) -> list[list[str | None]]:
    runs = [i for i in parse("FROM debian:bookworm\n" + text).stages[0].instructions if i.cmd == "run"]
    return [[w.value for w in c.argv] for c in stage_commands(runs)]


@pytest.mark.parametrize(("text", "commands"), [
    ("RUN sudo -E npm config set prefix /opt\n", [["npm", "config", "set", "prefix", "/opt"]]),
    ("RUN env NODE_ENV=production nice -n 5 npm ci\n", [["npm", "ci"]]),
    ("RUN sh -c 'npm ci && npm run build'\n", [["npm", "ci"], ["npm", "run", "build"]]),
    ('RUN ["npm", "install", "-g", "npm@9"]\n', [["npm", "install", "-g", "npm@9"]]),
    ('RUN pip install "pipenv==2022.1.8" # pipenv==2021.5.29\n', [["pip", "install", "pipenv==2022.1.8"]]),
    ('RUN echo "a; npm install -g npm"\n', [["echo", "a; npm install -g npm"]]),
    ("RUN npm \\\n# a comment line BuildKit drops\n    ci\n", [["npm", "ci"]]),
    ("RUN apt-get update\nCOPY . /app\nRUN npm ci\n", [["apt-get", "update"], ["npm", "ci"]]),
])
def test_stage_commands_are_read_by_the_shell_parser(text: str, commands: list[list[str]]) -> None:
    assert _commands(text) == commands


def test_a_word_with_a_variable_has_no_value() -> None:
    assert _commands("RUN npm install -g npm@$NPM_VERSION\n") == [["npm", "install", "-g", None]]


def test_a_run_with_a_heredoc_gives_no_commands() -> None:
    """As the walk, which leaves a RUN with a heredoc unread (the file is skipped there)."""
    assert _commands("RUN <<EOF\nnpm config set prefix /opt\nEOF\n") == []
