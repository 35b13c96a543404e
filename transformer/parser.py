"""Text to tree: the Lark grammar (grammar/dockerfile.lark) over the line lexer.

``parse(text)`` is the public entry point. Lark's LALR parser assembles the
lexer's tokens (whole units of lines); the callbacks below build the immutable tree directly while
parsing (no intermediate parse tree), which keeps parsing linear and fast.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Sequence
from importlib import resources

from lark import Lark, Transformer, v_args
from lark.exceptions import LarkError

from .errors import DockerfileSyntaxError
from .lexer import InstructionFacts, LineLexer, LineToken
from .tree import Blank, Comment, Directive, Dockerfile, Heredoc, Instruction, Item, Stage


def grammar_text() -> str:
    return resources.files("transformer.grammar").joinpath("dockerfile.lark").read_text("utf-8")


@v_args(inline=False)
class _Build(Transformer):
    """Lark callbacks: tokens and subtrees in, tree nodes out."""

    def bom(self, children: list[LineToken]) -> str:
        return str(children[0])

    def directive(self, children: list[LineToken]) -> Directive:
        name, value = children[0].facts
        return Directive(name, value, str(children[0]))

    def trivia(self, children: list[LineToken]) -> list[Comment | Blank]:
        return [Comment(text) if is_comment else Blank(text) for is_comment, text in children[0].facts]

    def heredoc(self, children: list[LineToken]) -> tuple[str, str]:
        tok = children[0]
        return tok.facts, str(tok)

    def instruction(self, children: list[LineToken | tuple[str, str]]) -> Instruction:
        first = children[0]
        assert isinstance(first, LineToken)
        facts: InstructionFacts
        facts, lines = first.facts
        bodies = children[1:]
        heredocs = tuple(
            Heredoc(spec.name, spec.fd, spec.chomp, spec.expand, content, source)
            for spec, (content, source) in zip(facts.heredocs, bodies, strict=True)
        )
        newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
        return Instruction(
            parsed=facts.parsed,
            original=facts.original,
            lines=lines,
            heredocs=heredocs,
            start_line=facts.start_line,
            end_line=facts.end_line,
            escape=facts.escape,
            newline=newline,
        )

    def start(self, children: list[object]) -> Dockerfile:
        bom = ""
        directives: list[Directive] = []
        items: list[Item] = []
        for child in children:
            if isinstance(child, str):
                bom = child
            elif isinstance(child, Directive):
                directives.append(child)
            elif isinstance(child, list):
                items += child  # a run of comment and blank lines
            else:
                items.append(child)  # type: ignore[arg-type]
        return assemble(bom, directives, items)


def assemble(bom: str, directives: Sequence[Directive], items: Sequence[Item]) -> Dockerfile:
    """Group a flat list of lines into the preamble and stages."""
    escape = "\\"
    for d in directives:
        if d.name == "escape":
            escape = d.value
    froms = [k for k, item in enumerate(items) if isinstance(item, Instruction) and item.cmd == "from"]
    newline = "\n"
    for item in items:
        if isinstance(item, Instruction):
            newline = item.newline
            break
    if not froms:
        return Dockerfile(bom, tuple(directives), tuple(items), (), escape, newline)
    starts: list[tuple[int, int]] = []
    for k in froms:
        lead = k
        while lead > 0 and isinstance(items[lead - 1], Comment) and (not starts or lead - 1 > starts[-1][1]):
            lead -= 1
        starts.append((lead, k))
    stages = []
    for idx, (lead, k) in enumerate(starts):
        end = starts[idx + 1][0] if idx + 1 < len(starts) else len(items)
        stages.append(
            Stage(
                leading=tuple(items[lead:k]),  # type: ignore[arg-type]
                from_=items[k],  # type: ignore[arg-type]
                body=tuple(items[k + 1 : end]),
                index=idx,
            )
        )
    return Dockerfile(bom, tuple(directives), tuple(items[: starts[0][0]]), tuple(stages), escape, newline)


@functools.lru_cache(maxsize=1)
def _lark() -> Lark:
    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=LineLexer,
        transformer=_Build(),
        maybe_placeholders=False,
    )


def parse(text: str) -> Dockerfile:
    """Parse Dockerfile text into a lossless tree.

    Raises DockerfileSyntaxError (a ValueError) when BuildKit's parser would
    reject the text; nothing else.
    """
    if not isinstance(text, str):
        raise TypeError("parse() takes str; decode bytes first (see transformer.io)")
    # The parse allocates one token per line and frees nothing until the end:
    # the cyclic GC would only rescan them, so it is paused meanwhile.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        tree = _lark().parse(text)
        assert isinstance(tree, Dockerfile)  # the transformer's result, not a raw Lark tree
        return tree
    except DockerfileSyntaxError:
        raise
    except LarkError as e:  # pragma: no cover - the lexer only emits valid sequences
        orig = getattr(e, "orig_exc", None)
        if isinstance(orig, DockerfileSyntaxError):
            raise orig from None
        raise DockerfileSyntaxError(f"internal parser error: {e}", 1, 1) from None
    finally:
        if gc_was_enabled:
            gc.enable()


def parse_instruction_text(text: str, escape: str = "\\") -> Instruction:
    """One new instruction from its text (used to build instructions that the
    refactoring adds). The text may span continuation lines and heredocs."""
    prefix = "# escape=`\n" if escape == "`" else ""
    tree = parse(prefix + text)
    insts = tree.instructions()
    if len(insts) != 1:
        raise ValueError(f"expected one instruction, got {len(insts)}: {text!r}")
    return insts[0].with_changes(start_line=0, end_line=0)
