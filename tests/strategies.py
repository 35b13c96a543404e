"""Hypothesis strategies that build Dockerfiles from grammar pieces, and the
oracle comparison (PyPI ``dockerfile``, which wraps an older BuildKit parser)
shared by the parity tests.

Known divergences between the oracle and current BuildKit (which msrefactor
follows) are listed in ``KNOWN_DIVERGENCES`` and recognised by
``known_divergence``; a comparison that hits one is skipped, not failed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from hypothesis import strategies as st

import transformer
from transformer.arguments import GO_SPACE
from transformer.dump import records

try:  # the oracle is a test dependency; tests that need it skip without it
    import dockerfile as _oracle
except ImportError:  # pragma: no cover
    _oracle = None

# the Unicode category of lone surrogates, which no file decodes to (typed for st.characters)
SURROGATES: tuple[Literal["Cs"]] = ("Cs",)

# ---------------------------------------------------------------------------
# Oracle comparison
# ---------------------------------------------------------------------------

KNOWN_DIVERGENCES = {
    "check-directive": "the oracle does not know the '# check=' directive (BuildKit 0.15+)",
    "escape-in-flags": "BuildKit 0.13+ uses the file's escape token in --flags; the oracle always uses \\",
    "heredoc-space": "BuildKit 0.21+ allows whitespace between << and the heredoc word",
    "heredoc-substitution": "BuildKit 0.15+ shares the shell lexer's word buffer: a ${x:-y} "
    "in a heredoc word drops what came before it",
    "directive-unicode-space": "BuildKit 0.15+ trims Unicode spaces (U+0085, U+00A0...) after '#' in "
    "directives; the oracle's regexp only ASCII ones",
    "json-trailing-data": "BuildKit 0.15+ reads JSON with json.Unmarshal (text after the array makes it "
    "shell form); the oracle's json.Decoder ignores it",
    "not-utf8": "the oracle only takes valid UTF-8 text",
    "oracle-crash": "the oracle's wrapper fails decoding Go's output (flags/HEALTHCHECK split inside a UTF-8 sequence)",
}

_UNICODE_SPACES = (
    "\v\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_RE_DIRECTIVE_CHECK = re.compile(r"^[ \t]*#[ \t]*check[ \t]*=", re.I)
_RE_HEREDOC_SPACE = re.compile(r"<<-?[\t\r ]")
_RE_CONTINUATION = re.compile(r"[\\`][ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*")
_RE_SUBST_MODIFIER = re.compile(r"\$\{[^}]*?[:+\-?#%/]")


@dataclass(frozen=True)
class Rejected:
    """A parser rejected the text (the message, without location)."""

    message: str


def oracle_view(text: str) -> str:
    """What the oracle actually reads: its wrapper passes a C string, so the
    text ends at the first NUL."""
    return text.split("\x00", 1)[0]


def oracle_records(text: str) -> list[dict[str, Any]] | Rejected | None:
    """The oracle's records (our field names), Rejected, or None when the
    oracle cannot tell (invalid UTF-8, wrapper crash)."""
    if _oracle is None:  # pragma: no cover
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    try:
        cmds = _oracle.parse_string(text)
    except _oracle.GoParseError as e:
        return Rejected(str(e))
    except Exception:  # noqa: BLE001 - the wrapper's own decode errors
        return None
    return [
        {
            "cmd": (c.cmd or "").lower(),  # an empty instruction has no name
            "sub_cmd": c.sub_cmd.lower() if c.sub_cmd else None,
            "json": c.json,
            "original": c.original or "",
            "start_line": c.start_line,
            "end_line": c.end_line,
            "flags": list(c.flags),
            "value": list(c.value),
            "heredocs": [
                {"name": h.name, "file_descriptor": h.file_descriptor, "content": h.content} for h in c.heredocs
            ],
        }
        for c in cmds
    ]


def our_records(text: str) -> list[dict[str, Any]] | Rejected:
    try:
        tree = transformer.parse(text)
    except transformer.DockerfileSyntaxError as e:
        return Rejected(e.message)
    recs = records(tree)
    for r in recs:
        r["sub_cmd"] = r["sub_cmd"].lower() if r["sub_cmd"] else None
    return recs


def known_divergence(text: str) -> str | None:
    """The key of a known divergence this text may hit, or None."""
    head = text.lstrip("\ufeff")
    for line in head.split("\n")[:4]:
        # (the lexer, as BuildKit, strips any leading white space a Go program sees, a carriage return too)
        if _RE_DIRECTIVE_CHECK.match(line.lstrip(GO_SPACE)):
            return "check-directive"
        key = line.split("=", 1)[0]
        if "#" in key and "=" in line and any(c in _UNICODE_SPACES for c in key):
            return "directive-unicode-space"
    # roughly the logical lines: a continuation may split "<< EOF", and "<<" itself ("3<\\\n< EOF")
    logical = _RE_CONTINUATION.sub("", text)
    if "<<" in logical:
        if _RE_HEREDOC_SPACE.search(logical):
            return "heredoc-space"
        if _RE_SUBST_MODIFIER.search(logical):
            return "heredoc-substitution"
    return None


def _escape_flag_divergence(text: str, ours: list[dict[str, Any]], theirs: list[dict[str, Any]]) -> bool:
    try:
        tree = transformer.parse(text)
    except transformer.DockerfileSyntaxError:
        return False
    if tree.escape != "`":
        return False
    for a, b in zip(ours, theirs, strict=False):
        # ONBUILD's own flags are its sub-command's, which the records do not show: they change its value
        differ = a["flags"] != b["flags"] or (a["cmd"] == "onbuild" and a["value"] != b["value"])
        if differ and "--" in a["original"] and any(("\\" in f or "`" in f) for f in a["original"].split()):
            return True
    return False


def compare_with_oracle(text: str) -> tuple[str, str]:
    """("same" | "skip" | "differ", detail) for one text."""
    view = oracle_view(text)
    theirs = oracle_records(view)
    if theirs is None:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return "skip", "not-utf8"
        return "skip", "oracle-crash"
    ours = our_records(view)
    if isinstance(ours, list):
        ours = _cut_at_nul(ours)
    if isinstance(ours, Rejected) and isinstance(theirs, Rejected):
        if ours.message == theirs.message:
            return "same", ""
    elif ours == theirs:
        return "same", ""
    reason = known_divergence(view)
    if reason is None and isinstance(ours, list) and isinstance(theirs, list):
        if _escape_flag_divergence(view, ours, theirs):
            reason = "escape-in-flags"
        elif any(a != b and b["json"] and not a["json"] for a, b in zip(ours, theirs, strict=False)):
            reason = "json-trailing-data"
    if reason is None and isinstance(ours, list) and isinstance(theirs, Rejected):
        if "comprised of strings" in theirs.message and any(
            not r["json"] and r["value"] and r["value"][0].lstrip().startswith("[") for r in ours
        ):
            reason = "json-trailing-data"
    if reason is not None:
        return "skip", reason
    return "differ", describe_difference(ours, theirs)


def _cut_at_nul(value: Any) -> Any:
    """The oracle's strings also come back as C strings: cut ours at NUL too."""
    if isinstance(value, str):
        return value.split("\x00", 1)[0]
    if isinstance(value, list):
        return [_cut_at_nul(v) for v in value]
    if isinstance(value, dict):
        return {k: _cut_at_nul(v) for k, v in value.items()}
    return value


