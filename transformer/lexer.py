"""The context-aware line lexer behind grammar/dockerfile.lark.

It emits one token per physical line (newline included), typed by the line's
role. The role depends on context that the grammar cannot see, tracked here
exactly as BuildKit's parser tracks it:

- parser directives, recognised only until the first line that is not one;
- the escape character (``\\`` or a backtick set by ``# escape=``), which decides
  whether a line continues;
- whether a line is the first of an instruction or continues the previous one
  (comment and blank lines inside a continuation belong to the instruction);
- heredoc bodies opened by the instruction just read, up to their terminators.

The first token of every instruction carries its facts (what BuildKit reads from
it), so the tree builder does not read anything twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lark import Token
from lark.lexer import Lexer

from .arguments import (
    GO_SPACE,
    HeredocSpec,
    Parsed,
    can_contain_heredoc,
    heredocs_in_line,
    parse_instruction,
)
from .errors import DockerfileSyntaxError

KNOWN_DIRECTIVES = frozenset({"syntax", "escape", "check"})
_RE_DIRECTIVE = re.compile(r"^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*\Z", re.S)
_CONTINUATION = {
    "\\": re.compile(r"([^\\])\\[ \t]*\Z|^\\[ \t]*\Z"),
    "`": re.compile(r"([^`])`[ \t]*\Z|^`[ \t]*\Z"),
}


@dataclass(frozen=True, slots=True)
class InstructionFacts:
    parsed: Parsed
    original: str
    start_line: int
    end_line: int
    heredocs: tuple[HeredocSpec, ...]
    escape: str


class LineToken(Token):
    """A Lark token for one physical line; an instruction's first line carries facts."""

    __slots__ = ("facts",)


_new_str = str.__new__


def _token(kind: str, text: str, line: int, facts: object = None) -> LineToken:
    # Lark's Token.__new__ goes through keyword handling; this is the hot path
    # (one token per physical line), so fill the same slots directly.
    tok = _new_str(LineToken, text)
    tok.type = kind
    tok.value = text
    tok.line = line
    tok.end_line = line
    tok.start_pos = tok.column = tok.end_column = tok.end_pos = None
    tok.facts = facts
    return tok


def _trim_newline(s: str) -> str:
    return s.rstrip("\r\n")


def _is_comment(s: str) -> bool:
    return s.lstrip(GO_SPACE).startswith("#")


def split_lines(text: str) -> list[str]:
    """Physical lines, each with its ``\\n`` (only ``\\n`` ends a line, as in BuildKit)."""
    lines = text.split("\n")
    out = [ln + "\n" for ln in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


class _Directives:
    """BuildKit's directive parser: directives count only until the first other line."""

    def __init__(self) -> None:
        self.done = False
        self.seen: set[str] = set()

    def parse(self, line: str, lineno: int) -> tuple[str, str] | None:
        if self.done:
            return None
        if not line.startswith("#"):
            self.done = True
            return None
        m = _RE_DIRECTIVE.match(line[1:].lstrip(GO_SPACE))
        if not m or m.group(1).lower() not in KNOWN_DIRECTIVES:
            self.done = True
            return None
        name = m.group(1).lower()
        if name in self.seen:
            raise DockerfileSyntaxError(f"only one {name} parser directive can be used", lineno, 1)
        self.seen.add(name)
        return name, m.group(2)


class LineLexer(Lexer):
    """Lark custom lexer: text in, one typed token per physical line out."""

    def __init__(self, lexer_conf: object = None) -> None:
        pass

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]
        return tokenize(data)


