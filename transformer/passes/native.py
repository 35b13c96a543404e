"""C and C++: make, cmake, configure, compilers."""

from __future__ import annotations

import posixpath
import re

from ..analysis import (
    Artifact,
    Claim,
    Makefiles,
    Role,
    RunContext,
    expand,
    make_targets,
    make_value_at,
    option_value,
    positional,
)
from ..claims import STAGING, Pass, StagedInstall
from ..images import USR_LOCAL, usr_local_has_files
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
# libraries land in /usr/lib, where the loader finds them with no cache; under /usr/local they are where the
# install put them, and an `ldconfig` the file runs after it is repeated once they are copied
_STAGED_PREFIXES = frozenset({"/usr"}) | USR_LOCAL
# the scripts that run automake (autoreconf does when the project has a Makefile.am; autogen.sh is its wrapper)
_AUTOMAKE = frozenset({"autoreconf", "automake", "autogen.sh"})
# options only a configure with automake's macros has (AM_INIT_AUTOMAKE, AM_SILENT_RULES, AM_MAINTAINER_MODE):
# given to a configure, they say automake wrote the Makefiles it fills in
_AUTOMAKE_OPTIONS = frozenset({f"--{x}-{o}" for x in ("enable", "disable")
                               for o in ("dependency-tracking", "silent-rules", "maintainer-mode")})
# configure's installation directories (autoconf's standard options): set apart from the prefix, they send files
# elsewhere (--sysconfdir=/etc)
_DIR_OPTIONS = frozenset({f"--{d}" for d in (
    "exec-prefix", "bindir", "sbindir", "libexecdir", "sysconfdir", "sharedstatedir", "localstatedir", "runstatedir",
    "libdir", "includedir", "oldincludedir", "datarootdir", "datadir", "infodir", "localedir", "mandir", "docdir",
    "htmldir", "dvidir", "pdfdir", "psdir")})
# what an autogen.sh passes on to configure that does not move files: features, packages, the systems built for
_FEATURE_OPTIONS = ("--enable-", "--disable-", "--with-", "--without-", "--host=", "--build=", "--target=")
# pseudo-variable (no shell can name it): the folder whose configure sends files outside its prefix, and why
_OUTSIDE = "native:outside"
_HONOURS = {Makefiles.AUTOCONF: "automake wrote its Makefile, and automake's install rules honour DESTDIR",
            Makefiles.CMAKE: "cmake wrote its build files, and cmake's install honours DESTDIR"}


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    argv0 = cmd.argv[0].value or ""
    if name == "make":
        directory = option_value(cmd.args, "-C")
        where = ctx.abspath(directory) if directory else ctx.workdir
        targets = make_targets(cmd.args)
        if targets and all(t in ("test", "check", "tests") for t in targets):
            return Claim(Role.TEST, NAME, "`make test` runs the tests")
        other = next((t for t in targets if t.startswith("install-") and t not in _INSTALLS), None)
        if other is not None:
            return Claim(Role.BLOCKED, NAME, f"`make {other}` installs where the Makefile says, which the tool "
                                             "does not read")
        if any(t in _INSTALLS for t in targets):
            return _make_install(cmd, ctx, where)
        return Claim(Role.BUILD, NAME, "make builds the program",
                     artifacts=(Artifact(where, reason="the build folder", whole_dir=True),))
    if name in _COMPILERS:
        out = option_value(cmd.args, "-o")
        art = Artifact(ctx.abspath(out), reason="the compiled program") if out else \
            Artifact(ctx.workdir, reason="the build folder", whole_dir=True)
        return Claim(Role.BUILD, NAME, f"`{name}` compiles the program", artifacts=(art,))
    if name in _BUILDERS or argv0 in _BUILDERS:
        if name == "cmake" and ("--install" in cmd.args or (
                "--build" in cmd.args and option_value(cmd.args, "--target", "-t") == "install")):
            return _cmake_install(cmd, ctx)
        return _configure(cmd, ctx, name, argv0)
    return None


def _make_install(cmd: Command, ctx: RunContext, where: str) -> Claim | None:
    given = dict(cmd.assignments) | dict(
        a.split("=", 1) for a in cmd.args if a and "=" in a and not a.startswith("-"))
    staging = given.get("DESTDIR") or ctx.getenv("DESTDIR")
    if staging:  # a staging folder: the runtime gets it where the builder has it
        if "$" in staging:
            return None
        return Claim(Role.BUILD, NAME, "`make install` stages into " + ctx.abspath(staging),
                     artifacts=(Artifact(ctx.abspath(staging), reason="what make install staged", whole_dir=True),))
    prefix = given.get("PREFIX") or given.get("prefix") or ctx.getenv("PREFIX") or "/usr/local"
    return _install(cmd, ctx, prefix, "make install", "make install", ctx.made_by(where), where,
                    _outside(ctx, where))


