"""C and C++: make, cmake, configure, compilers."""

from __future__ import annotations

import dataclasses
import enum
import posixpath
import re
import shlex
from collections.abc import Iterator

from ..analysis import (
    Artifact,
    Claim,
    Makefiles,
    Role,
    RunContext,
    cmake_source,
    context_location,
    expand,
    make_targets,
    make_value_at,
    no_context,
    option_value,
    positional,
)
from ..claims import (
    MERGED_USR_TOPS,
    PATH_FOLDERS,
    STAGING,
    STATIC_LIBRARIES_PRUNED,
    STATIC_LIBRARIES_PRUNED_WHY,
    Finish,
    Pass,
    StagedInstall,
    StageFacts,
    staged_path,
)
from ..distro import buildpack_dev_base
from ..images import USR_LOCAL, usr_local_has_files
from ..packages import DevRuntime, LibrarySource, python_headers, runtime_libraries
from ..shell import Command
from ..tracking import tracked

NAME = "native"

_COMPILERS = ("gcc", "g++", "cc", "c++", "clang", "clang++")
# autoheader and autopoint are autoconf's and gettext's steps of a project's bootstrap script, between aclocal and
# automake (rp22c haproxytech/spoa-mirror's scripts/bootstrap: aclocal, autoheader, automake, autoconf)
_BUILDERS = ("cmake", "ninja", "meson", "autoreconf", "autoconf", "autoheader", "autopoint", "automake", "aclocal",
             "libtoolize", "./configure", "configure", "bootstrap", "./bootstrap", "autogen.sh", "./autogen.sh",
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
# Makefiles taken to honour DESTDIR on the evidence of a configure step, as distributions do (Debian's debhelper
# installs every configure/Makefile build with `make install DESTDIR=...`): a configure script (GNU's conventions
# make DESTDIR part of its Makefiles' install), or an autogen.sh, which runs configure with its arguments. The builder
# checks the assumption: it stops if the staged install wrote anything into the folders it installs into
_ASSUMED = frozenset({Makefiles.CONFIGURE, Makefiles.AUTOGEN})
_ASSUMPTIONS = {Makefiles.CONFIGURE: "the Makefile a configure script wrote honours DESTDIR",
                Makefiles.AUTOGEN: "autogen.sh ran the configure it made, so that automake wrote the Makefile"}
# the file whose time marks the start of an assumed staged install (what is newer was written by it)
_STAMP = "/tmp/destdir.stamp"
# the build files whose install prefix is known when the command gives none: configure's and cmake's default,
# /usr/local, or the --prefix the configure was given (the PREFIX it leaves); a hand-written Makefile has its own
_DEFAULTS = frozenset({Makefiles.AUTOCONF, Makefiles.AUTOGEN, Makefiles.CONFIGURE, Makefiles.NO_DESTDIR,
                       Makefiles.CMAKE})
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
# a configure of a project's own making that names where installed files go with `--NAME-path=` (nginx's
# --sbin-path=/usr/sbin/nginx, --modules-path=, --conf-path=): outside the prefix, as autoconf's folder options; not
# a feature's or package's (PHP's --with-config-file-path= is where php reads its ini, which its install leaves out)
_PATH_OPTION = re.compile(r"--(?!with-|without-|enable-|disable-)[a-z][a-z0-9-]*-path")
# what an autogen.sh passes on to configure that does not move files: features, packages, the systems built for
_FEATURE_OPTIONS = ("--enable-", "--disable-", "--with-", "--without-", "--host=", "--build=", "--target=")
# pseudo-variable (no shell can name it): the folder whose configure sends files outside its prefix, and why
_OUTSIDE = "native:outside"
# the folders of the PATH the configure names as the path of a file, after the build folder (_folders_named)
_NAMED = "native:named-folders"
_HONOURS = {Makefiles.AUTOCONF: "automake wrote its Makefile, and automake's install rules honour DESTDIR",
            Makefiles.CMAKE: "cmake wrote its build files, and cmake's install honours DESTDIR",
            Makefiles.CONFIGURE: "a configure script wrote its Makefile, whose install is assumed to honour DESTDIR, "
                                 "as GNU's conventions have it and as distributions' packaging takes it",
            Makefiles.AUTOGEN: "autogen.sh made its configure and is assumed to have run it, as such scripts do, so "
                               "that automake wrote its Makefile, whose install rules honour DESTDIR"}


# a sanitizer's option (-fsanitize=address,undefined): the program links the sanitizer's run-time library
_SANITIZE = re.compile(r"(?<![\w-])-fsanitize=([\w,-]+)")
# the libraries GCC's sanitizers link, which come with the compiler's packages (libasan8 is a dependency of gcc-12)
_SANITIZER_LIBRARIES = {"address": "libasan", "thread": "libtsan", "leak": "liblsan", "undefined": "libubsan",
                        "hwaddress": "libhwasan"}
# OpenMP in a build's options or build files (-fopenmp; CMake's find_package(OpenMP); autoconf's AC_OPENMP, whose
# Makefile.in passes $(OPENMP_CFLAGS)): GCC links its OpenMP library, which comes with the compiler, not the images
_OPENMP = re.compile(r"(?<![\w-])-fopenmp\b|find_package\s*\(\s*OpenMP\b|\bOPENMP_C(?:XX)?FLAGS\b")
# the package of GCC's OpenMP library, by package manager (libgomp1 is a dependency of gcc's own packages)
_OPENMP_LIBRARY = {"apt": "libgomp1", "apk": "libgomp"}


# what the runtime assumes of a make or CMake build whose build files the tool could not read (no build context)
_UNREAD_BUILD_FILES = ("assumed: the build files (Makefile, CMakeLists.txt), which the build context does not give, "
                       "link no library of the compiler's own (OpenMP's libgomp, a sanitizer's), only the C library "
                       "and those of the packages the file installs; `msrefactor verify` in the build context checks "
                       "it")


class _Tag(enum.Enum):
    OPENMP = "links GCC's OpenMP library (libgomp)"
    LINKS = "may link libraries besides the C library's (named, or in build files the tool cannot read)"


# a library a build names besides the C library's own: -lNAME, CMake's target_link_libraries and link_libraries
# (their names), and the ways build files find one (pkg-config, find_package/pkg_check_modules/find_library,
# autoconf's checks)
_LINKED = re.compile(r"(?<![\w-])-l\s*([A-Za-z][\w+.-]*)|(?:target_)?link_libraries\s*\(([^)]*)\)"
                     r"|pkg-config|pkg_check_modules|find_package|find_library|AC_CHECK_LIB|AC_SEARCH_LIBS"
                     r"|PKG_CHECK_MODULES")
_CMAKE_SCOPES = frozenset({"PRIVATE", "PUBLIC", "INTERFACE"})
_LIBC_LIBRARIES = frozenset({"m", "pthread", "rt", "c", "dl", "util", "crypt", "resolv", "stdc++", "gcc", "gcc_s"})


# the variables a build's flags come from (the environment, make's command line, a hand-written Makefile); make's
# built-in rules link $(LDLIBS) and $(LOADLIBES), which the environment may set
_FLAG_VARIABLES = ("CFLAGS", "CXXFLAGS", "CPPFLAGS", "LDFLAGS", "LDLIBS", "LOADLIBES")


def _flag_sources(cmd: Command, ctx: RunContext, where: str) -> list[tuple[str, str]]:
    """Where a build step's compiler options are, each with its name: the command's words (cmake's
    -DCMAKE_CXX_FLAGS), a flag variable of the environment, the Makefile of ``where`` or the CMakeLists.txt cmake
    configures (lines that are not comments)."""
    words = " ".join(a for a in cmd.args if a)
    sources: list[tuple[str, str]] = [(words, "the command line")]
    sources += [(v, f"{k} in the environment") for k in _FLAG_VARIABLES if (v := ctx.getenv(k))]
    if cmd.name == "cmake" and not {"--build", "--install", "-E", "-P"} & set(cmd.args):
        given = cmake_source(cmd.args) or "."
        text = ctx.read_file(posixpath.join(given, "CMakeLists.txt"))
        if text is not None:
            lines = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
            sources.append((lines, f"the CMakeLists.txt of {ctx.abspath(given)}"))
    if cmd.name == "make":
        for makefile in ("GNUmakefile", "makefile", "Makefile"):
            text = ctx.read_file(posixpath.join(where, makefile))
            if text is not None:
                lines = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("#"))
                sources.append((lines, f"the {makefile} of {where}"))
                break
    return sources


