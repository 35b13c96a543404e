"""A global npm install the runtime repeats says the program runs its commands only where the image's command
names them; where the command is a script the tool does not read (`./manage.py runserver`), it may run them (read32
74501d99: "grunt, bower ..., which the program runs", for a Django app whose command names neither)."""

from __future__ import annotations

from transformer import refactor

FILE = """FROM node:18
RUN npm install -g grunt-cli bower
WORKDIR /app
COPY . .
RUN npm install
CMD {cmd}
"""


def _global_note(cmd: str) -> str:
    result = refactor(FILE.format(cmd=cmd))
    assert result.changed, result.skipped
    return next(str(c) for c in result.changes if "globally" in str(c))


def test_an_unread_script_may_run_the_global_commands() -> None:
    assert "globally, which the program may run" in _global_note('["./start.sh"]')


def test_a_command_that_names_one_runs_it() -> None:
    assert "globally, which the program runs" in _global_note('["grunt", "serve"]')
