"""How BuildKit reads an instruction's logical line: keyword, flags and values.

Once the lexer has joined an instruction's physical lines into one logical line,
BuildKit splits off the keyword, then the leading ``--flags``, then reads the rest
with a per-instruction rule (JSON or shell form, name/value pairs, plain words...).
This module follows those rules exactly (BuildKit's ``split_command.go`` and
``line_parsers.go``), so that msrefactor reads every file as ``docker build`` does.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .errors import DockerfileSyntaxError

# Go's unicode.IsSpace (Python's str.isspace also counts \x1c-\x1f, Go does not).
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_RE_WHITESPACE = re.compile(r"[\t\v\f\r ]+")
_RE_HEREDOC = re.compile(r"^(\d*)<<(-?)([^<]*)$")

HEREDOC_INSTRUCTIONS = frozenset({"add", "copy", "run"})


@dataclass(frozen=True, slots=True)
class HeredocSpec:
    """A heredoc opened on an instruction line (its body is read later)."""

    name: str
    fd: int
    chomp: bool
    expand: bool


@dataclass(frozen=True, slots=True)
class Parsed:
    """An instruction as BuildKit's parser reports it."""

    keyword: str
    flags: tuple[str, ...]
    value: tuple[str, ...]
    json: bool
    sub: Parsed | None = None  # ONBUILD's inner instruction

    @property
    def cmd(self) -> str:
        return self.keyword.lower()


def go_lstrip(s: str) -> str:
    return s.lstrip(GO_SPACE)


def go_strip(s: str) -> str:
    return s.strip(GO_SPACE)


def split_command(line: str, escape: str) -> tuple[str, tuple[str, ...], str]:
    """Keyword, flags and the rest of the line (BuildKit's splitCommand)."""
    parts = _RE_WHITESPACE.split(go_strip(line), maxsplit=1)
    if len(parts) == 2:
        rest, flags = extract_builder_flags(parts[1], escape)
        return parts[0], flags, go_strip(rest)
    return parts[0], (), ""


def extract_builder_flags(line: str, escape: str) -> tuple[str, tuple[str, ...]]:
    """Leading ``--flag`` words, quotes and escapes processed (extractBuilderFlags)."""
    words: list[str] = []
    n = len(line)
    pos = 0
    while True:
        while pos < n and line[pos] in GO_SPACE:
            pos += 1
        if pos == n:
            return "", tuple(words)
        if not line.startswith("--", pos):
            return line[pos:], tuple(words)
        buf: list[str] = []
        blank_ok = False
        quote = ""
        while pos < n:
            ch = line[pos]
            if quote:
                if ch == quote:
                    quote = ""
                    pos += 1
                    continue
                if ch == escape:
                    if pos + 1 == n:
                        quote = ""
                        pos += 1
                        continue
                    pos += 1
                    ch = line[pos]
                buf.append(ch)
                pos += 1
                continue
            if ch in GO_SPACE:
                break
            if ch in "'\"":
                quote = ch
                blank_ok = True
                pos += 1
                continue
            if ch == escape:
                if pos + 1 == n:
                    pos += 1
                    continue
                pos += 1
                ch = line[pos]
            buf.append(ch)
            pos += 1
        word = "".join(buf)
        if pos == n:
            if word != "--" and (blank_ok or word):
                words.append(word)
            return "", tuple(words)
        if word == "--":
            return line[pos:], tuple(words)
        if blank_ok or word:
            words.append(word)


def parse_words(rest: str, escape: str) -> list[str]:
    """Words split at whitespace, quotes and escapes kept (parseWords)."""
    words: list[str] = []
    buf: list[str] = []
    n = len(rest)
    pos = 0
    in_word = False
    quote = ""  # the open quote character, "" outside quotes
    blank_ok = False
    while pos < n:
        ch = rest[pos]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == escape and quote != "'":
                if pos + 1 == n:
                    quote = ""
                    pos += 1
                    continue
                buf.append(ch)
                pos += 1
                ch = rest[pos]
            buf.append(ch)
            pos += 1
            continue
        if not in_word:
            if ch in GO_SPACE:
                pos += 1
                continue
            in_word = True
        if ch in GO_SPACE:
            in_word = False
            if blank_ok or buf:
                words.append("".join(buf))
            buf = []
            blank_ok = False
            pos += 1
            continue
        if ch in "'\"":
            quote = ch
            blank_ok = True
        elif ch == escape:
            if pos + 1 == n:
                pos += 1
                continue
            buf.append(ch)
            pos += 1
            ch = rest[pos]
        buf.append(ch)
        pos += 1
    if in_word and (blank_ok or buf):
        words.append("".join(buf))
    return words


def _parse_json(rest: str) -> tuple[str, ...] | None:
    """The strings of a JSON array, None when ``rest`` is no JSON array.

    Raises DockerfileSyntaxError for an array holding anything but strings.
    """
    rest = go_lstrip(rest)
    if not rest.startswith("["):
        return None
    try:
        data = json.loads(rest, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, list):
        return None
    if not all(isinstance(x, str) for x in data):
        raise DockerfileSyntaxError(
            "when using JSON array syntax, arrays must be comprised of strings only"
        )
    return tuple(data)


