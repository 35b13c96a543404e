"""The registry of passes: one module per ecosystem, all of the same shape (:class:`~transformer.claims.Pass`).

Each module defines ``PASS``. The planner asks the passes about every shell command in the order
below (the first claim wins) and, once the stage is read, lets each add its :class:`~transformer.claims.Finish`.
Passes never import each other. Configuration (``--disable``), ``--help`` and the README's table are
derived from this list.
"""

from __future__ import annotations

from ..claims import Pass
from . import dotnet, elixir, fetch, go, jvm, native, node, perl, php, python, rlang, ruby, rust, shell, system, web

PASSES: tuple[Pass, ...] = tuple(
    m.PASS for m in (system, python, node, ruby, php, elixir, dotnet, go, jvm, rust, perl, rlang, native, web, fetch,
                     shell)
)


def pass_names() -> tuple[str, ...]:
    """The names ``--disable`` and the configuration accept."""
    return tuple(p.name for p in PASSES)


def by_name() -> dict[str, Pass]:
    return {p.name: p for p in PASSES}
