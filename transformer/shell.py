"""Read the shell form of a Dockerfile ``RUN`` into a flat list of simple commands.

The text is parsed with tree-sitter-bash; nothing here tokenises shell with regular
expressions.  The result is a :class:`Script` holding, in source order, every simple
command of the script (including those nested in subshells, ``$( )``, ``if``/``for``/
``while``/``case`` bodies and functions, with ``depth > 0``), each with its words, prefix
assignments, redirections and the operator that follows it.

Offsets (``start``/``end``) are *character* offsets into the text handed to
:func:`parse_shell` (not byte offsets).

Known limitations come from the tree-sitter-bash grammar (0.25): a ``;`` right after a
here-document operator (``cat <<EOF; make``) and ``! { ...; }`` are mis-parsed (the
first yields ``ok=False``); a backslash before TAB/CR/FF/VT outside quotes is misread.
Grammar quirks that are repaired here: trailing redirections of ``a && b >f`` (hung on
the whole list), ``cmd >f arg`` (``arg`` made a second destination), words split or
dropped around ``\\ `` and ``$"..."``, and a crash on ``{`` followed by a character
outside the BMP (tree-sitter/tree-sitter-bash#337: such characters are fed to the
parser as U+FFFD; values still come from the real text).  Backslash-newline line
continuations are removed everywhere before parsing (as Docker itself does when it joins
lines), including inside single quotes.
"""

from __future__ import annotations

import gc
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import tree_sitter
import tree_sitter_bash

__all__ = [
    "Command",
    "Script",
    "Word",
    "SHELLS",
    "parse_shell",
    "shell_c_script",
    "split_and_list",
    "unwrap_shell_c",
]


# --------------------------------------------------------------------------- data model


@dataclass(frozen=True, slots=True)
class Word:
    """One shell word.

    ``text`` is the source text as written (quotes included); ``value`` the word after
    quote removal, or ``None`` when it contains an expansion (``$X``, ``${X}``, ``$(..)``,
    backticks, ``$((..))``) so that its value cannot be known statically.  Globs, tildes
    and brace expressions are kept literally.
    """

    text: str
    value: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Command:
    """One simple command.

    A bare assignment statement (``X=1``) is a command with an empty ``argv``.
    ``connector`` is the operator that follows the command inside its own statement
    sequence (``'&&'``, ``'||'``, ``';'``, ``'|'``, ``'&'``, ``'\\n'``) or ``None``; ``|&``
    is reported as ``'|'`` and the case terminators ``;;``/``;&``/``;;&`` as ``';'``.
    """

    argv: tuple[Word, ...]
    assignments: tuple[tuple[str, str | None], ...]
    redirects: tuple[str, ...]
    start: int
    end: int
    connector: str | None
    depth: int
    negated: bool
    # the end of the subshell ``( ... )`` the command is right inside (no if/for/{ } between them), -1 when none:
    # a ``cd`` there moves the commands after it up to that end, and no others
    subshell_end: int = -1

    @property
    def name(self) -> str | None:
        """``argv[0].value`` with any leading path stripped, or ``None``."""
        if not self.argv:
            return None
        value = self.argv[0].value
        if value is None:
            return None
        if "/" in value:
            base = value.rsplit("/", 1)[1]
            return base or value
        return value

    @property
    def args(self) -> tuple[str | None, ...]:
        """The values of ``argv[1:]`` (``None`` for a dynamic word)."""
        return tuple(word.value for word in self.argv[1:])


@dataclass(frozen=True, slots=True)
class Script:
    """The parsed script: its simple commands in source order plus a few facts."""

    text: str
    commands: tuple[Command, ...]
    ok: bool
    error: str | None
    has_control_flow: bool
    top_level_assignments: tuple[tuple[str, str | None], ...]


# --------------------------------------------------------------------------- parser


_LOCK = threading.Lock()
_PARSER: tree_sitter.Parser | None = None


def _parse_bytes(data: bytes) -> tree_sitter.Tree:
    """Parse with the process-wide parser (created lazily, once)."""
    global _PARSER
    with _LOCK:
        if _PARSER is None:
            _PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_bash.language()))
        return _PARSER.parse(data)


# --------------------------------------------------------------------------- offsets


class _Source:
    """The text as parsed, and the maps from tree-sitter bytes to characters.

    ``orig`` is the caller's text; ``src`` is ``orig`` without line continuations (that is
    what tree-sitter sees, UTF-8 encoded).  Node byte offsets map to ``src`` character
    offsets (``cs``/``ce``) and those map back to ``orig`` (``os``/``oe``).
    """

    __slots__ = ("orig", "src", "data", "_b2c", "_c2o")

    def __init__(self, orig: str, *, repair: bool = False) -> None:
        self.orig = orig
        src, c2o = _strip_continuations(orig)
        if repair:
            src, c2o = _repaired(src, c2o)
        self.src = src
        self._c2o = c2o
        if src.isascii():
            self.data = src.encode("ascii")
            self._b2c: list[int] | None = None
            return
        # What tree-sitter sees: lone surrogates (not encodable) and characters outside
        # the BMP become U+FFFD.  tree-sitter-bash 0.25.1 can crash (SIGSEGV) on a '{'
        # followed by a 4-byte UTF-8 sequence (tree-sitter/tree-sitter-bash#337), so no
        # 4-byte sequence is ever handed to it.  Values are always read from ``src``.
        fed = "".join("\ufffd" if ord(ch) > 0xFFFF or 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in src)
        data = fed.encode("utf-8")
        self.data = data
        b2c = [0] * (len(data) + 1)
        pos = 0
        for index, ch in enumerate(fed):
            code = ord(ch)
            width = 1 if code < 0x80 else 2 if code < 0x800 else 3
            for k in range(width):
                b2c[pos + k] = index
            pos += width
        b2c[pos] = len(src)
        self._b2c = b2c

    def cs(self, byte: int) -> int:
        """Start byte offset -> ``src`` character offset."""
        b2c = self._b2c
        if b2c is None:
            return byte
        return b2c[min(byte, len(b2c) - 1)]

    def ce(self, byte: int) -> int:
        """End byte offset -> ``src`` character offset (rounded up inside a character)."""
        b2c = self._b2c
        if b2c is None:
            return byte
        byte = min(byte, len(b2c) - 1)
        index = b2c[byte]
        if byte > 0 and b2c[byte - 1] == index and index < len(self.src):
            index += 1  # ``byte`` falls inside a multi-byte character
        return index

    def os(self, index: int) -> int:
        """``src`` start offset -> ``orig`` offset."""
        c2o = self._c2o
        return index if c2o is None else c2o[index]

    def oe(self, index: int) -> int:
        """``src`` end offset -> ``orig`` offset."""
        c2o = self._c2o
        if c2o is None:
            return index
        return c2o[index - 1] + 1 if index > 0 else c2o[0]

    def text(self, node: tree_sitter.Node) -> str:
        return self.src[self.cs(node.start_byte) : self.ce(node.end_byte)]

    def between(self, start_byte: int, end_byte: int) -> str:
        return self.src[self.cs(start_byte) : self.ce(end_byte)]


