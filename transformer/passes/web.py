"""Static sites: build output copied into a web server's root (nginx)."""

from __future__ import annotations

import posixpath

from ..analysis import Artifact, Claim, Role, RunContext, positional
from ..images import data
from ..shell import Command

NAME = "web"

_COPIERS = frozenset({"cp", "mv", "rsync"})


def _web_root(path: str) -> str | None:
    for root in data("images.json")["web_roots"]:
        if path == root or path.startswith(root + "/"):
            return root
    return None


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    if cmd.name not in _COPIERS:
        return None
    words = positional(cmd.args)
    if len(words) < 2 or any(w is None for w in words):
        return None
    dest = ctx.abspath(str(words[-1]))
    root = _web_root(dest)
    if root is None:
        return None
    sources = ", ".join(posixpath.normpath(str(w)) for w in words[:-1])
    return Claim(Role.BUILD, NAME, f"`{cmd.name}` puts the built site ({sources}) into the web root {root}",
                 artifacts=(Artifact(root, reason="the static site", whole_dir=True),))
