"""Edits inside an instruction's text that keep its layout.

An instruction's logical line is made of pieces of its physical lines (the
lexer joins them); a span of the logical line maps back to one physical line,
so a word can be removed or replaced in place, and the continuation layout,
indentation and comments around it stay as they were.
"""

from __future__ import annotations

from collections.abc import Iterable

from .arguments import GO_SPACE
from .lexer import CONTINUATION, split_lines
from .parser import parse_instruction_text
from .tree import Instruction


class CannotEdit(Exception):
    pass


def _pieces(inst: Instruction) -> list[tuple[int, int, int]]:
    """(logical start, line index, column) of each physical line's piece of the logical line."""
    regex = CONTINUATION[inst.escape]
    out: list[tuple[int, int, int]] = []
    pos = 0
    for k, raw in enumerate(inst.lines):
        body = raw.rstrip("\r\n")
        if k == 0:
            stripped = body.lstrip(GO_SPACE)
            col = len(body) - len(stripped)
            body = stripped
        else:
            if body.lstrip(GO_SPACE).startswith("#") or body.lstrip(GO_SPACE) == "":
                continue
            col = 0
        m = regex.search(body)
        piece = body[: m.start()] + (m.group(1) or "") if m else body
        out.append((pos, k, col))
        pos += len(piece)
    return out


def remove_word_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Widen each word span to take one side's whitespace with it."""
    out = []
    for s, e in spans:
        if s > 0 and text[s - 1] in " \t":
            s2 = s - 1
            while s2 > 0 and text[s2 - 1] in " \t":
                s2 -= 1
            out.append((s2, e))
        elif e < len(text) and text[e] in " \t":
            e2 = e
            while e2 < len(text) and text[e2] in " \t":
                e2 += 1
            out.append((s, e2))
        else:
            out.append((s, e))
    return out


def apply_edits(text: str, edits: Iterable[tuple[int, int, str]], offset: int = 0) -> str:
    """``text`` with each (start, end, new) span replaced, the spans counted from ``offset``."""
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start - offset] + new + text[end - offset:]
    return text


def _physical(inst: Instruction) -> tuple[str, list[int]]:
    """The instruction's physical text and, for each character of its logical line, its offset there."""
    starts = [0]
    for raw in inst.lines:
        starts.append(starts[-1] + len(raw))
    pieces = _pieces(inst)
    ends = [p[0] for p in pieces[1:]] + [len(inst.original)]
    where: list[int] = []
    for (logical, k, col), end in zip(pieces, ends, strict=True):
        where += range(starts[k] + col, starts[k] + col + end - logical)
    return "".join(inst.lines), where


def line_before(inst: Instruction, at: int) -> tuple[str, bool]:
    """The physical text from the start of its line to the character ``at`` of the logical line, and whether that
    line is the instruction's first."""
    text, where = _physical(inst)
    if not 0 <= at < len(where):
        return "", True
    start = text.rfind("\n", 0, where[at]) + 1
    return text[start:where[at]], start == 0


def _chains(added: str) -> bool:
    """Whether text added after a command starts another one (`` && rm ...``, `` \\\n    ; echo``)."""
    return added.lstrip(" \t\\`\r\n").startswith(("&&", "||", ";", "|"))


def splice(inst: Instruction, edits: list[tuple[int, int, str]]) -> Instruction:
    """A new instruction with spans of its logical line replaced. A span may cross physical lines: the
    text between its first and last character (continuations, comment lines inside) goes with it, so
    deleting the middle commands of a continued RUN joins the lines around them."""
    text, where = _physical(inst)
    if len(where) != len(inst.original):
        raise CannotEdit("the physical lines do not spell the logical line")
    # text added at the end of the text: what continues the last command (`apt-get -fy install`'s option) before
    # what chains a command after it (the list cleanup, on a line of its own or not)
    at_end = [e for e in edits if e[0] == e[1] >= len(where)]
    ordered = sorted(sorted(at_end, key=lambda e: e[2], reverse=True), key=lambda e: _chains(e[2]))
    text = text.rstrip("\r\n") + "".join(e[2] for e in ordered) + text[len(text.rstrip("\r\n")):]
    # inside the text, the later of two insertions at one place lands before the earlier: what chains a command
    # (the list cleanup) is inserted first, so it follows the words added to the command there (a package)
    for start, end, new in sorted((e for e in edits if e not in at_end), key=lambda e: (*e[:2], _chains(e[2]), e[2]),
                                  reverse=True):
        if end > start:
            a, b = where[start], where[end - 1] + 1
        elif 0 < start < len(where) and new[:1] in " \t" and where[start] - where[start - 1] > 1:
            # text added after a word that ends its physical line (`install -y\`): on that line, before the
            # continuation, not at the start of the next line
            a = b = where[start - 1] + 1
        else:
            a = b = where[start] if start < len(where) else len(text.rstrip("\r\n"))
        text = text[:a] + new + text[b:]
    lines = split_lines(text)  # only \n ends a line (str.splitlines also splits at \x1e, \v, \x85...)
    regex = CONTINUATION[inst.escape]
    lone = f"{inst.escape}\r\n\t "
    if not any(not ln.strip(lone) for ln in inst.lines[1:]):  # a line the edits left with its continuation alone
        lines = lines[:1] + [ln for ln in lines[1:] if ln.strip(lone)]
    while len(lines) > 1 and not lines[-1].strip(" \t\r\n"):
        lines.pop()  # a continuation left with nothing after it
    while lines and lines[-1].lstrip(" \t").startswith("#") and len(lines) > 1:
        lines.pop()  # a comment line inside the continuation, now last
    last = lines[-1]
    body = last.rstrip("\r\n")
    m = regex.search(body)
    if m is not None:  # the line now last must not continue into what follows
        nl = last[len(body):] or inst.newline
        lines[-1] = (body[: m.start()] + (m.group(1) or "")).rstrip(" \t") + nl
    out = "".join(lines) + "".join(h.text for h in inst.heredocs)
    return parse_instruction_text(out, inst.escape)