def _strip_continuations(text: str) -> tuple[str, list[int] | None]:
    """Remove backslash-newline pairs (an odd run of backslashes before a newline)."""
    if "\\\n" not in text:
        return text, None
    out: list[str] = []
    c2o: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            j = i
            while j < n and text[j] == "\\":
                j += 1
            run = j - i
            if j < n and text[j] == "\n" and run % 2 == 1:
                for k in range(i, j - 1):
                    out.append("\\")
                    c2o.append(k)
                i = j + 1
                continue
            for k in range(i, j):
                out.append("\\")
                c2o.append(k)
            i = j
            continue
        out.append(ch)
        c2o.append(i)
        i += 1
    c2o.append(n)
    return "".join(out), c2o


# Forms sh reads that tree-sitter-bash's grammar refuses, each rewritten to one both read alike.  Tried only
# when the text does not parse as it is; values never see the change (a blank, a separator, nothing).
_REPAIRS = re.compile(
    r"(?P<subshells>(?:^|(?<=[\s;&|(]))\(\((?=[A-Za-z_./\\]))"  # `((rm x) || true)`: two subshells in sh
    r"|(?P<brace>(?:^|(?<=[;&\s]))\})(?P<gap>[ \t]+)(?=(?:done|fi|esac)\b)"  # `{ a; } done`: no `;` needed
    r"|(?P<comment>`#[^`\n]*`)"  # `#comment` in backquotes: expands to nothing (a comment inside a list)
)


def _repaired(src: str, c2o: list[int] | None) -> tuple[str, list[int] | None]:
    """``src`` with the forms of ``_REPAIRS`` rewritten, and the map of its characters to ``orig``'s."""
    base = c2o if c2o is not None else [*range(len(src)), len(src)]
    out: list[str] = []
    mapped: list[int] = []
    at = 0
    for m in _REPAIRS.finditer(src):
        out.append(src[at : m.start()])
        mapped.extend(base[at : m.start()])
        if m.group("subshells"):
            out.append("( (")
            mapped.extend((base[m.start()], base[m.start()], base[m.start() + 1]))
        elif m.group("brace"):
            out.append("};" + m.group("gap")[1:])
            mapped.extend(base[m.start() : m.end()])
        at = m.end()
    if not out:
        return src, c2o
    out.append(src[at:])
    mapped.extend(base[at:])
    return "".join(out), mapped


# --------------------------------------------------------------------------- word values

_EXPANSIONS = frozenset(
    {
        "simple_expansion",
        "expansion",
        "command_substitution",
        "arithmetic_expansion",
        "process_substitution",
    }
)
_LITERAL_TYPES = frozenset(
    {
        "number",
        "brace_expression",
        "variable_name",
        "test_operator",
        "regex",
        "file_descriptor",
        "special_variable_name",
    }
)
_ANSI_SIMPLE = {
    "a": "\a",
    "b": "\b",
    "e": "\x1b",
    "E": "\x1b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
    "?": "?",
}
_HEX = frozenset("0123456789abcdefABCDEF")
_OCT = frozenset("01234567")


_BARE_ESCAPE = re.compile(r"\\(.)", re.S)
_DQ_ESCAPE = re.compile(r'\\([$`"\\\n])')


def _drop_escape(m: re.Match[str]) -> str:
    """An escaped character stands for itself; an escaped newline joins the lines."""
    return "" if m.group(1) == "\n" else m.group(1)


def _unquote_bare(text: str) -> str:
    """Backslash escapes outside quotes: ``\\c`` -> ``c``."""
    return _BARE_ESCAPE.sub(_drop_escape, text) if "\\" in text else text


def _unquote_double(text: str) -> str:
    """Inside double quotes: only ``\\$ \\` \\" \\\\`` and backslash-newline are escapes."""
    return _DQ_ESCAPE.sub(_drop_escape, text) if "\\" in text else text


def _decode_ansi(text: str) -> str:
    """Decode the body of a ``$'...'`` string."""
    if "\\" not in text:
        return text
    out: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch != "\\" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        esc = text[i + 1]
        i += 2
        if esc in _ANSI_SIMPLE:
            out.append(_ANSI_SIMPLE[esc])
        elif esc in _OCT:
            j = i
            while j < n and j < i + 2 and text[j] in _OCT:
                j += 1
            out.append(chr(int(esc + text[i:j], 8) & 0xFF))
            i = j
        elif esc in "xuU":
            limit = {"x": 2, "u": 4, "U": 8}[esc]
            j = i
            while j < n and j < i + limit and text[j] in _HEX:
                j += 1
            if j == i:
                out.append("\\" + esc)
            else:
                code = int(text[i:j], 16)
                out.append(chr(code) if code <= 0x10FFFF else "\\" + esc + text[i:j])
                i = j
        elif esc == "c" and i < n:
            out.append(chr(ord(text[i]) & 0x1F))
            i += 1
        else:
            out.append("\\" + esc)
    return "".join(out)