def _sanitizer(cmd: Command, ctx: RunContext, where: str) -> tuple[str, str] | None:
    """The sanitizer a build step links and where its option is (:func:`_flag_sources`)."""
    for text, place in _flag_sources(cmd, ctx, where):
        found = _SANITIZE.search(text)
        if found:
            return found.group(1), place
    return None


def _sanitized(cmd: Command, ctx: RunContext, where: str) -> Claim | None:
    """A build that links a sanitizer's run-time library, which comes with the compiler: a runtime without the
    compiler lacks it, and the program does not start (a runtime that installs it would need its versioned name,
    libasan8 on GCC 12, libasan5 on GCC 9)."""
    found = _sanitizer(cmd, ctx, where)
    if found is None:
        return None
    kinds, place = found
    libs = [_SANITIZER_LIBRARIES[k] for k in kinds.split(",") if k in _SANITIZER_LIBRARIES] or ["its library"]
    return Claim(Role.BLOCKED, NAME, f"`{cmd.name}` builds with -fsanitize={kinds} ({place}): the program links "
                                     f"the sanitizer's run-time library ({', '.join(dict.fromkeys(libs))}), which "
                                     "comes with the compiler's packages and which a runtime without the compiler "
                                     "lacks")


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    found = _claim(cmd, ctx)
    if found is None or found.role is not Role.BUILD or found.ecosystem != NAME \
            or not (cmd.name in ("make", "cmake") or cmd.name in _COMPILERS):
        return found
    directory = option_value(cmd.args, "-C") if cmd.name == "make" else None
    where = ctx.abspath(directory) if directory else ctx.workdir
    sources = _flag_sources(cmd, ctx, where)
    if any(_OPENMP.search(text) for text, _ in sources):
        return dataclasses.replace(found, tag=_Tag.OPENMP)
    return dataclasses.replace(found, tag=_Tag.LINKS) if _may_link(cmd, ctx, where, sources) else found


def _built_in_rules(ctx: RunContext, where: str) -> bool:
    """Whether the build context gives the folder make runs in, without a Makefile: make's built-in rules (``make
    prog`` compiles prog.c), which link $LDLIBS alone."""
    found = context_location(ctx.copied, where, ctx.read_context)
    listing = ctx.read_context(found.rstrip("/") + "/") if found is not None else None
    return listing is not None and not {"Makefile", "makefile", "GNUmakefile"} & set(listing.splitlines())


