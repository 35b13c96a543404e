"""A C or C++ program the builder can link statically, so that the runtime needs no C library: scratch.

As Go's CGO_ENABLED=0, for the simplest native builds only: every build step is one compiler command
that compiles and links its sources (``gcc -o app main.c``), links no library but the C library's own
(-lm, -lpthread, -lrt), and whose sources the build context holds and call none of the functions a
static glibc cannot serve (name service lookups: getaddrinfo, getpwnam...; dlopen; iconv).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .analysis import ContextReader, option_value, read_from_context
from .claims import Role
from .shell import Command
from .walk import Decision

COMPILERS = frozenset({"gcc", "g++", "cc", "c++", "clang", "clang++"})
_LIBC_LIBRARIES = frozenset({"m", "pthread", "rt", "c"})
_NOT_A_LINK = frozenset({"-c", "-S", "-E", "-M", "-MM", "-shared", "-fPIC", "-fpic", "-shared-libgcc"})
_SOURCES = (".c", ".cc", ".cpp", ".cxx", ".c++")
# what a statically linked glibc program cannot do (it loads NSS modules or other shared objects at run time)
_DYNAMIC_ONLY = re.compile(r"\b(getaddrinfo|getnameinfo|gethostbyname2?|gethostbyaddr|getpwnam|getpwuid|getpwent|"
                           r"getgrnam|getgrgid|getgrent|getservbyname|getservbyport|getprotobyname|initgroups|"
                           r"getlogin|dlopen|iconv_open)\s*\(")


def static_links(decisions: Sequence[Decision], read_context: ContextReader) -> tuple[int, ...]:
    """The decisions whose compiler commands the builder links with -static; () when not every build step
    can be (then nothing is)."""
    found: list[int] = []
    for k, d in enumerate(decisions):
        builds = [c for c, cl in zip(d.commands, d.claims, strict=True) if cl.role is Role.BUILD]
        if not builds:
            continue
        if not d.splittable or not all(_links_alone(c, d.workdir, read_context) for c in builds):
            return ()
        found.append(k)
    return tuple(found)


def _links_alone(cmd: Command, workdir: str, read_context: ContextReader) -> bool:
    """Whether a compiler command compiles and links sources of the context that a static link serves."""
    args = cmd.args
    if cmd.name not in COMPILERS or any(a is None for a in args) or not option_value(args, "-o"):
        return False
    words = [a for a in args if a is not None]
    if any(a in _NOT_A_LINK or a.startswith(("-Wl,", "-L", "-B", "@", "-fuse-ld", "-static-pie")) for a in words):
        return False
    libraries = [a[2:] or (words[i + 1] if i + 1 < len(words) else "") for i, a in enumerate(words)
                 if a.startswith("-l")]
    if any(lib not in _LIBC_LIBRARIES for lib in libraries):
        return False
    sources = [a for a in words if a.endswith(_SOURCES) and not a.startswith("-")]
    if not sources or any(a.endswith((".o", ".a", ".so")) for a in words):
        return False
    for source in sources:
        text = read_from_context(read_context, workdir, source)
        if text is None or _DYNAMIC_ONLY.search(text):
            return False
    return True