def _node_value(node: tree_sitter.Node, src: _Source) -> str | None:
    """Static value of a word-like node, or ``None`` when it holds an expansion."""
    ntype = node.type
    if ntype in _EXPANSIONS:
        return None
    if ntype == "word" or ntype == "extglob_pattern":
        return _unquote_bare(src.text(node))
    if ntype == "raw_string":
        text = src.text(node)
        return text[1:-1] if len(text) >= 2 and text.endswith("'") else text[1:]
    if ntype == "string":
        for child in node.children:
            if child.type in _EXPANSIONS:
                return None
        text = src.text(node)
        inner = text[1:-1] if len(text) >= 2 and text.endswith('"') else text[1:]
        return _unquote_double(inner)
    if ntype == "ansi_c_string":
        text = src.text(node)
        inner = text[2:-1] if len(text) >= 3 and text.endswith("'") else text[2:]
        return _decode_ansi(inner)
    if ntype == "translated_string":
        text = src.text(node)
        inner = text[2:-1] if len(text) >= 3 and text.endswith('"') else text[2:]
        return _unquote_double(inner)
    if ntype == "concatenation" or ntype == "command_name":
        return _parts_value(node.children, src)
    if ntype == "variable_assignment":  # an argument of export/declare/...
        value_node = node.child_by_field_name("value")
        if value_node is not None and value_node.type == "array":
            return None
        return _parts_value(node.children, src)
    if not node.is_named:  # stray tokens, e.g. '$' or (from ``'a'\\$``) '\\$'
        return _unquote_bare(src.text(node))
    if ntype in _LITERAL_TYPES:
        return src.text(node)
    return None


def _parts_value(parts: list[tree_sitter.Node], src: _Source) -> str | None:
    """Value of adjacent nodes forming one word (text between them is bare text)."""
    out: list[str] = []
    prev_end = -1
    for index, part in enumerate(parts):
        if prev_end >= 0 and part.start_byte > prev_end:
            out.append(_unquote_bare(src.between(prev_end, part.start_byte)))
        prev_end = part.end_byte
        if part.type == "comment":
            continue
        # ``$"..."`` (a translated string) comes out of the grammar as '$' + string.
        if (
            not part.is_named
            and part.type == "$"
            and part.end_byte - part.start_byte == 1
            and index + 1 < len(parts)
            and parts[index + 1].type == "string"
            and parts[index + 1].start_byte == part.end_byte
        ):
            continue
        value = _node_value(part, src)
        if value is None:
            return None
        out.append(value)
    return "".join(out)


# --------------------------------------------------------------------------- tree walk

_SIMPLE = frozenset(
    {"command", "variable_assignment", "variable_assignments", "declaration_command", "unset_command", "test_command"}
)
_STATEMENTS = _SIMPLE | frozenset(
    {
        "redirected_statement",
        "negated_command",
        "list",
        "pipeline",
        "subshell",
        "compound_statement",
        "if_statement",
        "for_statement",
        "c_style_for_statement",
        "while_statement",
        "case_statement",
        "function_definition",
    }
)
# Children of a container that hold statements themselves.
_STRUCTURAL = _STATEMENTS | frozenset(
    {"do_group", "elif_clause", "else_clause", "case_item", "ERROR", "command_substitution", "process_substitution"}
)
_DEPTH = frozenset(
    {
        "subshell",
        "compound_statement",
        "if_statement",
        "for_statement",
        "c_style_for_statement",
        "while_statement",
        "case_statement",
        "function_definition",
        "command_substitution",
        "process_substitution",
    }
)
_CONTROL_FLOW = frozenset(
    {
        "subshell",
        "if_statement",
        "for_statement",
        "c_style_for_statement",
        "while_statement",
        "case_statement",
        "function_definition",
    }
)
_CONNECTORS = {
    "&&": "&&",
    "||": "||",
    ";": ";",
    "|": "|",
    "|&": "|",
    "&": "&",
    ";;": ";",
    ";&": ";",
    ";;&": ";",
}
_REDIRECTS = frozenset({"file_redirect", "herestring_redirect", "heredoc_redirect"})
_TEST_EXPRESSIONS = frozenset(
    {
        "unary_expression",
        "binary_expression",
        "parenthesized_expression",
        "ternary_expression",
        "postfix_expression",
    }
)
_SUBST_MARKERS = ("$(", "`", "<(", ">(")
_HEREDOC_TAIL = frozenset({"heredoc_body", "heredoc_end"})
_ASSIGN_BUILTINS = frozenset({"export", "declare", "typeset", "readonly"})

# Word nodes whose value is their text when it holds none of these characters (no quotes,
# escapes, expansions, substitutions or globs the grammar may have split).
_PLAIN_TYPES = frozenset({"word", "number", "command_name"})
_NOT_PLAIN = re.compile(r"[\"'$`\\<>(){}\[\]]")

# Stack entry modes.
_NORMAL = 0
_WORDS = 1  # only look for command substitutions inside