def describe_difference(ours: object, theirs: object) -> str:
    if isinstance(ours, list) and isinstance(theirs, list):
        for a, b in zip(ours, theirs, strict=False):
            if a != b:
                return f"ours   {a}\noracle {b}"
        return f"{len(ours)} instructions here, {len(theirs)} in the oracle"
    return f"ours {ours if isinstance(ours, Rejected) else 'accepts'} | oracle " + (
        f"{theirs}" if isinstance(theirs, Rejected) else "accepts"
    )


# ---------------------------------------------------------------------------
# Dockerfile strategies
# ---------------------------------------------------------------------------

_WORD_CHARS = st.sampled_from(
    list("abcxyzABZ019_-./:=@+,%") + ["$", "$HOME", "${X}", "${X:-d}", '"', "'", "\\", "`", "é", "☕"]
)
_SPACE = st.sampled_from([" ", "  ", "\t", " \t"])
_OPT_SPACE = st.sampled_from(["", " ", "\t", "  "])


def _case(draw: st.DrawFn, keyword: str) -> str:
    style = draw(st.sampled_from(["upper", "upper", "lower", "mixed"]))
    if style == "upper":
        return keyword.upper()
    if style == "lower":
        return keyword.lower()
    flips = draw(st.lists(st.booleans(), min_size=len(keyword), max_size=len(keyword)))
    return "".join(c.lower() if f else c.upper() for c, f in zip(keyword, flips, strict=True))


