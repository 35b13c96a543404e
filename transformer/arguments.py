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
from collections.abc import Mapping
from dataclasses import dataclass

from .errors import DockerfileSyntaxError

# Go's unicode.IsSpace (Python's str.isspace also counts \x1c-\x1f, Go does not).
GO_SPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_RE_WHITESPACE = re.compile(r"[\t\v\f\r ]+")
_RE_HEREDOC = re.compile(r"^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)\Z")

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
    """Leading ``--flag`` words, quotes and escapes processed (extractBuilderFlags).

    BuildKit walks the line byte by byte and writes each byte as a rune, so a
    non-ASCII flag comes out as its UTF-8 bytes read as Latin-1 (``é`` becomes
    ``Ã©``), and bytes 0x85 and 0xA0 count as spaces. That is reproduced here.
    """
    if not line.isascii():
        raw = line.encode("utf-8", "surrogateescape").decode("latin-1")
        rest, flags = _extract_builder_flags(raw, escape)
        return rest.encode("latin-1").decode("utf-8", "surrogateescape"), flags
    return _extract_builder_flags(line, escape)


def _extract_builder_flags(line: str, escape: str) -> tuple[str, tuple[str, ...]]:
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
    if not rest.isascii() and _RE_SURROGATE.search(rest):
        # BuildKit decodes runes: each invalid UTF-8 byte becomes U+FFFD.
        words = [_RE_SURROGATE.sub("\ufffd", w) for w in words]
    return words


def _parse_json(rest: str) -> tuple[str, ...] | None:
    """The strings of a JSON array, None when ``rest`` is no JSON array.

    Raises DockerfileSyntaxError for an array holding anything but strings.
    """
    rest = go_lstrip(rest)
    if not rest.startswith("["):
        return None
    try:  # Go's json.Decoder reads the first value: text after the array is ignored (`CMD ["app"] # note`)
        data, _ = json.JSONDecoder(
            parse_constant=_reject_constant, parse_float=_go_number, parse_int=_go_number
        ).raw_decode(rest)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, list):
        return None
    if not all(isinstance(x, str) for x in data):
        raise DockerfileSyntaxError(
            "when using JSON array syntax, arrays must be comprised of strings only"
        )
    # Go's decoder turns invalid UTF-8 and lone surrogates into U+FFFD.
    return tuple(_RE_SURROGATE.sub("\ufffd", x) if _RE_SURROGATE.search(x) else x for x in data)


_RE_SURROGATE = re.compile("[\ud800-\udfff]")


def _reject_constant(name: str) -> float:
    raise ValueError(name)


def _go_number(text: str) -> float:
    """Go decodes JSON numbers into float64 and fails when one overflows."""
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(text)
    return value


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


_GO_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\v": "\\v", "\\": "\\\\", '"': '\\"'}