def _may_link(cmd: Command, ctx: RunContext, where: str, sources: list[tuple[str, str]]) -> bool:
    """Whether a build step may link a library besides the C library's: one its words or build files name, or build
    files the tool could not read (a hand-written Makefile or a CMakeLists.txt the build context does not give, a
    Makefile a configure script wrote), or words it cannot tell (a variable, a command's output). A make of the
    Makefiles cmake wrote, and `cmake --build`, link what the cmake that configured them named (its own step)."""
    if cmd.name == "cmake" and {"--build", "--install", "-E", "-P"} & set(cmd.args):
        return False
    if cmd.name == "make" and ctx.made_by(where) in (Makefiles.CMAKE, Makefiles.CMAKE_NINJA):
        return False
    read = len(sources) - 1 - sum(1 for _, place in sources if place.endswith("in the environment"))
    if any(a is None for a in cmd.args) or (cmd.name in ("make", "cmake") and read < 1 and not (
            cmd.name == "make" and ctx.made_by(where) is None and _built_in_rules(ctx, where))):
        return True
    return any(_links_other(m, text) for text, _ in sources for m in _LINKED.finditer(text))


def _links_other(found: re.Match[str], text: str) -> bool:
    """Whether a match of :data:`_LINKED` in ``text`` names a library besides the C library's and the project's
    own (one its build files make: ``-L. -lmotd`` beside libmotd.so.1, ``add_library(greet ...)``)."""
    if found.group(1) is not None:
        name = found.group(1)
        return name not in _LIBC_LIBRARIES and not re.search(rf"\blib{re.escape(name)}\.(so|a)\b", text)
    if found.group(2) is not None:
        names = found.group(2).split()[1:] if found.group(0).startswith("target_") else found.group(2).split()
        own = set(re.findall(r"add_library\s*\(\s*([\w.+-]+)", text))
        return any(n not in _CMAKE_SCOPES and n not in _LIBC_LIBRARIES and n not in own for n in names)
    return True


def _claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    argv0 = cmd.argv[0].value or ""
    if name == "make":
        directory = option_value(cmd.args, "-C")
        where = ctx.abspath(directory) if directory else ctx.workdir
        targets = make_targets(cmd.args)
        if targets and all(t in ("test", "check", "tests") for t in targets):
            return Claim(Role.TEST, NAME, "`make test` runs the tests")
        sanitized = _sanitized(cmd, ctx, where)
        if sanitized is not None:
            return sanitized
        # `make install-lib`, `make altinstall` (Python's), `make suidinstall` (kismet's), `make install_sw`
        # (OpenSSL's): an install of the Makefile's own, not the build folder's files
        other = next((t for t in targets if "install" in t and t not in _INSTALLS), None)
        if other is not None:
            return Claim(Role.BLOCKED, NAME, f"`make {other}` installs where the Makefile says, which the tool "
                                             "does not read")
        if any(t in _INSTALLS for t in targets):
            return _make_install(cmd, ctx, where)
        return Claim(Role.BUILD, NAME, "make builds the program",
                     artifacts=(Artifact(where, reason="the build folder", whole_dir=True),))
    if name in _COMPILERS:
        sanitized = _sanitized(cmd, ctx, ctx.workdir)
        if sanitized is not None:
            return sanitized
        out = option_value(cmd.args, "-o")
        art = Artifact(ctx.abspath(out), reason="the compiled program") if out else \
            Artifact(ctx.workdir, reason="the build folder", whole_dir=True)
        return Claim(Role.BUILD, NAME, f"`{name}` compiles the program", artifacts=(art,))
    if name == "cmake":
        sanitized = _sanitized(cmd, ctx, ctx.workdir)
        if sanitized is not None:
            return sanitized
    if name == "ninja" and any(t in _INSTALLS for t in _ninja_targets(cmd.args)):
        return _ninja_install(cmd, ctx)
    if name == "meson" and positional(cmd.args)[:1] == ["install"]:
        return Claim(Role.BLOCKED, NAME, "`meson install` installs where the build was set up (meson's prefix, "
                                         "libdir...), which the tool does not read")
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
    named = given.get("PREFIX") or given.get("prefix")
    made = ctx.made_by(where)
    if named is None and made not in _DEFAULTS:
        return _unknown_prefix(cmd, ctx, where)
    prefix = named or ctx.getenv("PREFIX") or "/usr/local"
    return _install(cmd, ctx, prefix, "make install", "make install", made, where, *_outside(ctx, where))


def _unknown_prefix(cmd: Command, ctx: RunContext, where: str) -> Claim:
    """``make install`` with no prefix on the command line, of a Makefile no configure script or cmake wrote (a
    hand-written one): it installs into its own default, /usr/local or /usr (many say ``PREFIX = /usr``), which a
    PREFIX in the environment (set by the file, or a configure of another folder) does not override when the
    Makefile assigns it. Tracked over /usr, which holds both; else blocked: copying /usr/local whole would leave a
    Makefile's /usr out of the runtime unseen."""
    tracked = _tracked(cmd, ctx, "/usr", "make install", where, known=False)
    if isinstance(tracked, Claim):
        return tracked
    return Claim(Role.BLOCKED, NAME, "`make install` installs into the prefix its Makefile sets, which is not known: "
                                     "no PREFIX is given on the command line and no configure script or cmake wrote "
                                     f"the Makefile of {where} (a hand-written one's default may be /usr/local or "
                                     "/usr, and a PREFIX in the environment is ignored by one that assigns it), so "
                                     f"copying /usr/local could leave its files out of the runtime unseen; {tracked}")


