"""Plain shell: environment setup (users, folders) and commands with no effect of their own."""

from __future__ import annotations

from ..analysis import Claim, Role, RunContext
from ..claims import Pass
from ..images import data
from ..shell import Command

NAME = "shell"


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    table = data("commands.json")
    name = cmd.name
    if name is None:
        return None
    if name in table["neutral"]:
        return Claim(Role.NEUTRAL, NAME)
    if name in ("echo", "printf") and not cmd.redirects:
        return Claim(Role.NEUTRAL, NAME)  # prints to the build log, or into the next command of a pipe
    if name in table["setup"]:
        return Claim(Role.SETUP, NAME, f"`{name}` sets up the environment; the runtime repeats it")
    return None


PASS = Pass(NAME, "plain shell: environment setup (users, folders) and commands with no effect of their own", claim)
