"""Node.js: npm/yarn/pnpm installs, builds and tests."""

from __future__ import annotations

from ..analysis import Artifact, Claim, Role, RunContext, has_flag, positional
from ..shell import Command

NAME = "node"

_MANAGERS = ("npm", "yarn", "pnpm")
_PRUNE = {"npm": "npm prune --omit=dev", "pnpm": "pnpm prune --prod"}


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    args = cmd.args
    if name in ("tsc", "webpack", "vite", "esbuild", "rollup", "next", "ng"):
        return _build(name, ctx, f"`{name}` builds the app")
    if name == "npx" and args:
        return _build("npm", ctx, f"`npx {args[0]}` builds the app")
    if name not in _MANAGERS:
        return None
    pos = positional(args)
    verb = pos[0] if pos else ("install" if name == "yarn" else None)
    if verb is None:
        return None
    if verb in ("ci", "install", "i", "add") and not (name == "npm" and verb == "add"):
        if has_flag(args, "-g", "--global") or (name == "yarn" and pos[:1] == ["global"]):
            return Claim(Role.BUILD, NAME, f"`{name}` installs global packages",
                         artifacts=(Artifact("/usr/local/lib/node_modules", reason="global node packages"),
                                    Artifact("/usr/local/bin", reason="their commands")))
        if len(pos) > 1 or verb == "add":
            # named packages: package.json and the lock file change too, so the folder comes whole
            if ctx.workdir == "/":
                return None
            return Claim(Role.BUILD, NAME, f"`{name} {verb}` adds packages to the app",
                         artifacts=(Artifact(ctx.workdir, reason="the app with its new packages", whole_dir=True),))
        return Claim(Role.BUILD, NAME, f"`{name} {verb}` installs node_modules",
                     artifacts=(Artifact(ctx.abspath("node_modules"), reason="the app's dependencies"),))
    if verb in ("test", "t") or (verb == "run" and len(pos) > 1 and pos[1] and pos[1].startswith("test")):
        return Claim(Role.TEST, NAME, f"`{name} test` runs the tests")
    script = pos[1] if verb == "run" and len(pos) > 1 else verb
    if script and "build" in script:
        return _build(name, ctx, f"`{name} run {script}` builds the app")
    if verb in ("cache", "config", "set", "prune"):
        return Claim(Role.NEUTRAL, NAME)
    return None


def _build(manager: str, ctx: RunContext, reason: str) -> Claim:
    prune = _PRUNE.get(manager)
    return Claim(Role.BUILD, NAME, reason,
                 artifacts=(Artifact(ctx.workdir, reason="the built app", whole_dir=True),),
                 builder_after=(prune,) if prune else ())