# ninja's options that take the next word (-j 4, -C build, -f build.ninja, -t clean, -d explain, -w ...)
_NINJA_TAKES_VALUE = frozenset({"-C", "-f", "-j", "-k", "-l", "-t", "-d", "-w"})


def _ninja_targets(args: tuple[str | None, ...]) -> list[str | None]:
    return positional(args, _NINJA_TAKES_VALUE)


def _ninja_install(cmd: Command, ctx: RunContext) -> Claim | None:
    """``ninja install`` (``ninja -C build install``): cmake's install when cmake wrote the folder's build.ninja
    (``cmake -G Ninja``), which reads DESTDIR from the environment; else where it installs is not known (meson's
    prefix and libdir, a hand-written build.ninja)."""
    directory = option_value(cmd.args, "-C")
    where = ctx.abspath(directory) if directory else ctx.workdir
    if ctx.made_by(where) is not Makefiles.CMAKE_NINJA:
        return Claim(Role.BLOCKED, NAME, f"`ninja install` installs where the build.ninja of {where} says, and no "
                                         "cmake -G Ninja wrote it in the stage (meson's, or a hand-written one): "
                                         "where it installs is not known")
    prefix = ctx.getenv("PREFIX") or "/usr/local"
    return _install(cmd, ctx, prefix, "ninja install", "ninja install", Makefiles.CMAKE, where,
                    *_outside(ctx, where))


def _cmake_install(cmd: Command, ctx: RunContext) -> Claim | None:
    """``cmake --install DIR`` or ``cmake --build DIR --target install``: cmake's install (its own, whatever
    the generator) reads DESTDIR from the environment."""
    shown = "cmake --install" if "--install" in cmd.args else "cmake --build --target install"
    prefix = option_value(cmd.args, "--prefix") or ctx.getenv("PREFIX") or "/usr/local"
    build = [a for a in positional(cmd.args, frozenset({"--install", "--build", "--prefix", "--target", "-t",
                                                         "--config", "--component", "-j", "--parallel"}))
             if a is not None]
    where = ctx.abspath(option_value(cmd.args, "--install", "--build") or (build[0] if build else "."))
    return _install(cmd, ctx, prefix, shown, "cmake", Makefiles.CMAKE, where, *_outside(ctx, where))


def _outside(ctx: RunContext, where: str) -> tuple[str, tuple[str, ...] | None]:
    """Why the install of the build folder ``where`` sends files outside its prefix, as the configure (cmake) of
    that folder said (``--sysconfdir=/etc``), "" when it does not; and the top folders it sends them to (None when
    one is not known: a variable, an autogen.sh argument)."""
    value = ctx.getenv(_OUTSIDE) or ""
    folder, _, rest = value.partition("\n")
    why, _, tops = rest.partition("\n")
    if not folder or not _under(where, folder):
        return "", ()
    return why, None if tops == "?" else tuple(tops.split())


def _folders_named(ctx: RunContext, where: str) -> list[str]:
    """The folders of the image's PATH that the configure of the build folder ``where`` names as the path of a file
    (nginx's ``--sbin-path=/usr/local/sbin``): its install copies the program into the folder there, but into the
    staging folder, where no such folder is, as a file of that name (read17: 32df39ac's BuildKit `cannot replace to
    directory ... with file`). The staged install makes them first."""
    folder, _, named = (ctx.getenv(_NAMED) or "").partition("\n")
    return named.split() if folder and _under(where, folder) else []


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _install(cmd: Command, ctx: RunContext, prefix: str, shown: str, installer: str, made: Makefiles | None,
             where: str = "", outside: str = "", tops: tuple[str, ...] | None = ()) -> Claim | None:
    """An install into ``prefix``: copied whole, or staged apart when it is one of the system's folders or when
    its configure sends files outside it (``outside``: why)."""
    if "$" in prefix:
        return Claim(Role.BLOCKED, NAME, f"`{shown}` installs into a prefix the file does not show "
                                         f"(`{prefix.removeprefix('$?')}`): where it installs is not known")
    prefix = ctx.abspath(prefix)
    what = f"what {installer} installed"
    if prefix in _SYSTEM_PREFIXES:
        return _staged(cmd, ctx, prefix, shown, made, where, tops=tops)
    if outside:  # the prefix alone would miss the files sent elsewhere: DESTDIR catches them all
        return _staged(cmd, ctx, prefix, shown, made, where, outside, tops)
    if prefix in USR_LOCAL and usr_local_has_files(ctx.image):
        if _honours(made) and _stageable(cmd, ctx):
            return _staged(cmd, ctx, prefix, shown, made, where, tops=tops)
        if not _honours(made):
            tracked = _tracked(cmd, ctx, prefix, shown, where)
            if isinstance(tracked, Claim):
                return tracked
        # copied whole, which the plan refuses when nothing else leaves the file alone first
        what += ("; not staged apart: the command is in a pipeline" if _honours(made) else
                 f"; not staged apart with DESTDIR: {_unstaged(made, where)}; {tracked}")
    return Claim(Role.BUILD, NAME, f"`{shown}` installs into " + prefix,
                 artifacts=(Artifact(prefix, reason=what, whole_dir=True,
                                     loader_cache=prefix in ("/usr/local", "/usr/local/lib")),))


def _honours(made: Makefiles | None) -> bool:
    """Whether the build files are known, or taken on a configure step's evidence (_ASSUMED), to honour DESTDIR."""
    return made in _HONOURS


