"""C and C++: make, cmake, configure, compilers."""

from __future__ import annotations

from ..analysis import Artifact, Claim, Role, RunContext, option_value, positional
from ..claims import Pass
from ..shell import Command

NAME = "native"

_COMPILERS = ("gcc", "g++", "cc", "c++", "clang", "clang++")
_BUILDERS = ("cmake", "ninja", "meson", "autoreconf", "autoconf", "automake", "aclocal", "libtoolize", "./configure",
             "configure", "bootstrap", "./bootstrap", "autogen.sh", "./autogen.sh",
             "buildconf", "./buildconf", "scons", "qmake", "bazel", "premake5", "b2", "./b2", "bjam")


# automake's install targets: into the prefix
_INSTALLS = frozenset({"install", "install-strip", "install-exec", "install-data"})
# prefixes the distribution's packages fill: an install there cannot be told apart from them
_SYSTEM_PREFIXES = frozenset({"/", "/usr", "/bin", "/lib", "/usr/lib", "/usr/bin", "/usr/share", "/etc"})


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    argv0 = cmd.argv[0].value or ""
    if name == "make":
        directory = option_value(cmd.args, "-C")
        where = ctx.abspath(directory) if directory else ctx.workdir
        targets = [t for t in positional(cmd.args, frozenset({"-C", "-f", "-j", "-l"})) if t and "=" not in t]
        if targets and all(t in ("test", "check", "tests") for t in targets):
            return Claim(Role.TEST, NAME, "`make test` runs the tests")
        other = next((t for t in targets if t.startswith("install-") and t not in _INSTALLS), None)
        if other is not None:
            return Claim(Role.BLOCKED, NAME, f"`make {other}` installs where the Makefile says, which the tool "
                                             "does not read")
        if any(t in _INSTALLS for t in targets):
            given = dict(cmd.assignments) | dict(
                a.split("=", 1) for a in cmd.args if a and "=" in a and not a.startswith("-"))
            staging = given.get("DESTDIR") or ctx.getenv("DESTDIR")
            if staging:  # a staging folder: the runtime gets it where the builder has it
                if "$" in staging:
                    return None
                return Claim(Role.BUILD, NAME, "`make install` stages into " + ctx.abspath(staging),
                             artifacts=(Artifact(ctx.abspath(staging), reason="what make install staged",
                                                 whole_dir=True),))
            prefix = given.get("PREFIX") or given.get("prefix") or ctx.getenv("PREFIX") or "/usr/local"
            if "$" in prefix:
                return None
            prefix = ctx.abspath(prefix)
            if prefix in _SYSTEM_PREFIXES:
                return Claim(Role.BLOCKED, NAME, f"`make install` installs into {prefix}, among the files of the "
                                                 "system's packages: what the build added cannot be copied apart")
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
        if name == "cmake" and "--install" in cmd.args:
            prefix = option_value(cmd.args, "--prefix") or ctx.getenv("PREFIX") or "/usr/local"
            if "$" in prefix:
                return None
            return Claim(Role.BUILD, NAME, "`cmake --install` installs into " + ctx.abspath(prefix),
                         artifacts=(Artifact(ctx.abspath(prefix), reason="what cmake installed", whole_dir=True),))
        # the install prefix it sets is where a later `make install` puts the program
        configured = option_value(cmd.args, "--prefix") if "configure" in name else None
        for a in cmd.args:
            if a and a.startswith(("-DCMAKE_INSTALL_PREFIX=", "-DCMAKE_INSTALL_PREFIX:")):
                configured = a.split("=", 1)[1]  # -DCMAKE_INSTALL_PREFIX=/x or -DCMAKE_INSTALL_PREFIX:PATH=/x
        return Claim(Role.BUILD, NAME, f"`{argv0 or name}` configures the build",
                     artifacts=(Artifact(ctx.workdir, reason="the build folder", whole_dir=True),),
                     sets_env=(("PREFIX", configured),) if configured and "$" not in configured else ())
    return None


PASS = Pass(NAME, "C and C++: make, cmake, configure, compilers", claim)
