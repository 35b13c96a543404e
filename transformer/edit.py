"""Edits inside an instruction's text that keep its layout.

An instruction's logical line is made of pieces of its physical lines (the
lexer joins them); a span of the logical line maps back to one physical line,
so a word can be removed or replaced in place, and the continuation layout,
indentation and comments around it stay as they were.
"""

from __future__ import annotations

import re

from .arguments import GO_SPACE
from .lexer import CONTINUATION
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


def replace_spans(inst: Instruction, edits: list[tuple[int, int, str]]) -> Instruction:
    """A new instruction with logical-line spans replaced (each span within one physical line)."""
    pieces = _pieces(inst)
    lines = list(inst.lines)
    for start, end, new in sorted(edits, reverse=True):
        found = [piece for piece in pieces if piece[0] < max(end, start + 1)]
        if not found:
            raise CannotEdit("span before the first line")
        ps, k, col = found[-1]
        if start < ps:
            if inst.original[start:ps].strip(" \t"):
                raise CannotEdit("span crosses a line")
            start = ps  # whitespace taken along from the line before: keep it there
        a, b = col + (start - ps), col + (end - ps)
        line = lines[k]
        if b > len(line.rstrip("\r\n")):
            raise CannotEdit("span crosses a line")
        lines[k] = line[:a] + new + line[b:]
    # drop lines the edits emptied (only indentation and a continuation left)
    regex = CONTINUATION[inst.escape]
    def emptied(k: int) -> bool:
        """A line the edits left with nothing but indentation and a continuation."""
        rest = lines[k].rstrip("\r\n").strip(" \t")
        return k > 0 and lines[k] != inst.lines[k] and rest in ("", inst.escape)

    kept = [ln for k, ln in enumerate(lines) if not emptied(k)]
    if not _continues(inst.lines[-1], regex) and kept and _continues(kept[-1], regex):
        # the last line went away: the line now last must not continue into what follows
        last = kept[-1]
        body = last.rstrip("\r\n")
        m = regex.search(body)
        assert m is not None
        kept[-1] = (body[: m.start()] + (m.group(1) or "")).rstrip(" \t") + last[len(body):]
    text = "".join(kept) + "".join(h.text for h in inst.heredocs)
    return parse_instruction_text(text, inst.escape)


def _continues(line: str, regex: re.Pattern[str]) -> bool:
    return regex.search(line.rstrip("\r\n")) is not None


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


def drop_words_or_none(decision, plan) -> str | None:  # type: ignore[no-untyped-def]
    """The packages RUN of ``decision`` with build-only packages removed and -dev
    packages replaced by their libraries, or None when it cannot be edited in place."""
    from .packages import _name

    inst: Instruction = decision.group.inst
    if inst.json or not inst.value or inst.heredocs:
        return None
    script_text = inst.value[0]
    offset = len(inst.original.rstrip(GO_SPACE)) - len(script_text)
    if inst.original[offset:offset + len(script_text)] != script_text:
        return None
    dropped = set(plan.dropped_packages)
    libs = dict(plan.library_map)
    wanted = set(plan.packages)
    edits: list[tuple[int, int, str]] = []
    seen: set[str] = set()
    for cmd, claim in zip(decision.commands, decision.claims, strict=True):
        if not claim.packages or claim.packages.action != "install":
            continue
        for w in cmd.argv[1:]:
            if w.value is None or w.value not in claim.packages.packages:
                continue
            name = _name(w.value)
            if w.value in dropped:
                repl = " ".join(lib for lib in libs.get(name, ()) if lib in wanted and lib not in seen)
                seen.update(libs.get(name, ()))
                if repl:
                    edits.append((offset + w.start, offset + w.end, repl))
                else:
                    (s, e), = remove_word_spans(script_text, [(w.start, w.end)])
                    edits.append((offset + s, offset + e, ""))
            seen.add(w.value)
    if not edits:
        return inst.text
    try:
        new = replace_spans(inst, edits)
    except CannotEdit:
        return None
    # check: the edited RUN names exactly the packages the runtime keeps
    from .analysis import read_run
    from .passes.system import packages_of

    got = {p for cmd in read_run(new).commands if (op := packages_of(cmd)) for p in op.packages}
    return new.text if got == wanted else None
