"""The context-aware line lexer behind grammar/dockerfile.lark.

It reads the file one physical line at a time and gives each line its role.
The role depends on context that the grammar cannot see, tracked here exactly
as BuildKit's parser tracks it:

- parser directives, recognised only until the first line that is not one;
- the escape character (``\\`` or a backtick set by ``# escape=``), which decides
  whether a line continues;
- whether a line is the first of an instruction or continues the previous one
  (comment and blank lines inside a continuation belong to the instruction);
- heredoc bodies opened by the instruction just read, up to their terminators.

Lines are then handed to the grammar in tokens of whole units, newlines
included: a directive line (DIRECTIVE); a run of comment and blank lines
(TRIVIA, its lines and their kinds attached); an instruction with its
continuation lines, comment and blank lines inside the continuation included
(INSTRUCTION, with its facts: what BuildKit reads from it, and its physical
lines); one heredoc body with its terminator line (HEREDOC). Whole units keep
the token count, and so Lark's work, at about one token per instruction.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

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
CONTINUATION = {
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
    """A Lark token for one unit of lines; ``facts`` holds what the tree builder needs."""

    __slots__ = ("facts",)
    # What the tree builder reads, by kind: a directive's (name, value), trivia's [(is_comment, text)],
    # a heredoc body's content, an instruction's (InstructionFacts, lines).
    facts: Any


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
    continuation = CONTINUATION[escape]
    directives = _Directives()
    saw_instruction = False
    trivia: list[tuple[bool, str]] = []  # comment (True) and blank lines not yet handed on
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
                continuation = CONTINUATION[escape]
            yield _token("DIRECTIVE", raw, lineno, directive)
            i += 1
            continue
        if token.startswith("#"):
            trivia.append((True, raw))
            i += 1
            continue
        first, ends = _trim_continuation(token, continuation)
        if ends and first == "":
            trivia.append((False, raw))
            i += 1
            continue
        if trivia:
            yield _trivia(trivia, i + 1 - len(trivia))
            trivia = []

        # An instruction: its first line, then continuation lines.
        start = i
        parts = [first]
        i += 1
        while not ends and i < n:
            raw_c = lines[i]
            i += 1
            if _is_comment(raw_c):
                continue  # a comment line inside the continuation: kept in the instruction's lines
            body = _trim_newline(raw_c)
            if body.lstrip(GO_SPACE) == "":
                continue  # a blank line does not end the instruction (BuildKit only warns)
            part, ends = _trim_continuation(body, continuation)
            parts.append(part)
        line = "".join(parts)
        try:
            parsed = parse_instruction(line, escape)
        except DockerfileSyntaxError as e:
            raise DockerfileSyntaxError(e.message, start + 1, 1) from None
        specs: tuple[HeredocSpec, ...] = ()
        if "<<" in line and can_contain_heredoc(parsed):
            specs = heredocs_in_line(line)
        own_end = i
        # Heredoc bodies: each runs to a line that is exactly its delimiter.
        bodies: list[tuple[int, int]] = []
        for spec in specs:
            body_start = i
            while True:
                if i >= n:
                    raise DockerfileSyntaxError("unterminated heredoc", start + 1, 1)
                candidate = _trim_newline(lines[i])
                if spec.chomp:
                    candidate = candidate.lstrip("\t")
                i += 1
                if candidate == spec.name:
                    break
            bodies.append((body_start, i))
        facts = InstructionFacts(parsed, line, start + 1, i, specs, escape)
        saw_instruction = True
        own = tuple(lines[start:own_end])
        yield _token("INSTRUCTION", "".join(own), start + 1, (facts, own))
        for a, b in bodies:
            yield _token("HEREDOC", "".join(lines[a:b]), a + 1, "".join(lines[a:b - 1]))
    if trivia:
        yield _trivia(trivia, n + 1 - len(trivia))
    if not saw_instruction:
        raise DockerfileSyntaxError("file with no instructions", max(n, 1), 1)
    if too_long is not None:
        raise DockerfileSyntaxError(
            f"dockerfile line greater than max allowed size of {MAX_LINE_BYTES}", too_long + 1, 1
        )


def _trivia(run: list[tuple[bool, str]], line: int) -> LineToken:
    return _token("TRIVIA", "".join(text for _, text in run), line, tuple(run))


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