def _heredoc_parts(
    redirect: tree_sitter.Node,
) -> tuple[list[tree_sitter.Node], list[tree_sitter.Node | str], list[tree_sitter.Node]]:
    """Split a heredoc_redirect into (own redirects, trailing statement stream, body nodes).

    tree-sitter-bash puts what follows ``<<EOF`` on the same line (``&& make``,
    ``| sh``...) inside the heredoc_redirect node; the stream alternates operators (str)
    and statement nodes.
    """
    own: list[tree_sitter.Node] = []
    stream: list[tree_sitter.Node | str] = []
    tail: list[tree_sitter.Node] = []
    pending = list(redirect.children)
    pending.reverse()
    seen_start = False
    while pending:
        child = pending.pop()
        ctype = child.type
        if not seen_start:
            if ctype == "heredoc_start":
                seen_start = True
            continue
        if ctype in _HEREDOC_TAIL:
            tail.append(child)
        elif not child.is_named:
            if ctype in _CONNECTORS:
                stream.append(_CONNECTORS[ctype])
        elif ctype in _REDIRECTS and not stream:
            own.append(child)
        elif ctype in ("pipeline", "list") and child.child_count and not child.children[0].is_named:
            grand = list(child.children)
            grand.reverse()
            pending.extend(grand)
        elif ctype != "comment":
            stream.append(child)
    return own, stream, tail


def _tail(node: tree_sitter.Node | None) -> tree_sitter.Node | None:
    """The simple command a following operator applies to (None for compounds)."""
    while node is not None:
        ntype = node.type
        if ntype in _SIMPLE:
            return node
        if ntype in ("list", "pipeline", "negated_command"):
            node = _last_named(node)
        elif ntype == "redirected_statement":
            last = None
            for child in node.children:
                if child.type == "heredoc_redirect":
                    for item in _heredoc_parts(child)[1]:
                        if not isinstance(item, str):
                            last = item
            node = last if last is not None else node.child_by_field_name("body")
        else:
            return None
    return None


def _last_statement(node: tree_sitter.Node) -> tree_sitter.Node:
    """The statement a trailing redirection applies to: the last of a list or pipeline (``a && { b; } >f`` is
    parsed with ``>f`` on the whole list), as :func:`_tail` finds it, a compound kept whole."""
    while node.type in ("list", "pipeline", "negated_command"):
        last = _last_named(node)
        if last is None:
            break
        node = last
    return node


def _last_named(node: tree_sitter.Node) -> tree_sitter.Node | None:
    """The last statement of a list or pipeline (its last named child that is not a comment); None: none."""
    return next((c for c in reversed(node.children) if c.is_named and c.type != "comment"), None)


