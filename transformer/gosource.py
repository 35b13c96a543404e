"""The programs a Go package runs through os/exec, named by a literal: ``exec.Command("ssh", ...)``,
``exec.CommandContext(ctx, "git", ...)``, ``exec.LookPath("ssh-keygen")``.

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
