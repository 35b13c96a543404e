"""One pass per ecosystem, all of the same shape.

Each pass module has ``NAME`` and ``claim(cmd, ctx) -> Claim | None``: it looks
at one shell command of a RUN (with what the RUN sees) and, when the command is
its own, says what role it plays and what it leaves behind. Passes never import
each other; the planner asks them in the order below and the first claim wins.
"""

from __future__ import annotations

from types import ModuleType

from . import base, fetch, go, jvm, native, node, python, rust, system, web

PASSES: tuple[ModuleType, ...] = (system, python, node, go, jvm, rust, native, web, fetch, base)


def by_name() -> dict[str, ModuleType]:
    return {p.NAME: p for p in PASSES}