def _stageable(cmd: Command, ctx: RunContext) -> bool:
    """Whether the tool can add a second install to the command (not in a pipeline)."""
    return not cmd.negated and ctx.piped_from is None


def _staged(cmd: Command, ctx: RunContext, prefix: str, shown: str, made: Makefiles | None,
            where: str = "", outside: str = "", tops: tuple[str, ...] | None = ()) -> Claim:
    """An install into the system's own folders (or into a /usr/local where the image has files of its own, or
    one its configure sends outside the prefix): staged a second time into a folder of the tool's own when the
    build files honour DESTDIR (autoconf/automake's and cmake's do; a configure script's are assumed to, and the
    builder checks it), else blocked."""
    mixed = _mixed(ctx, prefix, shown, outside)
    if prefix not in _STAGED_PREFIXES and not outside:
        return Claim(Role.BLOCKED, NAME, mixed)
    if made is None or not _honours(made):
        return _without_destdir(cmd, ctx, prefix, shown, made, where, outside, mixed)
    if not _stageable(cmd, ctx):
        return Claim(Role.BLOCKED, NAME, mixed + ": the tool does not add a staged install to a command in a "
                                              "pipeline")
    linked = [r for r in _roots(prefix, tops or ()) if r.strip("/") in MERGED_USR_TOPS]
    if linked:
        return Claim(Role.BLOCKED, NAME, mixed + f"; it installs into {linked[0]}, which a merged /usr (Debian 12, "
                                              f"Ubuntu 22.04) makes a link to usr{linked[0]}: the staged copy of that "
                                              "folder, copied to /, would take the place of the link")
    staged = _destdir_copy(cmd, ctx, prefix, shown, made, where, tops, mixed)
    if isinstance(staged, Claim):
        return staged
    copy, honours = staged
    where_to = f"{prefix} and outside it ({outside})" if outside else prefix
    return Claim(Role.BUILD, NAME, f"`{shown}` installs into {where_to}; the builder also installs it into "
                                   f"{STAGING} (DESTDIR), which the runtime copies to /",
                 artifacts=(Artifact(STAGING, dest="/", reason=f"what `{shown}` installs into {where_to}, installed "
                                     f"a second time apart from the system's files ({honours})"
                                     + STATIC_LIBRARIES_PRUNED_WHY,
                                     whole_dir=True),),
                 staged=dataclasses.replace(copy, prune=STATIC_LIBRARIES_PRUNED))


def _mixed(ctx: RunContext, prefix: str, shown: str, outside: str) -> str:
    """Why the install ``shown`` into ``prefix`` cannot be copied as a folder: what else lies there."""
    if outside:
        return (f"`{shown}` installs into {prefix} and, as the build was configured ({outside}), outside it: "
                "copying the prefix would leave those files out")
    among = f"where {ctx.image.shown} has files of its own" if prefix in USR_LOCAL else \
        "among the files of the system's packages"
    return f"`{shown}` installs into {prefix}, {among}: what the build added cannot be copied apart"


def _without_destdir(cmd: Command, ctx: RunContext, prefix: str, shown: str, made: Makefiles | None, where: str,
                     outside: str, mixed: str) -> Claim:
    """An install whose build files are not known to honour DESTDIR: tracked where it can be, else blocked."""
    tracked = _tracked(cmd, ctx, prefix, shown, where) if not outside else \
        "not tracked either: the tool tracks what an install adds under its prefix only"
    if isinstance(tracked, Claim):
        return tracked
    return Claim(Role.BLOCKED, NAME, mixed + f"; {_unstaged(made, where)}, so the tool cannot install a copy "
                                          "apart" + ("" if made is Makefiles.NO_DESTDIR else
                                                     " (one that ignores it would fail the build at the copy "
                                                     "of the staged folder, but one that honours it for some "
                                                     "files only would leave the others out of the runtime "
                                                     "unseen)") + f"; {tracked}")


def _destdir_copy(cmd: Command, ctx: RunContext, prefix: str, shown: str, made: Makefiles, where: str,
                  tops: tuple[str, ...] | None, mixed: str) -> tuple[StagedInstall, str] | Claim:
    """The staged install (DESTDIR) of ``cmd`` and why it is right (how its build files honour DESTDIR; checked by
    the builder where that is assumed), or the blocked claim where the check cannot be written."""
    copy = _copy(cmd, shown)
    named = _folders_named(ctx, where)
    if named:
        copy = dataclasses.replace(copy, before="mkdir -p " + " ".join(staged_path(f) for f in named) + " && ")
    honours = _HONOURS[made]
    if made not in _ASSUMED:
        return dataclasses.replace(copy, fold=_folded(prefix, tops)), honours
    checked = _checked(ctx, prefix, where, tops)
    if isinstance(checked, str):  # the check cannot be written
        return Claim(Role.BLOCKED, NAME, mixed + f"; the tool would stage it assuming that {_ASSUMPTIONS[made]}, "
                                              "which the builder checks by looking for files the staged install "
                                              f"wrote in the folders it installs into, but {checked}")
    return dataclasses.replace(copy, before=checked[0] + copy.before, after=checked[1], fold=_folded(prefix, tops)), \
        honours + (
        f"; the builder stops if the staged install writes files into {' or '.join(_roots(prefix, tops or ()))}: "
        "a Makefile that ignores DESTDIR, wholly or in part")