@st.composite
def words(draw: st.DrawFn, min_size: int = 1) -> str:
    return draw(st.lists(_WORD_CHARS, min_size=min_size, max_size=6).map("".join))


@st.composite
def safe_words(draw: st.DrawFn) -> str:
    """Words without quotes or escapes (paths, image names)."""
    return draw(st.text(alphabet="abcdefxyz0123456789_-./:", min_size=1, max_size=10))


@st.composite
def flags(draw: st.DrawFn, names: tuple[str, ...]) -> list[str]:
    out = []
    for _ in range(draw(st.integers(0, 2))):
        name = draw(st.sampled_from(names))
        value = draw(st.one_of(safe_words(), words(), st.just("")))
        if draw(st.booleans()):
            value = '"' + value.replace('"', "") + '"'
        out.append(f"--{name}" if draw(st.integers(0, 5)) == 0 else f"--{name}={value}")
    return out


@st.composite
def json_array(draw: st.DrawFn) -> str:
    items = draw(st.lists(st.text(alphabet='ab -_/\\"é$', max_size=6), min_size=0, max_size=4))
    sep = draw(st.sampled_from([", ", ",", " , "]))
    body = sep.join('"' + i.replace("\\", "\\\\").replace('"', '\\"') + '"' for i in items)
    out = "[" + draw(_OPT_SPACE) + body + draw(_OPT_SPACE) + "]"
    mangle = draw(st.integers(0, 9))
    if mangle == 0:
        out = out[:-1]  # not JSON: shell form fallback
    elif mangle == 1:
        out = out.replace('"', "'")
    return out


@st.composite
def shell_args(draw: st.DrawFn) -> str:
    ws = draw(st.lists(words(), min_size=1, max_size=5))
    return draw(_SPACE).join(ws) if len(ws) > 1 and draw(st.booleans()) else " ".join(ws)


@dataclass
class Built:
    """An instruction's logical text and its heredoc specs (name, chomp)."""

    text: str
    heredocs: list[tuple[str, bool]]


@st.composite
def heredoc_words(draw: st.DrawFn) -> tuple[str, list[tuple[str, bool]]]:
    docs: list[tuple[str, bool]] = []
    parts = []
    for _ in range(draw(st.integers(1, 2))):
        name = draw(st.sampled_from(["EOF", "EOT", "END", "A", "SCRIPT"]))
        if any(name == d[0] for d in docs):
            continue
        chomp = draw(st.booleans())
        quote = draw(st.sampled_from(["", "", "'", '"']))
        fd = draw(st.sampled_from(["", "", "3"]))
        parts.append(f"{fd}<<{'-' if chomp else ''}{quote}{name}{quote}")
        docs.append((name, chomp))
    return " ".join(parts), docs


@st.composite
def instructions(draw: st.DrawFn, first: bool = False) -> Built:
    if first:
        kind = "from"
    else:
        kind = draw(
            st.sampled_from(
                [
                    "from",
                    "run",
                    "run",
                    "cmd",
                    "entrypoint",
                    "label",
                    "maintainer",
                    "expose",
                    "env",
                    "add",
                    "copy",
                    "copy",
                    "volume",
                    "user",
                    "workdir",
                    "arg",
                    "onbuild",
                    "stopsignal",
                    "healthcheck",
                    "shell",
                    "bogus",
                ]
            )
        )
    return draw(_instruction(kind))