def _commands_inside(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    """The simple commands (``command`` nodes) inside a compound, not those of a substitution in it (whose output
    the shell reads as words)."""
    found: list[tree_sitter.Node] = []
    pending = [node]
    while pending:
        current = pending.pop()
        if current.type == "command":
            found.append(current)
        if current.type in ("command_substitution", "process_substitution"):
            continue
        pending.extend(current.children)
    return found


class _Walker:
    __slots__ = (
        "src",
        "may_substitute",
        "records",
        "connectors",
        "control_flow",
        "top_assignments",
        "redirect_ends",
        "pending",
    )

    def __init__(self, src: _Source) -> None:
        self.src = src
        # Cheap pre-check: without any of these markers there is no $( ), `..`, <( ), >( ).
        self.may_substitute = any(marker in src.src for marker in _SUBST_MARKERS)
        # (node id, argv, assignments, redirects, start, end, depth, negated, subshell end)
        self.records: list[
            tuple[int, tuple[Word, ...], tuple[tuple[str, str | None], ...], tuple[str, ...], int, int, int, bool, int]
        ] = []
        self.connectors: dict[int, str] = {}
        self.control_flow = False
        self.top_assignments: list[tuple[str, str | None]] = []
        # file_redirect id -> end byte of its real destination (see ``_redirected``)
        self.redirect_ends: dict[int, int] = {}
        # simple command id -> (redirects, extra arguments, span end byte) found above it
        self.pending: dict[int, tuple[list[tree_sitter.Node], list[list[tree_sitter.Node]], int]] = {}

    # -- helpers -------------------------------------------------------------------

    def _may_hold(self, node: tree_sitter.Node) -> bool:
        """Whether ``node`` may contain a command or process substitution."""
        if not self.may_substitute or not node.child_count:
            return False
        text = self.src.text(node)
        return any(marker in text for marker in _SUBST_MARKERS)

    def _set_connector(self, statement: tree_sitter.Node | None, op: str) -> None:
        target = _tail(statement)
        if target is not None:
            self.connectors[target.id] = op

    def _scan_sequence(self, children: list[tree_sitter.Node]) -> None:
        """Record the operator following each statement among ``children``."""
        src = self.src
        count = len(children)
        for index, child in enumerate(children):
            if child.type not in _STATEMENTS:
                continue
            nxt = index + 1
            while nxt < count and children[nxt].type == "comment":
                nxt += 1
            if nxt >= count:
                continue
            follower = children[nxt]
            if not follower.is_named:
                op = _CONNECTORS.get(follower.type)
                if op is not None:
                    self._set_connector(child, op)
            elif follower.type in _STATEMENTS and "\n" in src.between(child.end_byte, follower.start_byte):
                self._set_connector(child, "\n")

    def _words(self, runs: list[list[tree_sitter.Node]]) -> list[Word]:
        """Turn runs of adjacent argument nodes into Words.

        The grammar sometimes splits one shell word (``"a"\\ b``, ``$"x"``) or leaves
        escaped characters out of every node (``\\ a``); the text between two nodes of a
        run is therefore cut at unescaped blanks and glued to its neighbours.
        """
        src = self.src
        text = src.src
        words: list[Word] = []
        ascii_only = src._b2c is None
        for run in runs:
            groups: list[list[tuple[int, int, tree_sitter.Node | None]]] = []
            prev_end = -1
            for node in run:
                if ascii_only:
                    start = node.start_byte
                    end = node.end_byte
                else:
                    start = src.cs(node.start_byte)
                    end = src.ce(node.end_byte)
                item = (start, end, node)
                if prev_end < 0:
                    groups.append([item])
                    prev_end = end
                    continue
                gap = text[prev_end:start]
                if not gap.strip(" \t\n\r"):  # the usual case: nothing, or blanks only
                    if gap:
                        groups.append([item])
                    else:
                        groups[-1].append(item)
                    prev_end = end
                    continue
                glue = True
                chunk = -1
                index = prev_end
                while index < start:
                    ch = text[index]
                    if ch in " \t\n\r":
                        if chunk >= 0:
                            if glue:
                                groups[-1].append((chunk, index, None))
                            else:
                                groups.append([(chunk, index, None)])
                            chunk = -1
                        glue = False
                        index += 1
                        continue
                    if chunk < 0:
                        chunk = index
                    index += 2 if ch == "\\" and index + 1 < start else 1
                if chunk >= 0:
                    if glue:
                        groups[-1].append((chunk, start, None))
                    else:
                        groups.append([(chunk, start, None)])
                    glue = True
                if glue:
                    groups[-1].append(item)
                else:
                    groups.append([item])
                prev_end = end
            if groups:
                # Escaped characters right after the last node (``'a'\\ ``) may be in no node.
                index = prev_end
                while index + 1 < len(text) and text[index] == "\\":
                    index += 2
                if index > prev_end:
                    groups[-1].append((prev_end, index, None))
            for group in groups:
                words.append(self._word(group))
        return words

    def _word(self, group: list[tuple[int, int, tree_sitter.Node | None]]) -> Word:
        src = self.src
        value: str | None
        if len(group) == 1 and group[0][2] is not None:
            start, end, node = group[0]
            value = src.src[start:end]
            # the usual case, a plain word: its value is its text (no node reading needed)
            if node.type not in _PLAIN_TYPES or _NOT_PLAIN.search(value):  # type: ignore[union-attr]
                value = _node_value(node, src)  # type: ignore[arg-type]
        else:
            parts: list[str] = []
            value = ""
            for index, (start, end, node) in enumerate(group):
                if node is None:
                    parts.append(_unquote_bare(src.src[start:end]))
                    continue
                # ``$"..."`` (a translated string) comes out of the grammar as '$' + string.
                if (
                    node.type == "$"
                    and not node.is_named
                    and end - start == 1
                    and index + 1 < len(group)
                    and group[index + 1][0] == end
                    and group[index + 1][2] is not None
                    and src.src.startswith('"', end)
                ):
                    continue
                part = _node_value(node, src)
                if part is None:
                    value = None
                    break
                parts.append(part)
            if value is not None:
                value = "".join(parts)
        start = src.os(group[0][0])
        end = src.oe(group[-1][1])
        return Word(src.orig[start:end], value, start, end)

    def _assignment(self, node: tree_sitter.Node) -> tuple[str, str | None] | None:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            return None
        name = self.src.text(name_node)
        append = False
        for child in node.children:
            if not child.is_named and child.type == "+=":
                append = True
                break
        value_node = node.child_by_field_name("value")
        if append:
            value = None
        elif value_node is None:
            value = ""
        elif value_node.type == "array":
            value = None
        else:
            value = _node_value(value_node, self.src)
        return name, value

    def _redirect_text(self, node: tree_sitter.Node, end_byte: int | None = None) -> str:
        src = self.src
        start = src.os(src.cs(node.start_byte))
        end = src.oe(src.ce(node.end_byte if end_byte is None else end_byte))
        return src.orig[start:end]

    def _test_words(self, node: tree_sitter.Node) -> list[tree_sitter.Node]:
        leaves: list[tree_sitter.Node] = []
        pending = list(node.children)
        pending.reverse()
        while pending:
            child = pending.pop()
            if child.type in _TEST_EXPRESSIONS:
                grand = list(child.children)
                grand.reverse()
                pending.extend(grand)
            elif child.type != "comment":
                leaves.append(child)
        return leaves

    # -- emission ------------------------------------------------------------------

    def _emit(
        self,
        node: tree_sitter.Node,
        depth: int,
        negated: bool,
        outer: list[tree_sitter.Node],
        extra_args: list[list[tree_sitter.Node]],
        span_end_byte: int,
    ) -> None:
        """Record one simple command; ``outer`` are redirects of a redirected_statement."""
        src = self.src
        ntype = node.type
        pending = self.pending.pop(node.id, None)
        if pending is not None:
            outer = outer + pending[0]
            extra_args = extra_args + pending[1]
            span_end_byte = max(span_end_byte, pending[2])
        runs: list[list[tree_sitter.Node]] = [[]]
        assignments: list[tuple[str, str | None]] = []
        redirects: list[str] = []
        if ntype == "command":
            seen_name = False
            for child in node.children:
                ctype = child.type
                if ctype == "variable_assignment" and not seen_name:
                    pair = self._assignment(child)
                    if pair is not None:
                        assignments.append(pair)
                elif ctype in _REDIRECTS:
                    redirects.append(self._redirect_text(child))
                    if runs[-1]:
                        runs.append([])
                elif ctype == "comment" or ctype == "ERROR":
                    if runs[-1]:
                        runs.append([])
                else:
                    seen_name = seen_name or ctype == "command_name"
                    runs[-1].append(child)
        elif ntype == "variable_assignment":
            pair = self._assignment(node)
            if pair is not None:
                assignments.append(pair)
        elif ntype == "variable_assignments":
            for child in node.children:
                if child.type == "variable_assignment":
                    pair = self._assignment(child)
                    if pair is not None:
                        assignments.append(pair)
        elif ntype == "test_command":
            runs = [self._test_words(node)]
        else:  # declaration_command, unset_command
            for child in node.children:
                ctype = child.type
                if ctype == "comment" or ctype == "ERROR":
                    if runs[-1]:
                        runs.append([])
                    continue
                if ctype == "variable_assignment":
                    pair = self._assignment(child)
                    if pair is not None:
                        assignments.append(pair)
                runs[-1].append(child)
        runs.extend(extra_args)
        for redirect in outer:
            if redirect.type == "heredoc_redirect":
                end_byte = redirect.end_byte
                for child in redirect.children:
                    if child.type == "heredoc_start":
                        end_byte = child.end_byte
                        break
                redirects.append(self._redirect_text(redirect, end_byte))
            else:
                redirects.append(self._redirect_text(redirect, self.redirect_ends.get(redirect.id)))
        argv = tuple(self._words(runs))
        start = src.os(src.cs(node.start_byte))
        end = src.oe(src.ce(max(node.end_byte, span_end_byte)))
        if argv and argv[-1].end > end:
            end = argv[-1].end
        if depth == 0 and assignments:
            keyword = node.children[0].type if ntype == "declaration_command" else None
            if ntype in ("variable_assignment", "variable_assignments") or keyword in _ASSIGN_BUILTINS:
                self.top_assignments.extend(assignments)
        self.records.append((node.id, argv, tuple(assignments), tuple(redirects), start, end, depth, negated,
                             self._subshell_end(node) if depth else -1))

    def _subshell_end(self, node: tree_sitter.Node) -> int:
        """The end (a character offset) of the subshell ``node`` is right inside, or -1: the nearest enclosing node
        that nests commands is not a subshell (an if, a loop, a ``{ }``, a substitution)."""
        parent = node.parent
        while parent is not None and parent.type not in _DEPTH:
            parent = parent.parent
        if parent is None or parent.type != "subshell":
            return -1
        return self.src.oe(self.src.ce(parent.end_byte))

    # -- main loop -----------------------------------------------------------------

    def walk(self, root: tree_sitter.Node) -> None:
        stack: list[tuple[tree_sitter.Node, int, int, bool]] = [(root, 0, _NORMAL, False)]
        while stack:
            node, depth, mode, negated = stack.pop()
            ntype = node.type
            if mode == _WORDS:
                if ntype == "command_substitution" or ntype == "process_substitution":
                    stack.append((node, depth, _NORMAL, False))
                elif node.child_count:
                    stack.extend((child, depth, _WORDS, False) for child in reversed(node.children))
                continue
            if ntype in _CONTROL_FLOW:
                self.control_flow = True
            if ntype in _SIMPLE:
                self._emit(node, depth, negated, [], [], node.end_byte)
                self._push_substitutions(stack, [node], depth)
                continue
            if ntype == "redirected_statement":
                self._redirected(node, depth, negated, stack)
                continue
            if ntype == "negated_command":
                later: list[tuple[tree_sitter.Node, int, int, bool]] = []
                for child in node.children:
                    if child.type in _STATEMENTS:
                        later.append((child, depth, _NORMAL, True))
                    elif child.is_named:
                        later.append((child, depth, _WORDS, False))
                stack.extend(reversed(later))
                continue
            if ntype == "comment":
                continue
            if ntype == "list":
                self._list_spine(node, depth, stack)
                continue
            children = node.children
            if not children:
                continue
            self._scan_sequence(children)
            inner = depth + 1 if ntype in _DEPTH else depth
            if (
                ntype == "compound_statement"
                and node.parent is not None
                and (node.parent.type == "function_definition")
            ):
                inner = depth
            arithmetic = ntype == "c_style_for_statement" or (
                ntype == "compound_statement" and children[0].type == "(("
            )
            pushes: list[tuple[tree_sitter.Node, int, int, bool]] = []
            for child in children:
                if not child.is_named or child.type == "comment":
                    continue
                ctype = child.type
                if arithmetic and ctype != "do_group":
                    pushes.append((child, inner, _WORDS, False))
                elif ctype in _STRUCTURAL:
                    pushes.append((child, inner, _NORMAL, False))
                elif self._may_hold(child):
                    pushes.append((child, inner, _WORDS, False))
            stack.extend(reversed(pushes))

    def _list_spine(
        self, node: tree_sitter.Node, depth: int, stack: list[tuple[tree_sitter.Node, int, int, bool]]
    ) -> None:
        """``a && b && c ...`` is a left-nested chain of ``list`` nodes, one level per operator: walk
        its spine once (a long chain costs linear time, not a connector search per level).

        Each regular level (left statement, operator, right statement) gives its operator to the
        last simple command of its left side, which is the right side of the level below it; the
        right sides are pushed so that they are read in source order, after the bottom of the chain.
        An irregular level (a comment inside the chain, say) is left to the general walk.
        """
        connectors = self.connectors
        op: str | None = None  # the operator of the level above, for the tail of this one
        while True:
            children = node.children
            if len(children) != 3:
                break
            left, middle, right = children
            if (
                middle.is_named
                or middle.type not in _CONNECTORS
                or left.type not in _STATEMENTS
                or right.type not in _STATEMENTS
            ):
                break
            if op is not None:
                target = _tail(right)
                if target is not None:
                    connectors[target.id] = op
            op = _CONNECTORS[middle.type]
            stack.append((right, depth, _NORMAL, False))
            if left.type != "list":
                if op is not None:
                    self._set_connector(left, op)
                stack.append((left, depth, _NORMAL, False))
                return
            node = left
        # ``node`` is a list the general walk reads; the operator above applies to its tail
        if op is not None:
            self._set_connector(node, op)
        children = node.children
        if not children:
            return
        self._scan_sequence(children)
        pushes: list[tuple[tree_sitter.Node, int, int, bool]] = []
        for child in children:
            if not child.is_named or child.type == "comment":
                continue
            if child.type in _STRUCTURAL:
                pushes.append((child, depth, _NORMAL, False))
            elif self._may_hold(child):
                pushes.append((child, depth, _WORDS, False))
        stack.extend(reversed(pushes))

    def _push_substitutions(
        self,
        stack: list[tuple[tree_sitter.Node, int, int, bool]],
        nodes: list[tree_sitter.Node],
        depth: int,
    ) -> None:
        pushes = [(node, depth, _WORDS, False) for node in nodes if self._may_hold(node)]
        stack.extend(reversed(pushes))

    def _redirected(
        self,
        node: tree_sitter.Node,
        depth: int,
        negated: bool,
        stack: list[tuple[tree_sitter.Node, int, int, bool]],
    ) -> None:
        body = node.child_by_field_name("body")
        redirects: list[tree_sitter.Node] = []
        extra_args: list[list[tree_sitter.Node]] = []
        stream: list[tree_sitter.Node | str] = []
        heredoc_bodies: list[tree_sitter.Node] = []
        span_end = body.end_byte if body is not None else node.start_byte
        for child in node.children:
            ctype = child.type
            if child == body or ctype not in _REDIRECTS:
                continue
            if ctype == "heredoc_redirect":
                own, more, tail = _heredoc_parts(child)
                redirects.append(child)
                for sub in child.children:
                    if sub.type == "heredoc_start":
                        span_end = max(span_end, sub.end_byte)
                for sub in own:
                    redirects.append(sub)
                    span_end = max(span_end, sub.end_byte)
                stream.extend(more)
                heredoc_bodies.extend(tail)
                continue
            redirects.append(child)
            span_end = max(span_end, child.end_byte)
            if ctype == "file_redirect":
                # ``cmd >f arg``: the grammar makes ``arg`` a second destination.
                destinations = [
                    sub
                    for index, sub in enumerate(child.children)
                    if child.field_name_for_child(index) == "destination"
                ]
                if len(destinations) > 1:
                    self.redirect_ends[child.id] = destinations[0].end_byte
                    extra_args.append(destinations[1:])
        simple_body = body is not None and body.type in _SIMPLE
        pushes: list[tuple[tree_sitter.Node, int, int, bool]] = []
        if simple_body:
            assert body is not None
            self._emit(body, depth, negated, redirects, extra_args, span_end)
        elif body is not None:
            # The grammar hangs trailing redirections of ``a && b >f`` (or ``! b >f``) on
            # the whole list; in the shell they belong to its last simple command.
            target = _tail(body)
            if target is not None:
                self.pending[target.id] = (redirects, extra_args, span_end)
            else:
                # ``{ echo a; echo b; } > f``, ``( ... ) > f``, ``for ...; done > f``: the redirections of a
                # compound are those of every command inside it (their output goes to ``f``); each gets them,
                # its span left as it is
                files = [r for r in redirects if r.type == "file_redirect"]
                for inner in _commands_inside(_last_statement(body)) if files else ():
                    held = self.pending.get(inner.id)
                    self.pending[inner.id] = (files, [], 0) if held is None else \
                        (held[0] + files, held[1], held[2])
            pushes.append((body, depth, _NORMAL, negated))
        # Connectors inside the heredoc stream: the first applies to the body.
        previous: tree_sitter.Node | None = body
        statements: list[tree_sitter.Node] = []
        for item in stream:
            if isinstance(item, str):
                self._set_connector(previous, item)
            else:
                previous = item
                statements.append(item)
        subst_nodes: list[tree_sitter.Node] = []
        if simple_body:
            assert body is not None
            subst_nodes.append(body)
        for redirect in redirects:
            if redirect.type != "heredoc_redirect":
                subst_nodes.append(redirect)
        for sub in subst_nodes:
            if self._may_hold(sub):
                pushes.append((sub, depth, _WORDS, False))
        for statement in statements:
            pushes.append((statement, depth, _NORMAL, False))
        for sub in heredoc_bodies:
            if self._may_hold(sub):
                pushes.append((sub, depth, _WORDS, False))
        stack.extend(reversed(pushes))

    def commands(self) -> tuple[Command, ...]:
        connectors = self.connectors
        records = sorted(self.records, key=lambda record: record[4])
        return tuple(
            Command(argv, assignments, redirects, start, end, connectors.get(node_id), depth, negated, subshell)
            for node_id, argv, assignments, redirects, start, end, depth, negated, subshell in records
        )


def _first_error(root: tree_sitter.Node, src: _Source) -> str:
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            offset = src.os(src.cs(node.start_byte))
            return f"syntax error near offset {offset}: missing {node.type!r}"
        if node.is_error:
            offset = src.os(src.cs(node.start_byte))
            snippet = src.orig[offset : offset + 20]
            return f"syntax error near offset {offset}: unexpected {snippet!r}"
        stack.extend(child for child in reversed(node.children) if child.has_error)
    return "syntax error"


# --------------------------------------------------------------------------- public API


def _parse(text: str) -> tuple[tree_sitter.Tree, _Source]:
    src = _Source(text)
    tree = _parse_bytes(src.data)
    if tree.root_node.has_error and _REPAIRS.search(src.src):
        fixed = _Source(text, repair=True)
        again = _parse_bytes(fixed.data)
        if not again.root_node.has_error:
            return again, fixed
    return tree, src


def parse_shell(text: str) -> Script:
    """Parse the shell text of a ``RUN`` into its simple commands; never raises. The last texts' scripts are kept
    (they are immutable): the walk reads a RUN once for the stage's commands and once for its own."""
    if not isinstance(text, str):  # defensive: the API promises to take any str
        text = str(text)  # type: ignore[unreachable]  # the types say str; callers outside them exist
    return _parse_shell(text)


@lru_cache(maxsize=256)
def _parse_shell(text: str) -> Script:
    if not text:
        return Script(text, (), True, None, False, ())
    # The walk allocates a few objects per word and frees none until the end: the cyclic
    # GC would only rescan them again and again (a third of the time of a huge RUN).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        tree, src = _parse(text)
        root = tree.root_node
        walker = _Walker(src)
        walker.walk(root)
        ok = not root.has_error
        return Script(
            text=text,
            commands=walker.commands(),
            ok=ok,
            error=None if ok else _first_error(root, src),
            has_control_flow=walker.control_flow,
            top_level_assignments=tuple(walker.top_assignments),
        )
    finally:
        if gc_was_enabled:
            gc.enable()


SHELLS = frozenset({"sh", "bash", "dash", "ash", "zsh", "ksh", "mksh"})
"""Shells that read ``-c SCRIPT``."""
_OPTIONS_WITH_ARGUMENT = frozenset({"--rcfile", "--init-file"})


def shell_c_script(values: Sequence[str | None]) -> str | None:
    """The script of an argument vector that runs a shell with ``-c`` (``sh -c '...'``, ``bash -ec``,
    ``dash -lc``, ``busybox sh -c``), or ``None`` (not a shell with ``-c``, or a dynamic script word)."""
    if not values or values[0] is None:
        return None
    name = values[0].rsplit("/", 1)[-1]
    index = 1
    if name == "busybox" and len(values) > 1 and values[1] in SHELLS:
        index = 2
    elif name not in SHELLS:
        return None
    saw_c = False
    while index < len(values):
        value = values[index]
        if value is None:
            return None
        if value == "--":
            index += 1
            break
        if len(value) < 2 or value[0] not in "-+":
            break
        index += 1
        if value.startswith("--"):
            if value in _OPTIONS_WITH_ARGUMENT:
                index += 1
            continue
        flags = value[1:]
        if value[0] == "-" and "c" in flags:
            saw_c = True
        # -o option / -O shopt_option take the next word.
        index += flags.count("o") + flags.count("O")
    if not saw_c or index >= len(values):
        return None
    return values[index]


def unwrap_shell_c(cmd: Command) -> Script | None:
    """The script run by ``sh -c '...'`` / ``bash -ec "..."``, parsed, or ``None``.

    Returns ``None`` when ``cmd`` is not a shell invoked with ``-c`` or when the script
    word is dynamic.  Offsets of the returned Script are relative to the inner script.
    """
    script = shell_c_script([word.value for word in cmd.argv])
    return None if script is None else parse_shell(script)


def split_and_list(script: Script) -> list[list[Command]]:
    """Group the top-level (depth 0) commands by top-level statement.

    Each inner list is one chain joined by ``&&`` (or ``||``/``|``); chains are separated
    by ``;``, ``&`` and newlines.  Nested commands (depth > 0) are not listed.
    """
    top = [command for command in script.commands if command.depth == 0]
    if not top:
        return []
    spans: list[tuple[int, int]] = []
    if script.text:
        tree, src = _parse(script.text)
        for child in tree.root_node.children:
            if child.is_named and child.type != "comment":
                spans.append((src.os(src.cs(child.start_byte)), src.oe(src.ce(child.end_byte))))
    groups: list[list[Command]] = []
    current_span: int | None = None
    previous: Command | None = None
    span_index = 0
    for command in top:
        while span_index < len(spans) and spans[span_index][1] <= command.start:
            span_index += 1
        inside = (
            span_index
            if span_index < len(spans) and spans[span_index][0] <= command.start < spans[span_index][1]
            else None
        )
        new_group = (
            not groups
            or inside is None
            or inside != current_span
            or (previous is not None and previous.connector in (";", "\n", "&"))
        )
        if new_group:
            groups.append([command])
        else:
            groups[-1].append(command)
        current_span = inside
        previous = command
    return groups


@dataclass(frozen=True, slots=True)
class Unit:
    """A top-level piece of a script that is kept or dropped as a whole: a simple command, a pipeline,
    a compound command, or a fallback (``a || b``); units are joined by ``&&``, ``;``, ``&`` or newlines.
    ``start``/``end`` are offsets into the script text; ``commands`` indexes ``Script.commands``."""

    start: int
    end: int
    commands: tuple[int, ...]


def _and_operands(node: tree_sitter.Node) -> list[tuple[int, int]]:
    """The byte spans of the operands of an ``&&`` chain (``a || b`` stays whole: b runs only when a
    fails). A redirection tree-sitter hangs on a whole chain (``a && b > f``) belongs to its last operand."""
    out: list[tuple[int, int]] = []
    stack = [(node, node.end_byte)]  # (node, where its last operand ends); right operands are taken first
    while stack:
        node, end = stack.pop()
        if node.type == "redirected_statement" and node.child_count and node.children[0].type == "list":
            stack.append((node.children[0], max(end, node.end_byte)))  # `a && b > f && c`: b's redirection
        elif node.type == "list" and node.child_count == 3 and node.children[1].type == "&&":
            stack.append((node.children[0], node.children[0].end_byte))
            stack.append((node.children[2], end))
        else:
            out.append((node.start_byte, max(node.end_byte, end)))
    return out[::-1]


def units(script: Script) -> tuple[Unit, ...]:
    """The top-level units of a script, in order (empty when it does not parse)."""
    if not script.text or not script.ok:
        return ()
    tree, src = _parse(script.text)
    spans: list[tuple[int, int]] = []
    for child in tree.root_node.children:
        if child.is_named and child.type != "comment":
            spans += [(src.os(src.cs(a)), src.oe(src.ce(b))) for a, b in _and_operands(child)]
    out: list[Unit] = []
    k = 0
    commands = script.commands
    for start, end in spans:
        inside: list[int] = []
        while k < len(commands) and commands[k].start < end:
            if commands[k].start >= start:
                inside.append(k)
            k += 1
        out.append(Unit(start, end, tuple(inside)))
    return tuple(out)


def first_unquoted(text: str, chars: str) -> int | None:
    """The index of the first of ``chars`` in ``text`` outside single or double quotes (a quote ends at the next
    of its kind: no escapes), None when there is none: a glob's ``*``, a comment's ``#``."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch in chars:
            return i
    return None