def _go_quote(s: str) -> str:
    """``s`` as Go's strconv.Quote (``%q``) writes it in BuildKit's messages: \\a-style escapes, \\x07 for the
    other control bytes and for bytes that are not UTF-8, \\u00a0 for a character Go does not print."""
    out = []
    for ch in s:
        code = ord(ch)
        if ch in _GO_ESCAPES:
            out.append(_GO_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by surrogateescape
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch != " " and not ch.isprintable():
            out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _health(rest: str) -> tuple[tuple[str, ...], bool]:
    if not rest.isascii():  # BuildKit tests single bytes for space here
        raw = rest.encode("utf-8", "surrogateescape").decode("latin-1")
        typ, after = _health_split(raw)
        if typ is None:
            return (), False
        value, is_json = _maybe_json(after.encode("latin-1").decode("utf-8", "surrogateescape"))
        return (typ.encode("latin-1").decode("utf-8", "surrogateescape"), *value), is_json
    typ, after = _health_split(rest)
    if typ is None:
        return (), False
    value, is_json = _maybe_json(after)
    return (typ, *value), is_json


def _health_split(rest: str) -> tuple[str | None, str]:
    sep = 0
    while sep < len(rest) and rest[sep] not in GO_SPACE:
        sep += 1
    if sep == 0:
        return None, ""
    nxt = sep
    while nxt < len(rest) and rest[nxt] in GO_SPACE:
        nxt += 1
    return rest[:sep], rest[nxt:]


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


class _ShellError(Exception):
    pass


class _ShellWords:
    """BuildKit's shell.Lex word splitter as heredocsFromLine configures it:
    escape ``\\``, no environment, unset variables kept as written. Only the
    parts that decide heredoc words are ported (quotes, escapes, ``$``, ``<<``).
    The words buffer is shared by nested calls, as in BuildKit."""

    def __init__(self, src: str, raw_quotes: bool, raw_escapes: bool, *, escape: str = "\\",
                 env: Mapping[str, str] | None = None) -> None:
        self.src = src
        self.n = len(src)
        self.pos = 0
        self.raw_quotes = raw_quotes
        self.raw_escapes = raw_escapes
        self.escape = escape
        self.env = env  # None: variables stay as written (heredoc words); else known ones are replaced
        self.buf: list[str] = []  # shared words buffer (sw.wordsBuffer)

    def words(self) -> list[str]:
        return self.stop_on("", self.raw_escapes)[1]

    def stop_on(self, stop: str, raw_escapes: bool) -> tuple[str, list[str]]:
        saved = self.raw_escapes
        self.raw_escapes = raw_escapes
        try:
            return self._stop_on(stop)
        finally:
            self.raw_escapes = saved

    def _stop_on(self, stop: str) -> tuple[str, list[str]]:
        src, n = self.src, self.n
        result: list[str] = []
        buf = self.buf
        buf.clear()
        words: list[str] = []
        in_word = False
        while self.pos < n:
            ch = src[self.pos]
            if stop and ch == stop:
                self.pos += 1
                if buf:
                    words.append("".join(buf))
                    buf.clear()
                return "".join(result), words
            if ch in "$<'\"":
                if ch == "$":
                    tmp = self._dollar()
                elif ch == "<":
                    tmp = self._heredoc()
                elif ch == "'":
                    tmp = self._single()
                else:
                    tmp = self._double()
                result.append(tmp)
                if ch == "$":
                    for c in tmp:  # words.addString
                        if c in GO_SPACE:
                            if in_word and buf:
                                words.append("".join(buf))
                                buf.clear()
                                in_word = False
                        else:
                            buf.append(c)
                            in_word = True
                else:
                    buf.append(tmp)
                    in_word = True
                continue
            self.pos += 1
            if ch == self.escape:
                if self.raw_escapes:
                    buf.append(ch)
                    in_word = True
                    result.append(ch)
                if self.pos >= n:
                    break
                ch = src[self.pos]
                self.pos += 1
                buf.append(ch)
                in_word = True
            elif ch in GO_SPACE:
                if in_word and buf:
                    words.append("".join(buf))
                    buf.clear()
                    in_word = False
            else:
                buf.append(ch)
                in_word = True
            result.append(ch)
        if stop:
            raise _ShellError(f"unexpected end of statement while looking for matching {stop}")
        if buf:
            words.append("".join(buf))
            buf.clear()
        return "".join(result), words

    def _single(self) -> str:
        src, n = self.src, self.n
        self.pos += 1
        out = ["'"] if self.raw_quotes else []
        end = src.find("'", self.pos)
        if end < 0:
            self.pos = n
            raise _ShellError("unexpected end of statement while looking for matching single-quote")
        out.append(src[self.pos : end])
        self.pos = end + 1
        if self.raw_quotes:
            out.append("'")
        return "".join(out)

    def _double(self) -> str:
        src, n = self.src, self.n
        self.pos += 1
        out = ['"'] if self.raw_quotes else []
        while True:
            if self.pos >= n:
                raise _ShellError("unexpected end of statement while looking for matching double-quote")
            ch = src[self.pos]
            if ch == '"':
                self.pos += 1
                if self.raw_quotes:
                    out.append(ch)
                return "".join(out)
            if ch == "$":
                out.append(self._dollar())
                continue
            self.pos += 1
            if ch == self.escape:
                if self.raw_escapes:
                    out.append(ch)
                if self.pos >= n:
                    continue
                if src[self.pos] in ('"', "$", self.escape):
                    ch = src[self.pos]
                    self.pos += 1
            out.append(ch)

    def _heredoc(self) -> str:
        src, n = self.src, self.n
        self.pos += 1
        if self.pos >= n or src[self.pos] != "<":
            return "<"
        self.pos += 1
        start = self.pos
        while self.pos < n and src[self.pos] in "\t\r ":
            self.pos += 1
        return "<<" + src[start : self.pos]

    def _next(self) -> str:
        if self.pos >= self.n:
            return "\ufffd"  # string(scanner.EOF)
        ch = self.src[self.pos]
        self.pos += 1
        return ch

    def _peek(self) -> str:
        return self.src[self.pos] if self.pos < self.n else ""

    def _name(self) -> str:
        src, n = self.src, self.n
        start = self.pos
        if self.pos < n:
            ch = src[self.pos]
            if ch.isdecimal():
                while self.pos < n and src[self.pos].isdecimal():
                    self.pos += 1
                return src[start : self.pos]
            if ch in "@*#?-$!0":
                self.pos += 1
                return ch
        while self.pos < n and (src[self.pos].isalnum() or src[self.pos] == "_"):
            self.pos += 1
        return src[start : self.pos]

    def _known(self, name: str) -> str | None:
        return self.env.get(name) if self.env is not None else None

    def _dollar(self) -> str:
        self.pos += 1
        if self._peek() != "{":
            name = self._name()
            value = self._known(name)
            return value if value is not None else "$" + name
        self.pos += 1
        p = self._peek()
        if p == "":
            raise _ShellError("syntax error: missing '}'")
        if p in "{}:":
            raise _ShellError("syntax error: bad substitution")
        name = self._name()
        at_eof = self.pos >= self.n
        ch = self._next()
        chs = ch
        if ch == "}" and not at_eof:
            value = self._known(name)
            return value if value is not None else "${" + name + "}"
        if not at_eof and ch in ":+-?#%":
            null_is_unset = ch == ":"
            if null_is_unset:
                ch = self._next()
                chs += ch
            raw = ch in "#%"
            if null_is_unset and raw:
                raise _ShellError(f"unsupported modifier ({chs}) in substitution")
            try:
                word = self.stop_on("}", raw)[0]
            except _ShellError:
                if self.pos >= self.n:
                    raise _ShellError("syntax error: missing '}'") from None
                raise
            value = self._known(name)
            if value is not None and chs in ("-", ":-", "+", ":+", "?", ":?"):
                unset = null_is_unset and value == ""
                if chs.endswith("+"):
                    return "" if unset else word
                return word if unset and chs.endswith("-") else value
            return "${" + name + chs + word + "}"
        if ch == "/" and not at_eof:
            if self._peek() == "/":
                self.pos += 1
            try:
                pattern = self.stop_on("/", True)[0]
            except _ShellError:
                if self.pos >= self.n:
                    raise _ShellError("syntax error: missing '/' in ${}") from None
                raise
            try:
                replacement = self.stop_on("}", True)[0]
            except _ShellError:
                if self.pos >= self.n:
                    raise _ShellError("syntax error: missing '}'") from None
                raise
            return "${" + name + "/" + pattern + "/" + replacement + "}"
        raise _ShellError(f"unsupported modifier ({chs}) in substitution")


def evaluate_word(word: str, env: Mapping[str, str], escape: str = "\\") -> str:
    """What BuildKit makes of an ENV/ARG value, a WORKDIR or a USER: quotes and escapes removed,
    the variables of ``env`` replaced. Variables it does not know (build arguments, the base image's
    ENV) stay as written; text BuildKit would reject comes back unchanged."""
    try:
        return _ShellWords(word, False, False, escape=escape, env=env).stop_on("", False)[0]
    except _ShellError:
        return word


def _shell_words(src: str, raw_quotes: bool, raw_escapes: bool) -> list[str]:
    return _ShellWords(src, raw_quotes, raw_escapes).words()


def _heredoc_from_word(word: str) -> HeredocSpec | None:
    m = _RE_HEREDOC.match(word)
    if not m or not m.group(3):
        return None
    rest = m.group(3)
    try:
        words = _shell_words(rest, False, False)
        if len(words) != 1:
            return None
        raw = _shell_words(rest, True, False)
    except _ShellError as e:
        raise DockerfileSyntaxError(f"failed to process {_go_quote(rest)}: {e}") from None
    if len(raw) != len(words):
        raise DockerfileSyntaxError(
            f"internal lexing of heredoc produced inconsistent results: {rest}"
        )
    name = words[0]
    quotes = name.count("'") + name.count('"')
    raw_quotes = raw[0].count("'") + raw[0].count('"')
    fd = int(m.group(1)) if m.group(1) else 0
    if fd >= 1 << 64:  # strconv.ParseUint fails; BuildKit ignores the error
        fd = (1 << 64) - 1
    return HeredocSpec(name, fd, m.group(2) == "-", quotes == raw_quotes)


def heredocs_in_line(line: str) -> tuple[HeredocSpec, ...]:
    """The heredocs an instruction line opens, in order (heredocsFromLine)."""
    try:
        words = _shell_words(line, True, True)
    except _ShellError:
        return ()  # BuildKit ignores the error: no words, no heredocs
    docs: list[HeredocSpec] = []
    for word in words:
        if "<<" in word:
            spec = _heredoc_from_word(word)
            if spec is not None:
                docs.append(spec)
    return tuple(docs)