@st.composite
def _instruction(draw: st.DrawFn, kind: str, nested: bool = False) -> Built:
    kw = _case(draw, kind)
    sp = draw(_SPACE)
    docs: list[tuple[str, bool]] = []
    if kind == "from":
        fl = draw(flags(("platform",)))
        args = draw(safe_words())
        if draw(st.booleans()):
            args += f" {_case(draw, 'as')} " + draw(safe_words())
    elif kind in ("run", "cmd", "entrypoint", "shell"):
        fl = draw(flags(("mount", "network", "security"))) if kind == "run" else []
        if draw(st.integers(0, 2)) == 0:
            args = draw(json_array())
        else:
            args = draw(shell_args())
            if kind == "run" and draw(st.integers(0, 2)) == 0:
                hd, docs = draw(heredoc_words())
                args = hd + " " + args if draw(st.booleans()) else args + " " + hd
    elif kind in ("add", "copy"):
        fl = draw(flags(("from", "chown", "chmod", "link", "parents", "exclude", "checksum")))
        if draw(st.integers(0, 3)) == 0:
            args = draw(json_array())
        else:
            srcs = draw(st.lists(safe_words(), min_size=1, max_size=3))
            if draw(st.integers(0, 2)) == 0:
                hd, docs = draw(heredoc_words())
                srcs = [hd]
            args = " ".join([*srcs, draw(safe_words())])
    elif kind == "volume":
        fl = []
        args = draw(json_array()) if draw(st.booleans()) else " ".join(draw(st.lists(safe_words(), min_size=1)))
    elif kind in ("env", "label"):
        fl = []
        if draw(st.integers(0, 3)) == 0:
            args = draw(safe_words()) + draw(_SPACE) + draw(shell_args())
        else:
            pairs = draw(st.lists(st.tuples(safe_words(), words(min_size=0)), min_size=1, max_size=3))
            args = " ".join(f"{k}={v}" for k, v in pairs)
    elif kind == "arg":
        fl = []
        args = " ".join(
            k + (("=" + v) if v is not None else "")
            for k, v in draw(st.lists(st.tuples(safe_words(), st.none() | words(min_size=0)), min_size=1, max_size=2))
        )
    elif kind == "expose":
        fl = []
        args = " ".join(draw(st.lists(st.sampled_from(["80", "443/tcp", "53/udp", "8000-8010"]), min_size=1)))
    elif kind == "healthcheck":
        fl = draw(flags(("interval", "timeout", "retries", "start-period")))
        if draw(st.integers(0, 3)) == 0:
            args = _case(draw, "none")
        else:
            args = _case(draw, "cmd") + " " + (draw(json_array()) if draw(st.booleans()) else draw(shell_args()))
    elif kind == "onbuild" and not nested:
        fl = []
        inner = draw(_instruction(draw(st.sampled_from(["run", "copy", "add", "env", "cmd"])), nested=True))
        args, docs = inner.text, inner.heredocs
    else:  # maintainer, user, workdir, stopsignal, unknown keywords
        fl = []
        args = draw(shell_args())
    text = kw
    if fl:
        text += sp + " ".join(fl)
    text += sp + args
    return Built(text, docs)


@st.composite
def comment_line(draw: st.DrawFn) -> str:
    body = draw(st.text(alphabet="abc xyz#=\\`é", max_size=12))
    return draw(_OPT_SPACE) + "#" + body


