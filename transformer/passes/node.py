"""Node.js: npm/yarn/pnpm installs, builds and tests."""

from __future__ import annotations

import posixpath

from ..analysis import Artifact, Claim, Role, RunContext, has_flag, positional
from ..claims import Finish, Pass, StageFacts
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


def _npm_major(facts: StageFacts) -> int | None:
    """The major version of Node.js the image has, from its tag (node:14, node:14-slim, node:fermium)."""
    tag = facts.image.tag
    head = tag.split("-", 1)[0].split(".", 1)[0]
    if head.isdigit():
        return int(head)
    return _CODENAMES.get(head)


_CODENAMES = {"argon": 4, "boron": 6, "carbon": 8, "dubnium": 10, "erbium": 12, "fermium": 14, "gallium": 16,
              "hydrogen": 18, "iron": 20, "jod": 22}


def _prune_command(command: str, facts: StageFacts) -> str:
    """npm 6 and older (Node.js 14 and older) know `--production`, not `--omit=dev`."""
    major = _npm_major(facts)
    if command.startswith("npm prune") and facts.image.repo == "node" and major is not None and major <= 14:
        return "npm prune --production"
    return command


def _runs_package_script(facts: StageFacts) -> bool:
    return any(argv and posixpath.basename(argv[0] or "") in _MANAGERS + ("npx",) for argv in facts.runs)


def finish(facts: StageFacts) -> Finish | None:
    """Dev dependencies are pruned after the build, unless the CMD runs a package script (which may need
    them) or a test stage, built from the builder, runs them."""
    wanted = [a for d in facts.decisions for c in d.claims if c.ecosystem == NAME for a in c.builder_after]
    if not wanted or _runs_package_script(facts) or any(d.role is Role.TEST for d in facts.decisions):
        return None
    steps = tuple((_prune_command(a, facts), "the runtime copies node_modules without dev dependencies")
                  for a in dict.fromkeys(wanted))
    return Finish(builder_after=steps)


PASS = Pass(NAME, "npm/yarn/pnpm installs, builds and tests; bundlers", claim, finish)