def _cmake_install(cmd: Command, ctx: RunContext) -> Claim | None:
    """``cmake --install DIR`` or ``cmake --build DIR --target install``: cmake's install (its own, whatever
    the generator) reads DESTDIR from the environment."""
    shown = "cmake --install" if "--install" in cmd.args else "cmake --build --target install"
    prefix = option_value(cmd.args, "--prefix") or ctx.getenv("PREFIX") or "/usr/local"
    build = [a for a in positional(cmd.args, frozenset({"--install", "--build", "--prefix", "--target", "-t",
                                                         "--config", "--component", "-j", "--parallel"}))
             if a is not None]
    where = ctx.abspath(option_value(cmd.args, "--install", "--build") or (build[0] if build else "."))
    return _install(cmd, ctx, prefix, shown, "cmake", Makefiles.CMAKE, where, _outside(ctx, where))


def _outside(ctx: RunContext, where: str) -> str:
    """Why the install of the build folder ``where`` sends files outside its prefix, as the configure (cmake) of
    that folder said (``--sysconfdir=/etc``); "" when it does not."""
    value = ctx.getenv(_OUTSIDE) or ""
    folder, _, why = value.partition("\n")
    return why if folder and (where == folder or where.startswith(folder.rstrip("/") + "/")) else ""