def _tracked(cmd: Command, ctx: RunContext, prefix: str, shown: str, where: str,
             known: bool = True) -> Claim | str:
    """An install into /usr or /usr/local whose build files are not known to honour DESTDIR (a hand-written
    Makefile), run as written and tracked (see :mod:`transformer.tracking`): the builder stops when the install
    changed anything else outside the build tree and the scratch folders (a Makefile that writes into /etc or
    ignores PREFIX). ``known``: False when the prefix the Makefile installs into is not known (tracked over /usr,
    which holds /usr/local). Else why not (the words after "not staged apart with DESTDIR: ...")."""
    return tracked(cmd, ctx, NAME, prefix, shown, _tree(ctx, where), known=known, static_pruned=True)


def _unstaged(made: Makefiles | None, where: str) -> str:
    """Why the install of ``where``, whose build files ``made`` wrote, is not known to honour DESTDIR."""
    if made is Makefiles.AUTOTOOLS:
        return (f"autoreconf made the configure of {where}, but no configure runs after it in the stage: make reads "
                "a Makefile configure did not write, and a hand-written Makefile may ignore DESTDIR")
    if made is Makefiles.NO_DESTDIR:
        return (f"the Makefile.in of {where} in the build context (what its configure fills in) never names DESTDIR "
                "and runs no other make: its install ignores DESTDIR")
    return (f"no configure script (autoconf's, autogen.sh's or a project's own) or cmake wrote the Makefile of "
            f"{where} in the stage, and a hand-written Makefile may ignore DESTDIR")


# the folders Debian's and Ubuntu's images have as links (/var/run -> /run, /var/lock -> /run/lock)
_LINKED_VAR = ("var/run", "var/lock")


def _folded(prefix: str, tops: tuple[str, ...] | None) -> str:
    """The builder's step after a staged install that may write into /var (nginx's ``--pid-path=/var/run/nginx.pid``
    makes var/run): what it staged in a real folder where the image has a link is moved to the link's target, so that
    the copy to / keeps the link. Without it, BuildKit's copy fails ("cannot copy to non-directory") and the classic
    builder replaces the link by an empty folder (read16, dev 32df39ac: both seen in the engine). The target keeps its
    own mode (/run/lock is 1777: read17 saw 755 after the copy without the chmod)."""
    if tops is not None and "/var" not in _roots(prefix, tops):
        return ""
    staged = STAGING
    return (f'for d in {" ".join(_LINKED_VAR)}; do if [ -d "{staged}/$d" ] && [ ! -L "{staged}/$d" ] && [ -L "/$d" ]; '
            f'then t="{staged}$(readlink -f "/$d")" && mkdir -p "$t" && chmod "$(stat -c %a "$(readlink -f "/$d")")" '
            f'"$t" && cp -a "{staged}/$d/." "$t/" && rm -rf "{staged}/$d"; fi; done')


def _roots(prefix: str, tops: tuple[str, ...]) -> list[str]:
    """The top folders an install into ``prefix`` writes into (/usr for /usr/local), with ``tops``, those its
    configure sends files to (/etc for ``--sysconfdir=/etc``)."""
    return sorted({_top(prefix), *tops})


def _top(path: str) -> str:
    return "/" + path.split("/")[1]


def _checked(ctx: RunContext, prefix: str, where: str, tops: tuple[str, ...] | None) -> tuple[str, str] | str:
    """The builder's check around a staged install: a stamp file before it, and after it a ``find`` of the files
    newer than it in the folders it installs into, which stops the build when the Makefile ignored DESTDIR, wholly
    or for some files; or why the check cannot be written. Left out: the build tree (which an install may write in),
    folders (a new file shows itself) and Python's bytecode (a Python run during the install writes it next to
    the modules it imports, which the official python images ship without)."""
    if tops is None:
        return "one of those folders is not known"  # a variable the file does not show, an autogen.sh option
    roots = _roots(prefix, tops)
    tree = _tree(ctx, where)
    pruned = [f for f in (tree, STAGING) if any(f != r and _under(f, r) for r in roots)]
    if "$" in "".join(pruned) or "`" in "".join(pruned):
        return f"its build folder {tree}, inside them, is named by a variable"
    paths = " -o ".join(f"-path {shlex.quote(f)}" for f in pruned)
    skip = [f"\\( {paths} \\) -prune -o" if len(pruned) > 1 else f"{paths} -prune -o"] if pruned else []
    test = f"-newer {_STAMP} ! -type d ! -name '*.pyc'"
    find = " ".join(["find", *roots, *skip, test, *(["-print"] if pruned else [])])
    return f"touch {_STAMP} && ", f' && {{ test -z "$({find})" || exit 1; }}'


def _tree(ctx: RunContext, where: str) -> str:
    """The folder whose configure wrote the build files of ``where`` (the build tree), else ``where``."""
    return next((folder for folder, _ in reversed(ctx.makefiles) if _under(where, folder)), where)