def _reject_constant(name: str) -> float:
    raise ValueError(name)


def _maybe_json(rest: str) -> tuple[tuple[str, ...], bool]:
    if rest == "":
        return (), False
    items = _parse_json(rest)
    if items is not None:
        return items, True
    return (rest,), False


def _maybe_json_to_list(rest: str) -> tuple[tuple[str, ...], bool]:
    items = _parse_json(rest)
    if items is not None:
        return items, True
    return _whitespace_delimited(rest), False


def _whitespace_delimited(rest: str) -> tuple[str, ...]:
    if rest == "":
        return ()
    return tuple(_RE_WHITESPACE.split(rest))


def _name_val(rest: str, key: str, escape: str) -> tuple[str, ...]:
    words = parse_words(rest, escape)
    if not words:
        return ()
    if "=" not in words[0]:
        parts = _RE_WHITESPACE.split(rest, maxsplit=1)
        if len(parts) < 2:
            raise DockerfileSyntaxError(f"{key} must have two arguments")
        return (parts[0], parts[1])
    out: list[str] = []
    for word in words:
        if "=" not in word:
            raise DockerfileSyntaxError(
                f"Syntax error - can't find = in {_go_quote(word)}. Must be of the form: name=value"
            )
        k, v = word.split("=", 1)
        out += (k, v)
    return tuple(out)


def _go_quote(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _health(rest: str) -> tuple[tuple[str, ...], bool]:
    sep = 0
    while sep < len(rest) and rest[sep] not in GO_SPACE:
        sep += 1
    if sep == 0:
        return (), False
    nxt = sep
    while nxt < len(rest) and rest[nxt] in GO_SPACE:
        nxt += 1
    value, is_json = _maybe_json(rest[nxt:])
    return (rest[:sep], *value), is_json


def parse_instruction(line: str, escape: str) -> Parsed:
    """Read one logical line as BuildKit's parser does (newNodeFromLine)."""
    keyword, flags, rest = split_command(line, escape)
    cmd = keyword.lower()
    is_json = False
    sub: Parsed | None = None
    if cmd in ("run", "cmd", "entrypoint", "shell"):
        value, is_json = _maybe_json(rest)
    elif cmd in ("add", "copy", "volume"):
        value, is_json = _maybe_json_to_list(rest)
    elif cmd in ("expose", "from"):
        value = _whitespace_delimited(rest)
    elif cmd in ("maintainer", "stopsignal", "user", "workdir"):
        value = (rest,) if rest else ()
    elif cmd == "env":
        value = _name_val(rest, "ENV", escape)
    elif cmd == "label":
        value = _name_val(rest, "LABEL", escape)
    elif cmd == "arg":
        value = tuple(parse_words(rest, escape))
    elif cmd == "healthcheck":
        value, is_json = _health(rest)
    elif cmd == "onbuild":
        if rest:
            sub = parse_instruction(rest, escape)
            value, is_json = sub.value, sub.json
        else:
            value = ()
    else:
        value = ("",)
    return Parsed(keyword, flags, value, is_json, sub)


def can_contain_heredoc(parsed: Parsed) -> bool:
    target = parsed.sub if parsed.cmd == "onbuild" and parsed.sub else parsed
    return target.cmd in HEREDOC_INSTRUCTIONS and not target.json


def _raw_words(line: str) -> list[str]:
    """Shell-like words with quotes and escapes kept as written."""
    words: list[str] = []
    buf: list[str] = []
    quote = ""
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if quote:
            buf.append(ch)
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"' and i + 1 < n:
                i += 1
                buf.append(line[i])
            i += 1
            continue
        if ch in " \t\r\n\v\f":
            if buf:
                words.append("".join(buf))
                buf = []
            i += 1
            continue
        if ch in "'\"":
            quote = ch
        elif ch == "\\" and i + 1 < n:
            buf.append(ch)
            i += 1
            ch = line[i]
        buf.append(ch)
        i += 1
    if buf:
        words.append("".join(buf))
    return words


def _unquote(word: str) -> str:
    out: list[str] = []
    quote = ""
    i, n = 0, len(word)
    while i < n:
        ch = word[i]
        if quote:
            if ch == quote:
                quote = ""
            elif ch == "\\" and quote == '"' and i + 1 < n and word[i + 1] in '"\\$`':
                i += 1
                out.append(word[i])
            else:
                out.append(ch)
        elif ch in "'\"":
            quote = ch
        elif ch == "\\" and i + 1 < n:
            i += 1
            out.append(word[i])
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def heredocs_in_line(line: str) -> tuple[HeredocSpec, ...]:
    """The heredocs an instruction line opens, in order (heredocsFromLine)."""
    docs: list[HeredocSpec] = []
    for word in _raw_words(line):
        m = _RE_HEREDOC.match(word)
        if not m or not m.group(3):
            continue
        rest = m.group(3)
        if len(_raw_words(rest)) != 1:
            continue
        name = _unquote(rest)
        expand = ("'" not in rest and '"' not in rest)
        fd = int(m.group(1)) if m.group(1) else 0
        docs.append(HeredocSpec(name, fd, m.group(2) == "-", expand))
    return tuple(docs)