def _install(cmd: Command, ctx: RunContext, prefix: str, shown: str, installer: str, made: Makefiles | None,
             where: str = "", outside: str = "") -> Claim | None:
    """An install into ``prefix``: copied whole, or staged apart when it is one of the system's folders or when
    its configure sends files outside it (``outside``: why)."""
    if "$" in prefix:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` installs into a prefix the file does not show "
                                         f"(`{prefix.removeprefix('$?')}`): where it installs is not known")
    prefix = ctx.abspath(prefix)
    what = f"what {installer} installed"
    if prefix in _SYSTEM_PREFIXES:
        return _staged(cmd, ctx, prefix, shown, made, where)
    if outside:  # the prefix alone would miss the files sent elsewhere: DESTDIR catches them all
        return _staged(cmd, ctx, prefix, shown, made, where, outside)
    if prefix in USR_LOCAL and usr_local_has_files(ctx.image):
        if _honours(made) and _stageable(cmd, ctx):
            return _staged(cmd, ctx, prefix, shown, made, where)
        # copied whole, which the plan refuses when nothing else leaves the file alone first
        what += ("; not staged apart: the command is in a pipeline" if _honours(made) else
                 f"; not staged apart with DESTDIR: nothing shows that automake or cmake wrote the Makefile of "
                 f"{where}, and a hand-written one may ignore it")
    return Claim(Role.BUILD, NAME, f"`{shown}` installs into " + prefix,
                 artifacts=(Artifact(prefix, reason=what, whole_dir=True),))


def _honours(made: Makefiles | None) -> bool:
    return made in (Makefiles.AUTOCONF, Makefiles.CMAKE)


def _stageable(cmd: Command, ctx: RunContext) -> bool:
    """Whether the tool can add a second install to the command (not in a pipeline)."""
    return not cmd.negated and ctx.piped_from is None


def _staged(cmd: Command, ctx: RunContext, prefix: str, shown: str, made: Makefiles | None,
            where: str = "", outside: str = "") -> Claim:
    """An install into the system's own folders (or into a /usr/local where the image has files of its own, or
    one its configure sends outside the prefix): staged a second time into a folder of the tool's own when the
    build files honour DESTDIR (autoconf/automake's and cmake's do), else blocked."""
    if outside:
        mixed = (f"`{shown}` installs into {prefix} and, as the build was configured ({outside}), outside it: "
                 "copying the prefix would leave those files out")
    else:
        among = f"where {ctx.image.shown} has files of its own" if prefix in USR_LOCAL else \
            "among the files of the system's packages"
        mixed = f"`{shown}` installs into {prefix}, {among}: what the build added cannot be copied apart"
    if prefix not in _STAGED_PREFIXES and not outside:
        return Claim(Role.BLOCKED, NAME, mixed)
    if made is Makefiles.AUTOTOOLS:
        return Claim(Role.BLOCKED, NAME, mixed + f"; autoreconf or autogen.sh made the configure of {where}, but no "
                                              "configure runs after it in the stage: whether autogen.sh ran it "
                                              "itself, and so whether make reads a Makefile automake wrote (one that "
                                              "honours DESTDIR), is not shown, so the tool cannot install a copy "
                                              "apart")
    if made is None or not _honours(made):
        return Claim(Role.BLOCKED, NAME, mixed + f"; nothing in the stage shows that automake (autoreconf, "
                                              f"autogen.sh) or cmake wrote the Makefile of {where}, and a "
                                              "hand-written Makefile may ignore DESTDIR, so the tool cannot "
                                              "install a copy apart (one that ignores it would fail the build at "
                                              "the copy of the staged folder, but one that honours it for some "
                                              "files only would leave the others out of the runtime unseen)")
    if not _stageable(cmd, ctx):
        return Claim(Role.BLOCKED, NAME, mixed + ": the tool does not add a staged install to a command in a "
                                              "pipeline")
    where_to = f"{prefix} and outside it ({outside})" if outside else prefix
    return Claim(Role.BUILD, NAME, f"`{shown}` installs into {where_to}; the builder also installs it into "
                                   f"{STAGING} (DESTDIR), which the runtime copies to /",
                 artifacts=(Artifact(STAGING, dest="/", reason=f"what `{shown}` installs into {where_to}, installed "
                                     f"a second time apart from the system's files ({_HONOURS[made]})",
                                     whole_dir=True),),
                 staged=_copy(cmd, shown))


def _copy(cmd: Command, shown: str) -> StagedInstall:
    if shown.startswith("cmake"):  # cmake reads DESTDIR from the environment
        return StagedInstall(STAGING, cmd.start, cmd.argv[0].start, f"DESTDIR={STAGING} ", cmd.end)
    drop: list[tuple[int, int]] = []
    words = cmd.argv[1:]
    values = tuple(w.value for w in words)
    for k, w in enumerate(words):
        value = w.value or ""
        if make_value_at(values, k):  # the value of -C, -f, -j 4...
            continue
        if value and not value.startswith("-") and "=" not in value and value not in _INSTALLS:
            drop.append((w.start, w.end))  # `make install clean`: the copy only installs
    return StagedInstall(STAGING, cmd.start, cmd.argv[-1].end, f" DESTDIR={STAGING}", cmd.end, tuple(drop))


def _configure(cmd: Command, ctx: RunContext, name: str, argv0: str) -> Claim:
    # the install prefix it sets is where a later `make install` puts the program
    reads_prefix = "configure" in name or name == "autogen.sh"  # autogen.sh passes its arguments to configure
    configured = _configured_prefix(_configure_args(cmd, ctx), reads_prefix)
    sets = [("PREFIX", configured)] if configured else []  # `$?WORD`: a prefix the file does not show
    makefiles = _generated(cmd, ctx, name, argv0)
    configures = reads_prefix or (name == "cmake" and not {"--build", "-E", "-P", "--version"} & set(cmd.args))
    if configures:  # what it says of the folders outside the prefix replaces what was said before
        folder = makefiles[0] if makefiles else ctx.workdir
        why = _sent_outside(cmd, name, configured if configured and "$" not in configured else "/usr/local")
        sets.append((_OUTSIDE, f"{folder}\n{why}" if why else ""))
    return Claim(Role.BUILD, NAME, f"`{argv0 or name}` configures the build",
                 artifacts=(Artifact(ctx.workdir, reason="the build folder", whole_dir=True),),
                 sets_env=tuple(sets), makefiles=makefiles)


def _sent_outside(cmd: Command, name: str, prefix: str) -> str:
    """The option of a configure (an autogen.sh's, cmake's) that sends installed files outside ``prefix``
    (``--sysconfdir=/etc``, ``-DCMAKE_INSTALL_LIBDIR=/usr/lib``), or an autogen.sh's argument whose meaning is not
    known (kimchi's ``--system`` picks /usr, /etc and /var); "" when there is none."""
    args = cmd.args
    for k, a in enumerate(args):
        spaced = name == "cmake" and k > 0 and args[k - 1] == "-D"  # `-D CMAKE_INSTALL_LIBDIR=/usr/lib`
        if a is None:  # `--sysconfdir=$ETC`: a folder the file does not show
            text = ("-D" if spaced else "") + cmd.argv[k + 1].text
            if text.partition("=")[0] in _DIR_OPTIONS or text.startswith("-DCMAKE_INSTALL_"):
                return f"`{text}`"
            continue
        if spaced:
            a = "-D" + a
        if name == "cmake":
            m = re.match(r"-DCMAKE_INSTALL_(?:FULL_)?[A-Z]+DIR(?::[A-Z]+)?=(.*)", a)
            value = m.group(1) if m and a.split("=", 1)[0].split(":")[0] != "-DCMAKE_INSTALL_PREFIX" else None
        else:
            option, eq, value = a.partition("=")
            if option in _DIR_OPTIONS and not eq:
                value = args[k + 1] if k + 1 < len(args) else None
                if value is None:
                    return f"`{a}`"
            elif option not in _DIR_OPTIONS:
                value = None
                taken = k > 0 and args[k - 1] in _DIR_OPTIONS | {"--prefix"}
                if name == "autogen.sh" and not taken and option != "--prefix" and not a.startswith(_FEATURE_OPTIONS) \
                        and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", a):  # CFLAGS=-O2 goes to configure too
                    return f"autogen.sh's `{a}`, which the tool does not know"
        if value is not None and (value.startswith("/") or "$" in value) and \
                not (value.startswith(prefix.rstrip("/") + "/") or value == prefix):
            return f"`{a}`" if "=" in a else f"`{a} {value}`"
    return ""


def _configure_args(cmd: Command, ctx: RunContext) -> list[str]:
    """The arguments of a configure step, with the variables' values the file shows (``cmake .. ${CMAKEFLAGS}``,
    split as the shell splits them); a word whose value is not known and may name the prefix is marked."""
    args: list[str] = []
    for w in cmd.argv[1:]:
        if w.value is not None:
            args.append(w.value)
            continue
        value = w.text if "$(" in w.text or "`" in w.text else expand(w.text, ctx.env)
        option = _OPTION.match(w.text)
        if "$" not in value and "`" not in value:
            args += [value] if w.text.startswith('"') else value.split()
        elif option is None or option.group(1) in ("--prefix", "-DCMAKE_INSTALL_PREFIX"):
            args.append(_UNKNOWN + w.text)  # `$FLAGS`, or the prefix option itself with an unknown value
    if cmd.name == "cmake":  # `-D CMAKE_INSTALL_PREFIX=/usr`: cmake reads the definition from the next word too
        merged: list[str] = []
        for a in args:
            if merged and merged[-1] == "-D" and not a.startswith(_UNKNOWN):
                merged[-1] = "-D" + a
            else:
                merged.append(a)
        args = merged
    return args