def _copy(cmd: Command, shown: str) -> StagedInstall:
    if shown.startswith(("cmake", "ninja")):  # cmake's install (run by ninja's) reads DESTDIR from the environment
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
    configures = reads_prefix or (name == "cmake" and not {"--build", "-E", "-P", "--version"} & set(cmd.args))
    # only a configure sets the prefix: `cmake --build DIR -j"$(nproc)"` names none (modern 013)
    configured = _configured_prefix(_configure_args(cmd, ctx), reads_prefix) if configures else None
    sets = [("PREFIX", configured)] if configured else []  # `$?WORD`: a prefix the file does not show
    makefiles = _generated(cmd, ctx, name, argv0)
    if configures:  # what it says of the folders outside the prefix replaces what was said before
        folder = makefiles[0] if makefiles else ctx.workdir
        sent = list(_sent_outside(cmd, name, configured if configured and "$" not in configured else "/usr/local"))
        tops = {_top(value) if value and "$" not in value else "?" for _, value in sent}
        tops = {"?"} if "?" in tops else tops
        sets.append((_OUTSIDE, f"{folder}\n{sent[0][0]}\n{' '.join(sorted(tops))}" if sent else ""))
        named = sorted({a.split("=", 1)[1] for a in cmd.args if a and a.startswith("--") and "=" in a
                        and a.split("=", 1)[1] in PATH_FOLDERS})  # `--sbin-path=/usr/local/sbin`
        sets.append((_NAMED, f"{folder}\n{' '.join(named)}" if named else ""))
    # cmake writes the build files in the folder -B names (`cmake -S src -B build`) and builds in the one --build
    # names: that folder where it lies outside the one it runs in (or that one is /: modern 013, `-B
    # /tmp/libfreenect/build` in /), else the whole folder it runs in, as for the other configures
    built = option_value(cmd.args, "-B") or option_value(cmd.args, "--build") if name == "cmake" else None
    apart = ctx.abspath(built) if built else ctx.workdir
    folder = apart if ctx.workdir == "/" or not _under(apart, ctx.workdir) else ctx.workdir
    return Claim(Role.BUILD, NAME, f"`{argv0 or name}` configures the build",
                 artifacts=(Artifact(folder, reason="the build folder", whole_dir=True),),
                 sets_env=tuple(sets), makefiles=makefiles)


def _sent_outside(cmd: Command, name: str, prefix: str) -> Iterator[tuple[str, str | None]]:
    """The options of a configure (an autogen.sh's, cmake's) that send installed files outside ``prefix``
    (``--sysconfdir=/etc``, ``-DCMAKE_INSTALL_LIBDIR=/usr/lib``), or an autogen.sh's argument whose meaning is not
    known (kimchi's ``--system`` picks /usr, /etc and /var): each as shown, with the folder it names (None when
    not known)."""
    args = cmd.args
    for k, a in enumerate(args):
        spaced = name == "cmake" and k > 0 and args[k - 1] == "-D"  # `-D CMAKE_INSTALL_LIBDIR=/usr/lib`
        if a is None:  # `--sysconfdir=$ETC`: a folder the file does not show
            text = ("-D" if spaced else "") + cmd.argv[k + 1].text
            if text.partition("=")[0] in _DIR_OPTIONS or text.startswith("-DCMAKE_INSTALL_"):
                yield f"`{text}`", None
            continue
        if spaced:
            a = "-D" + a
        if name == "cmake":
            # a project's own install folders too (MariaDB's `-DINSTALL_LIBDIR=/usr/lib`, KDE's LIB_INSTALL_DIR:
            # rp28review AndreBaretta/Dafoe, whose runtime copied /usr/local and lacked the library in /usr/lib)
            m = re.match(r"-D(?:CMAKE_INSTALL_(?:FULL_)?[A-Z]+DIR|[A-Z0-9_]*INSTALL[A-Z0-9_]*)(?::[A-Z]+)?=(.*)", a)
            value = m.group(1) if m and a.split("=", 1)[0].split(":")[0] != "-DCMAKE_INSTALL_PREFIX" else None
        else:
            option, eq, value = a.partition("=")
            if option in _DIR_OPTIONS and not eq:
                value = args[k + 1] if k + 1 < len(args) else None
                if value is None:
                    yield f"`{a}`", None
                    continue
            elif option not in _DIR_OPTIONS and not (eq and name == "configure" and _PATH_OPTION.fullmatch(option)):
                value = None
                taken = k > 0 and args[k - 1] in _DIR_OPTIONS | {"--prefix"}
                if name == "autogen.sh" and not taken and option != "--prefix" and not a.startswith(_FEATURE_OPTIONS) \
                        and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", a):  # CFLAGS=-O2 goes to configure too
                    yield f"autogen.sh's `{a}`, which the tool does not know", None
        if value is not None and (value.startswith("/") or "$" in value) and \
                not (value.startswith(prefix.rstrip("/") + "/") or value == prefix):
            yield (f"`{a}`" if "=" in a else f"`{a} {value}`"), value


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
        return ctx.workdir, Makefiles.AUTOGEN if name == "autogen.sh" else Makefiles.AUTOTOOLS
    if name == "configure":
        script = posixpath.dirname(ctx.abspath(argv0 or "./configure"))
        if ctx.made_by(script) in (Makefiles.AUTOTOOLS, Makefiles.AUTOGEN) or _automake_in_context(ctx, script) or \
                _AUTOMAKE_OPTIONS & set(cmd.args):
            return ctx.workdir, Makefiles.AUTOCONF
        return ctx.workdir, Makefiles.NO_DESTDIR if _ignores_destdir(ctx, script) else Makefiles.CONFIGURE
    if name == "cmake" and not {"--build", "-E", "-P", "--version"} & set(cmd.args):
        generator = option_value(cmd.args, "-G")
        if generator is None or generator in ("Unix Makefiles", "Ninja"):  # both honour DESTDIR (cmake's install)
            return ctx.abspath(option_value(cmd.args, "-B") or "."), \
                Makefiles.CMAKE if generator != "Ninja" else Makefiles.CMAKE_NINJA
    return None


