"""Static sites: build output copied into a web server's root (nginx)."""

from __future__ import annotations

import dataclasses
import posixpath

from ..analysis import Artifact, Claim, Role, RunContext, positional
from ..claims import Finish, Pass, StageFacts
from ..images import data
from ..shell import Command

NAME = "web"

_COPIERS = frozenset({"cp", "mv", "rsync"})


def _web_root(path: str) -> str | None:
    for root in data("images.json")["web_roots"]:
        if path == root or path.startswith(root + "/"):
            return str(root)
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
    moved = tuple(ctx.abspath(str(w)) for w in words[:-1]) if cmd.name == "mv" else ()  # gone from where it was
    return Claim(Role.BUILD, NAME, f"`{cmd.name}` puts the built site ({sources}) into the web root {root}",
                 artifacts=(Artifact(root, reason="the static site", whole_dir=True),), removes=moved)


def finish(facts: StageFacts) -> Finish | None:
    """A static site served by a web server (CMD nginx): the server's own image, and only the web root."""
    site = [a for d in facts.decisions for c in d.claims if c.ecosystem == NAME for a in c.artifacts]
    if not site:
        return None
    servers = data("images.json")["static_servers"]
    for argv in facts.runs:
        name = posixpath.basename(argv[0] or "") if argv else ""
        if name in servers and not name.startswith("_"):
            server = servers[name]
            return Finish(runtime_image=server["image"], kind="static",
                          artifacts=tuple(dataclasses.replace(a, dest=server["root"]) for a in site),
                          drop_packages=tuple(server["packages"]),
                          notes=(f"the CMD serves the static site with {name}: the runtime is {server['image']}",))
    return None


PASS = Pass(NAME, "static sites: build output copied into a web server root (nginx)", claim, finish)