def _configured_prefix(args: list[str], reads_prefix: bool) -> str | None:
    """The install prefix ``--prefix`` (configure, autogen.sh) or ``-DCMAKE_INSTALL_PREFIX`` (cmake) sets, the
    last one given; after a word whose value is not known, which may set it too: ``$?`` and that word, whose
    ``$`` tells a later install the prefix is not known. None: the default prefix."""
    configured = None
    for k, a in enumerate(args):
        if a.startswith(_UNKNOWN):
            configured = "$?" + a[len(_UNKNOWN):]
        elif reads_prefix and a.startswith("--prefix"):
            configured = option_value(tuple(args[k:k + 2]), "--prefix") or configured
        elif a.startswith(("-DCMAKE_INSTALL_PREFIX=", "-DCMAKE_INSTALL_PREFIX:")):
            configured = a.split("=", 1)[1]  # -DCMAKE_INSTALL_PREFIX=/x or -DCMAKE_INSTALL_PREFIX:PATH=/x
    return configured


_UNKNOWN = "\0"  # marks a word whose value is not known
# an option named literally, whose value alone has variables (`--build=$CBUILD` names no prefix)
_OPTION = re.compile(r"^(-[A-Za-z0-9_-]+)[=:]")


def _generated(cmd: Command, ctx: RunContext, name: str, argv0: str) -> tuple[str, Makefiles] | None:
    """The folder whose build files the command writes, when they are known to honour DESTDIR."""
    if name in _AUTOMAKE:
        return ctx.workdir, Makefiles.AUTOTOOLS
    if name == "configure":
        script = posixpath.dirname(ctx.abspath(argv0 or "./configure"))
        if ctx.made_by(script) is Makefiles.AUTOTOOLS or _automake_in_context(ctx, script) or \
                _AUTOMAKE_OPTIONS & set(cmd.args):
            return ctx.workdir, Makefiles.AUTOCONF
        return None
    if name == "cmake" and not {"--build", "-E", "-P", "--version"} & set(cmd.args):
        generator = option_value(cmd.args, "-G")
        if generator is None or generator == "Unix Makefiles":
            return ctx.abspath(option_value(cmd.args, "-B") or "."), Makefiles.CMAKE
    return None


def _automake_in_context(ctx: RunContext, folder: str) -> bool:
    """The build context has the folder's Makefile.in, and automake generated it."""
    text = ctx.read_file(posixpath.join(folder, "Makefile.in"))
    return text is not None and "generated by automake" in text[:2000]


PASS = Pass(NAME, "C and C++: make, cmake, configure, compilers", claim)
