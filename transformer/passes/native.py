"""C and C++: make, cmake, configure, compilers."""

from __future__ import annotations

from ..analysis import Artifact, Claim, Role, RunContext, option_value, positional
from ..shell import Command

NAME = "native"

_COMPILERS = ("gcc", "g++", "cc", "c++", "clang", "clang++")
_BUILDERS = ("cmake", "ninja", "meson", "autoreconf", "autoconf", "./configure", "configure", "bootstrap")


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    argv0 = cmd.argv[0].value or ""
    if name == "make":
        directory = option_value(cmd.args, "-C")
        where = ctx.abspath(directory) if directory else ctx.workdir
        targets = [t for t in positional(cmd.args, frozenset({"-C", "-f", "-j", "-l"})) if t and "=" not in t]
        if targets and all(t in ("test", "check", "tests") for t in targets):
            return Claim(Role.TEST, NAME, "`make test` runs the tests")
        if "install" in targets:
            prefix = ctx.getenv("PREFIX") or "/usr/local"
            return Claim(Role.BUILD, NAME, "`make install` installs into " + prefix,
                         artifacts=(Artifact(prefix, reason="what make install installed", whole_dir=True),))
        return Claim(Role.BUILD, NAME, "make builds the program",
                     artifacts=(Artifact(where, reason="the build folder", whole_dir=True),))
    if name in _COMPILERS:
        out = option_value(cmd.args, "-o")
        art = Artifact(ctx.abspath(out), reason="the compiled program") if out else \
            Artifact(ctx.workdir, reason="the build folder", whole_dir=True)
        return Claim(Role.BUILD, NAME, f"`{name}` compiles the program", artifacts=(art,))
    if name in _BUILDERS or argv0 in _BUILDERS:
        return Claim(Role.BUILD, NAME, f"`{argv0 or name}` configures the build",
                     artifacts=(Artifact(ctx.workdir, reason="the build folder", whole_dir=True),))
    return None