def _ignores_destdir(ctx: RunContext, folder: str) -> bool:
    """The build context has the folder's Makefile.in, which never names DESTDIR and installs by itself (it runs no
    make of other folders, whose Makefiles may honour it)."""
    text = ctx.read_file(posixpath.join(folder, "Makefile.in"))
    return text is not None and "DESTDIR" not in text and not re.search(r"\$[({]MAKE[)}]", text)


def _automake_in_context(ctx: RunContext, folder: str) -> bool:
    """The build context has the folder's Makefile.in, and automake generated it."""
    text = ctx.read_file(posixpath.join(folder, "Makefile.in"))
    return text is not None and "generated by automake" in text[:2000]


def finish(facts: StageFacts) -> Finish | None:
    """A program make, a configure script or a compiler built is linked against the C library, unless its build
    says otherwise, which the tool does not read (a Makefile that runs `go build` on the golang image, whose cgo is
    on: dev file 12068149): the runtime has the C library, not distroless static."""
    built = [(cmd, c) for d in facts.decisions for cmd, c in zip(d.commands, d.claims, strict=True)
             if c.role is Role.BUILD and c.ecosystem == NAME]
    if not built:
        return None
    listed = _image_headers(facts, [c for _, c in built])
    embeds = _embeds_python(facts)
    if not any(c.tag is _Tag.OPENMP for _, c in built):
        unread = facts.read_context in (None, no_context) and any(cmd.name in ("make", "cmake") for cmd, _ in built)
        found = Finish(needs_libc=True, notes=(*((_UNREAD_BUILD_FILES,) if unread else ()), *_listed_note(listed)),
                       by_ldd=listed)
        return dataclasses.replace(found, runtime_packages=embeds[0], notes=(*found.notes, *embeds[1]))
    library = _OPENMP_LIBRARY["apk" if facts.image.is_alpine else "apt"]
    openmp = (f"the build uses OpenMP: the program links GCC's OpenMP library, which comes with the compiler the "
              f"runtime leaves out, so the runtime installs {library}")
    return Finish(needs_libc=True, runtime_packages=(library,), by_ldd=listed,
                  notes=(*_listed_note(listed), openmp))


def _embeds_python(facts: StageFacts) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(packages, notes): the shared library of the Python whose headers the file installs with apt (python3-dev,
    python3.11-dev) for a C or C++ build, which may embed it (link libpython3.X: CMake's FindPython3 Development);
    Debian's python3 does not bring it (read19: a program linking -lpython3.11 lost libpython3.11.so.1.0)."""
    if facts.image.is_alpine:
        return (), ()
    installed = [p.split("=")[0] for d in facts.decisions for c in d.claims if c.packages is not None
                 and c.packages.action == "install" for p in c.packages.packages]
    headers = python_headers(installed)
    if headers is None:
        return (), ()
    package, dev = headers
    found = runtime_libraries([("the compiled program", dev)], list(facts.kept_packages), facts.release,
                              facts.image.shown)
    packages = tuple(p for _, d in found for p in d.packages)
    if not packages:
        return (), ()
    return packages, (f"the C or C++ build may embed the Python whose headers {package} installs (link its "
                      f"library): the runtime installs {', '.join(packages)}",)



# a library folder outside /usr/local (whose libraries the listing leaves out): /usr/lib, /lib64, /opt/sdk/lib
_LIBRARY_FOLDER = re.compile(r"^/(?!usr/local/)(.+/)?lib(32|64|x32)?(/|$)")


def _places_libraries(facts: StageFacts) -> bool:
    """Whether the file puts libraries in place itself, in a folder outside /usr/local (``COPY vendor/libacme.so
    /usr/lib/``, `-L/opt/sdk/lib`): no package owns them, and the builder's list of what the programs link would
    stop at them (dpkg-query finds no package)."""
    for d in facts.decisions:
        inst = d.inst
        if inst.cmd in ("copy", "add") and inst.value and _LIBRARY_FOLDER.match(
                posixpath.join(d.workdir, inst.value[-1])):
            return True
        if inst.cmd == "run" and re.search(r"(?<![\w-])-L\s*/(?!usr/local/)", inst.original):
            return True
    return False


def _listed_note(listed: tuple[DevRuntime, ...]) -> tuple[str, ...]:
    return tuple(f"{d.why}: the builder lists what the copied programs link (ldd), and the runtime installs their "
                 "packages" for d in listed)


def _image_headers(facts: StageFacts, built: list[Claim]) -> tuple[DevRuntime, ...]:
    """The -dev packages of an official image's buildpack-deps base (gcc's, the full python, node and ruby images':
    libsqlite3-dev, libssl-dev, libpq-dev...), whose libraries a build that may link more than the C library's
    uses without the file installing them: the builder lists what the copied programs link (ldd), for a runtime
    that lacks them (SavastaCoffee-Backend's Makefile links -lsqlite3 on gcc:12.2.0)."""
    full = buildpack_dev_base(facts.image.shown)
    if full is None or not any(c.tag in (_Tag.LINKS, _Tag.OPENMP) for c in built) or _places_libraries(facts):
        return ()
    why = (f"the C or C++ build may link libraries of the -dev packages {facts.image.shown} has from {full} "
           "(libsqlite3-dev, libssl-dev, libpq-dev...), which the file does not install")
    return (DevRuntime(f"{full}'s -dev packages", LibrarySource.LISTED, (), why),)


PASS = Pass(NAME, "C and C++: make, cmake, configure, compilers", claim, finish)
