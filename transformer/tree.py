"""The lossless syntax tree: immutable nodes that own their exact source text.

Every byte of a Dockerfile belongs to exactly one node, so rendering an untouched
tree gives the input back byte for byte. Nodes are frozen; a change makes a new
node with :meth:`Node.with_changes`, as in libcst.

    Dockerfile
      bom, directives            (# syntax= / # escape= / # check= lines)
      preamble                   (what comes before the first FROM: ARG, comments, blank lines)
      stages -> Stage            (leading comments, the FROM, then the stage's body)
                  body -> Instruction | Comment | Blank
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TypeVar

from .arguments import Parsed

N = TypeVar("N", bound="Node")


@dataclass(frozen=True, slots=True)
class Node:
    def with_changes(self: N, **changes: object) -> N:
        """A copy of this node with the given fields replaced."""
        return dataclasses.replace(self, **changes)

    @property
    def text(self) -> str:  # pragma: no cover - every node overrides it
        raise NotImplementedError


@dataclass(frozen=True, slots=True)
class Comment(Node):
    """A comment line outside an instruction, newline included."""

    source: str

    @property
    def text(self) -> str:
        return self.source

    @property
    def body(self) -> str:
        """The comment's words: what follows ``#``, without surrounding space."""
        return self.source.strip().removeprefix("#").strip()


@dataclass(frozen=True, slots=True)
class Blank(Node):
    """An empty or whitespace-only line outside an instruction."""

    source: str

    @property
    def text(self) -> str:
        return self.source


@dataclass(frozen=True, slots=True)
class Directive(Node):
    """A parser directive line at the top of the file (``# escape=```)."""

    name: str
    value: str
    source: str

    @property
    def text(self) -> str:
        return self.source


@dataclass(frozen=True, slots=True)
class Heredoc(Node):
    """A heredoc body: its lines and the terminator line, as written."""

    name: str
    fd: int
    chomp: bool
    expand: bool
    content: str  # the body as BuildKit reports it (terminator excluded)
    source: str  # body lines and terminator line, exactly as written

    @property
    def text(self) -> str:
        return self.source


@dataclass(frozen=True, slots=True)
class Instruction(Node):
    """One instruction: its physical lines (with any comment or blank lines inside
    its continuation) and the heredoc bodies that follow it.

    ``keyword``, ``flags``, ``value``, ``json`` and ``sub`` are what BuildKit's
    parser reads; ``original`` is the joined logical line. ``lines`` holds the
    physical lines as written (first line, continuation lines); rendering an
    instruction whose ``lines`` are set reproduces them exactly.
    """

    parsed: Parsed
    original: str
    lines: tuple[str, ...]
    heredocs: tuple[Heredoc, ...] = ()
    start_line: int = 0  # 1-based; 0 for an instruction that is not from the input
    end_line: int = 0
    escape: str = "\\"
    newline: str = field(default="\n", compare=False)

    @property
    def text(self) -> str:
        return "".join(self.lines) + "".join(h.source for h in self.heredocs)

    @property
    def keyword(self) -> str:
        return self.parsed.keyword

    @property
    def cmd(self) -> str:
        """The instruction's name in lower case (``run``, ``from``...)."""
        return self.parsed.cmd

    @property
    def flags(self) -> tuple[str, ...]:
        return self.parsed.flags

    @property
    def value(self) -> tuple[str, ...]:
        return self.parsed.value

    @property
    def json(self) -> bool:
        return self.parsed.json

    @property
    def sub_cmd(self) -> str | None:
        return self.parsed.sub.cmd if self.parsed.sub else None

    def flag(self, name: str) -> str | None:
        """The value of ``--name=value`` (last one wins), or None."""
        found = None
        prefix = f"--{name}="
        for f in self.flags:
            if f.startswith(prefix):
                found = f[len(prefix) :]
            elif f == f"--{name}":
                found = ""
        return found

    @property
    def comments(self) -> tuple[str, ...]:
        """The comment lines inside the instruction's continuation."""
        return tuple(ln for ln in self.lines[1:] if ln.lstrip(" \t").startswith("#"))


Item = Instruction | Comment | Blank


@dataclass(frozen=True, slots=True)
class Stage(Node):
    """A build stage: the comment lines right above its FROM, the FROM, its body."""

    leading: tuple[Comment, ...]
    from_: Instruction
    body: tuple[Item, ...]
    index: int

    @property
    def text(self) -> str:
        return (
            "".join(c.text for c in self.leading)
            + self.from_.text
            + "".join(i.text for i in self.body)
        )

    @property
    def base_image(self) -> str:
        value = self.from_.value
        return value[0] if value else ""

    @property
    def name(self) -> str | None:
        value = self.from_.value
        if len(value) >= 3 and value[1].lower() == "as":
            return value[2]
        return None

    @property
    def platform(self) -> str | None:
        return self.from_.flag("platform")

    @property
    def instructions(self) -> tuple[Instruction, ...]:
        return tuple(i for i in self.body if isinstance(i, Instruction))


@dataclass(frozen=True, slots=True)
class Dockerfile(Node):
    bom: str
    directives: tuple[Directive, ...]
    preamble: tuple[Item, ...]
    stages: tuple[Stage, ...]
    escape: str = "\\"
    newline: str = field(default="\n", compare=False)

    @property
    def text(self) -> str:
        return (
            self.bom
            + "".join(d.text for d in self.directives)
            + "".join(i.text for i in self.preamble)
            + "".join(s.text for s in self.stages)
        )

    def instructions(self) -> list[Instruction]:
        """Every instruction in file order, the FROM lines included."""
        out = [i for i in self.preamble if isinstance(i, Instruction)]
        for stage in self.stages:
            out.append(stage.from_)
            out += stage.instructions
        return out

    def directive(self, name: str) -> str | None:
        for d in self.directives:
            if d.name == name:
                return d.value
        return None