@st.composite
def physical(draw: st.DrawFn, built: Built, escape: str, nl: str) -> str:
    """Split an instruction's text over continuation lines (with comment and
    blank lines between them), then add its heredoc bodies."""
    text = built.text
    cuts = sorted(set(draw(st.lists(st.integers(1, max(1, len(text) - 1)), max_size=3))))
    if len(text) < 2:
        cuts = []
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    out = []
    for k, piece in enumerate(pieces):
        if k:
            out.append(draw(_OPT_SPACE) if draw(st.integers(0, 3)) == 0 else "")
        out.append(piece)
        if k < len(pieces) - 1:
            out.append(escape + draw(st.sampled_from(["", "", " ", "\t "])) + nl)
            for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 3)) == 0 else 0):
                out.append(draw(st.one_of(comment_line(), st.sampled_from(["", "  ", "\t"]))) + nl)
    if built.heredocs:
        out.append(nl)
        for name, chomp in built.heredocs:
            for line in draw(st.lists(st.text(alphabet="ab $x\t'\"\\<", max_size=10), max_size=3)):
                if line.strip("\t") != name:
                    out.append(line + nl)
            out.append(("\t" if chomp and draw(st.booleans()) else "") + name + nl)
        return "".join(out)
    out.append(nl)
    return "".join(out)


@st.composite
def dockerfiles(draw: st.DrawFn, for_oracle: bool = True) -> str:
    """A Dockerfile (mostly valid) made of grammar pieces."""
    nl = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    escape = draw(st.sampled_from(["\\", "\\", "`"]))
    out = []
    if draw(st.integers(0, 9)) == 0:
        out.append("\ufeff")
    directives = []
    if draw(st.integers(0, 3)) == 0:
        directives.append(f"# syntax={draw(safe_words())}")
    if not for_oracle and draw(st.integers(0, 4)) == 0:
        directives.append("# check=skip=all")
    if escape == "`" or draw(st.integers(0, 5)) == 0:
        directives.append(draw(_OPT_SPACE) + "#" + draw(_OPT_SPACE) + f"escape={escape}")
    directives = draw(st.permutations(directives))
    out += [d + nl for d in directives]
    if draw(st.integers(0, 3)) == 0:
        out.append(f"{_case(draw, 'arg')} V=1{nl}")
    n = draw(st.integers(1, 6))
    for k in range(n):
        for _ in range(draw(st.integers(0, 2)) if draw(st.integers(0, 2)) == 0 else 0):
            out.append(draw(st.one_of(comment_line(), st.sampled_from(["", " ", "\t"]))) + nl)
        indent = draw(_OPT_SPACE) if draw(st.integers(0, 4)) == 0 else ""
        out.append(indent + draw(physical(draw(instructions(first=(k == 0))), escape, nl)))
    text = "".join(out)
    if draw(st.integers(0, 5)) == 0:
        text = text.rstrip("\r\n")  # no final newline
    return text


# ---------------------------------------------------------------------------
# Mutations of existing files
# ---------------------------------------------------------------------------

_MUTATION_SNIPPETS = [
    "\\",
    "`",
    "\n",
    "\r\n",
    "\r",
    "#",
    "<<EOF",
    "<<-EOF",
    "EOF",
    "[",
    "]",
    '"',
    "'",
    "=",
    " ",
    "\t",
    "\x00",
    "\ufeff",
    "# escape=`\n",
    "# syntax=x\n",
    "--",
    "--mount=type=cache,target=/x ",
    "\\\n",
    "RUN ",
    "FROM a\n",
    "ONBUILD ",
    '["a", 1]',
    "${",
    "é",
    "\x85",
    "\xa0",
]


@st.composite
def mutated(draw: st.DrawFn, sources: list[str]) -> str:
    """A fixture file with a few random byte and line edits."""
    text = draw(st.sampled_from(sources))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.integers(0, 5))
        if op in (0, 1):  # insert a snippet or a random character
            pos = draw(st.integers(0, len(text)))
            ins = draw(st.one_of(st.sampled_from(_MUTATION_SNIPPETS), st.characters(max_codepoint=0x3000)))
            text = text[:pos] + ins + text[pos:]
        elif op == 2 and text:  # delete a span
            pos = draw(st.integers(0, len(text) - 1))
            text = text[:pos] + text[pos + draw(st.integers(1, 8)) :]
        else:  # line edits: duplicate, delete, swap
            lines = text.splitlines(keepends=True)
            if not lines:
                continue
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if op == 3:
                lines.insert(j, lines[i])
            elif op == 4:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
    return text
