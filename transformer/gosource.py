"""The programs a Go package runs through os/exec, named by a literal: ``exec.Command("ssh", ...)``,
``exec.CommandContext(ctx, "git", ...)``, ``exec.LookPath("ssh-keygen")``; and the files it reads by a relative path
(from its working folder), named by a literal: ``godotenv.Load()`` (.env), ``os.ReadFile("config.yaml")``.

scaleway-cli's `scw exec`, `cp`, `kill` and `top` run ssh (read22 16cafcf5): golang's image has openssh-client (its
buildpack-deps:*-scm base), a distroless runtime nothing. The names are read by regular expressions over the text,
linear in it; the caller looks them up among the commands a runtime may have to install.
"""

from __future__ import annotations

import re

from .commands import program_names

# a call that names the program as a string literal (an interpreted one, or a raw one between backquotes)
_EXEC = re.compile(r"""\bexec\.(?:Command|CommandContext|LookPath)\(\s*(?:[\w.]+\s*,\s*)?(?:"([^"\\\n]+)"|`([^`]+)`)""")


def programs_executed(text: str) -> tuple[str, ...]:
    """The program names a Go file runs through os/exec (nothing for a file that does not import it)."""
    if '"os/exec"' not in text:
        return ()
    return program_names(m.group(1) or m.group(2) for m in _EXEC.finditer(text))


# a call that reads files named by literals (godotenv's Load and Overload read .env when given none)
_READS = re.compile(r"""\b(?:godotenv\.(?:Load|Overload)|os\.ReadFile|ioutil\.ReadFile|os\.Open)\(([^()]*)\)""")
_LITERAL = re.compile(r"""^\s*(?:"([^"\\\n]+)"|`([^`]+)`)\s*$""")


def files_read(text: str) -> tuple[str, ...]:
    """The relative paths a Go file reads by a literal (from the program's working folder): ``.env`` for
    ``godotenv.Load()``; none that is absolute, climbs out (``..``) or is not a literal alone."""
    found: dict[str, None] = {}
    for m in _READS.finditer(text):
        words = [w for w in m.group(1).split(",") if w.strip()] if m.group(1).strip() else []
        if not words and m.group(0).startswith("godotenv"):
            found[".env"] = None
        for word in words:
            literal = _LITERAL.match(word)
            path = (literal.group(1) or literal.group(2)) if literal else None
            if path and not path.startswith("/") and ".." not in path.split("/") and "%" not in path:
                found[path.removeprefix("./")] = None
    return tuple(found)