def tokenize(text: str) -> Iterator[LineToken]:
    if text.startswith("\ufeff"):
        yield _token("BOM", "\ufeff", 1)
        text = text[1:]
    lines = split_lines(text)
    too_long = _first_too_long(lines)
    if too_long is not None:
        lines = lines[:too_long]  # BuildKit's scanner stops there
    n = len(lines)
    escape = "\\"
    continuation = _CONTINUATION[escape]
    directives = _Directives()
    saw_instruction = False
    i = 0
    while i < n:
        raw = lines[i]
        lineno = i + 1
        token = _trim_newline(raw).lstrip(GO_SPACE)
        directive = directives.parse(token, lineno)
        if directive is not None:
            name, value = directive
            if name == "escape":
                if value not in ("\\", "`"):
                    raise DockerfileSyntaxError(
                        f"invalid escape token '{value}' does not match ` or \\", lineno, 1
                    )
                escape = value
                continuation = _CONTINUATION[escape]
            yield _token("DIRECTIVE", raw, lineno, directive)
            i += 1
            continue
        if token.startswith("#"):
            yield _token("COMMENT", raw, lineno)
            i += 1
            continue
        first, ends = _trim_continuation(token, continuation)
        if ends and first == "":
            yield _token("BLANK", raw, lineno)
            i += 1
            continue

        # An instruction: its first line, then continuation lines.
        start = i
        kinds = ["INSTR" if ends else "INSTR_CONT"]
        parts = [first]
        i += 1
        while not ends and i < n:
            raw_c = lines[i]
            i += 1
            if _is_comment(raw_c):
                kinds.append("CONT_COMMENT")
                continue
            body = _trim_newline(raw_c)
            if body.lstrip(GO_SPACE) == "":
                kinds.append("CONT_BLANK")
                continue
            part, ends = _trim_continuation(body, continuation)
            parts.append(part)
            kinds.append("CONT_END" if ends else "CONT")
        line = "".join(parts)
        try:
            parsed = parse_instruction(line, escape)
        except DockerfileSyntaxError as e:
            raise DockerfileSyntaxError(e.message, start + 1, 1) from None
        specs: tuple[HeredocSpec, ...] = ()
        if "<<" in line and can_contain_heredoc(parsed):
            specs = heredocs_in_line(line)
        # Heredoc bodies: each runs to a line that is exactly its delimiter.
        body_kinds: list[str] = []
        for spec in specs:
            while True:
                if i >= n:
                    raise DockerfileSyntaxError("unterminated heredoc", start + 1, 1)
                candidate = _trim_newline(lines[i])
                if spec.chomp:
                    candidate = candidate.lstrip("\t")
                i += 1
                if candidate == spec.name:
                    body_kinds.append("HEREDOC_END")
                    break
                body_kinds.append("HEREDOC_LINE")
        facts = InstructionFacts(parsed, line, start + 1, i, specs, escape)
        saw_instruction = True
        yield _token(kinds[0], lines[start], start + 1, facts)
        for k, kind in enumerate(kinds[1:], start + 1):
            yield _token(kind, lines[k], k + 1)
        first_body = start + len(kinds)
        for k, kind in enumerate(body_kinds, first_body):
            yield _token(kind, lines[k], k + 1)
    if not saw_instruction:
        raise DockerfileSyntaxError("file with no instructions", max(n, 1), 1)
    if too_long is not None:
        raise DockerfileSyntaxError(
            f"dockerfile line greater than max allowed size of {MAX_LINE_BYTES}", too_long + 1, 1
        )


MAX_LINE_BYTES = 65535  # bufio.MaxScanTokenSize - 1


def _first_too_long(lines: list[str]) -> int | None:
    """Index of the first line longer than BuildKit's scanner takes, if any."""
    if not lines or max(map(len, lines)) <= MAX_LINE_BYTES // 4:
        return None
    for k, line in enumerate(lines):
        if len(line) > MAX_LINE_BYTES // 4:
            body = line[:-1] if line.endswith("\n") else line
            if len(body.encode("utf-8", "surrogateescape")) > MAX_LINE_BYTES:
                return k
    return None


def _trim_continuation(line: str, regex: re.Pattern[str]) -> tuple[str, bool]:
    """Remove a line continuation; True when the line ends the instruction."""
    m = regex.search(line)
    if m is None:
        return line, True
    return line[: m.start()] + (m.group(1) or ""), False
