"""Go: go build / go install (static binaries with CGO disabled), go test."""

from __future__ import annotations

import dataclasses
import enum
import posixpath
import re

from ..analysis import Artifact, Claim, Role, RunContext, option_value, positional
from ..claims import Finish, Pass, StageFacts
from ..images import ImageRef, minor_version
from ..packages import DevRuntime, LibrarySource
from ..shell import Command

NAME = "go"


# `import "C"`, alone or as a line of an import block; linear: the block is read up to its `)` once (a repeated group
# of lines there, `(?:[^)]*\n)*?`, took 2^n steps for a block of n imports without "C": read22, 30 imports, minutes)
_IMPORT_C = re.compile(r'^import\s+"C"|^import\s*\([^)]*?^\s*"C"\s*$', re.M)
_CGO_LINKS = re.compile(r"^\s*(?://\s*)?#cgo\b.*\b(LDFLAGS|pkg-config)", re.M)
_MAX_FILES = 2000


def _go_files(ctx: RunContext, folder: str, recursive: bool) -> list[str] | None:
    """The .go files of a folder of the build context (None: the context is not there)."""
    listing = ctx.read_context(folder + "/" if folder else "./")
    if listing is None:
        return None
    files: list[str] = []
    for entry in listing.splitlines():
        path = f"{folder}/{entry}" if folder else entry
        if entry.endswith("/"):
            if recursive and entry not in ("vendor/", "testdata/", ".git/") and len(files) < _MAX_FILES:
                files += _go_files(ctx, path.rstrip("/"), True) or []
        elif entry.endswith(".go") and not entry.endswith("_test.go"):
            files.append(path)
    return files


def _cgo(args: tuple[str | None, ...], ctx: RunContext) -> str | None:
    """"links": the packages built use cgo and link libraries; "libc": they use cgo; "" none; None unknown."""
    packages = [a for a in positional(args, _BUILD_TAKES_VALUE) if a]
    found = ""
    for pkg in packages or ["."]:
        recursive = pkg == "..." or pkg.endswith("/...")
        target = pkg[:-3] if recursive else pkg
        if target.endswith(".go"):
            target = posixpath.dirname(target)
        rel = posixpath.relpath(ctx.abspath(target or "."), ctx.workdir)
        if rel.startswith(".."):
            return None
        files = _go_files(ctx, "" if rel == "." else rel, recursive)
        if not files:  # no context, or one without the package's sources (not the build's own): unknown
            return None
        for f in files:
            text = ctx.read_context(f) or ""
            if _IMPORT_C.search(text):
                if _CGO_LINKS.search(text):
                    return "links"
                found = "libc"
            elif _IMPORTS_CGO_MODULE.search(text):  # GOPATH builds have no go.mod to name it
                found = "libc"
    return found


# -dev packages that are no C library's headers: the C library's own, the kernel's, other languages' sources
_NOT_LIBRARY_HEADERS = frozenset({"libc-dev", "libc6-dev", "musl-dev", "linux-libc-dev", "linux-headers"})
_NOT_LIBRARY_PREFIXES = ("golang-", "python", "ruby", "perl", "php", "nodejs", "linux-")


def _c_library_headers(installed: tuple[str, ...]) -> tuple[str, ...]:
    """The packages among ``installed`` that hold a C library's headers (libsqlite3-dev, libpcap-dev, sqlite-dev),
    which a Go package may link with cgo."""
    names = [p.split("=", 1)[0].split(":", 1)[0] for p in installed]
    return tuple(dict.fromkeys(n for n in names if n.endswith(("-dev", "-devel")) and n not in _NOT_LIBRARY_HEADERS
                               and not n.startswith(_NOT_LIBRARY_PREFIXES)))


# modules that work only with cgo: with CGO_ENABLED=0 go-sqlite3 builds a stub whose every database call fails at
# run time ("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3 requires cgo to work"), and confluent-kafka-go
# (librdkafka bundled, linked with cgo) leaves no Go file to build
_CGO_MODULES = ("github.com/mattn/go-sqlite3", "github.com/confluentinc/confluent-kafka-go")
_CGO_MODULE_NAMES = "|".join(re.escape(m) for m in _CGO_MODULES)
_IMPORTS_CGO_MODULE = re.compile(rf'^\s*(?:import\s+)?(?:[\w.]+\s+)?"(?:{_CGO_MODULE_NAMES})(?:/[^"]*)?"', re.M)
_REQUIRED = re.compile(r"^\s*(?:require\s+)?([\w.~/-]+)\s+v[\w.+-]+", re.M)


# packages that bring a C compiler or pkg-config (what cgo's `#cgo pkg-config:` runs): a stage that installs one
# before a Go build whose sources cannot be read compiles C for it (the golang images already have gcc)
_C_TOOLCHAIN = frozenset({"build-essential", "gcc", "g++", "clang", "musl-dev", "pkg-config", "pkgconf",
                          "pkgconfig", "build-base"})


def _c_toolchain(installed: tuple[str, ...]) -> tuple[str, ...]:
    """The packages among ``installed`` that bring a C compiler or pkg-config."""
    names = [p.split("=", 1)[0].split(":", 1)[0] for p in installed]
    return tuple(dict.fromkeys(n for n in names if n in _C_TOOLCHAIN))


def _cgo_modules(ctx: RunContext) -> tuple[str, ...]:
    """The modules of _CGO_MODULES that the go.mod of the build (in WORKDIR) requires, directly or not."""
    text = ctx.read_file("go.mod") or ""
    required = {m.group(1) for m in _REQUIRED.finditer(text)}
    return tuple(m for m in _CGO_MODULES if any(r == m or r.startswith(m + "/") for r in required))


_DEPENDENCY_TOOLS = {"godep": ("restore", "get", "go"), "glide": ("install", "up", "update", "get"),
                     "dep": ("ensure", "init"), "govendor": ("sync", "fetch", "add", "init"), "gpm": ("install",)}


def claim(cmd: Command, ctx: RunContext) -> Claim | None:
    name = cmd.name or ""
    if name == "godep" and cmd.args[:2] in (("go", "build"), ("go", "install")):
        # `godep go build` runs `go build` with the Godeps workspace on GOPATH: it builds what `go build` builds
        return claim(dataclasses.replace(cmd, argv=cmd.argv[1:]), ctx)
    if name in _DEPENDENCY_TOOLS and cmd.args[:1] and cmd.args[0] in _DEPENDENCY_TOOLS[name]:
        return Claim(Role.BUILD, NAME, f"`{name} {cmd.args[0]}` fetches the dependencies")
    if name == "go-wrapper" and cmd.args[:1] in (("download",), ("install",)):  # old golang images' helper
        return _get(cmd.args[1:], cmd, ctx) if cmd.args[0] == "install" else \
            Claim(Role.BUILD, NAME, "`go-wrapper download` fetches the dependencies")
    if name != "go" or not cmd.args:
        return None
    sub, args = cmd.args[0], cmd.args[1:]
    if sub == "get":
        return _get(args, cmd, ctx)
    if sub in ("build", "install"):
        return _build(sub, args, cmd, ctx)
    if sub == "test" and "-i" in args:
        # old Go's `go test -i` installs the packages the test depends on (with `-a`, the standard library again,
        # as CGO_ENABLED says) for the builds after it: a build step in its place, not a test (dev file 3c97685b)
        return Claim(Role.BUILD, NAME, "`go test -i` installs the packages the test depends on")
    if sub in ("test", "vet"):
        return Claim(Role.TEST, NAME, f"`go {sub}` checks the code")
    if sub in ("mod", "generate", "env", "version", "clean"):  # `go get` may install binaries: not claimed
        return Claim(Role.BUILD, NAME, f"`go {sub}` prepares the build")
    return None


def _get(args: tuple[str | None, ...], cmd: Command, ctx: RunContext) -> Claim:
    """``go get`` (GOPATH mode) fetches packages and installs their commands into GOPATH/bin; with -d, or
    in module mode, it only fetches: the folder may stay empty, so the builder makes it."""
    gopath = ctx.getenv("GOPATH") or "/go"
    gobin = ctx.getenv("GOBIN") or f"{gopath}/bin"
    if "-d" in args:
        return Claim(Role.BUILD, NAME, "`go get -d` fetches the sources", leaves_cache=_build_cache(ctx, fetches=True))
    # it builds the commands as `go install` does: with cgo as the image has it (on, with gcc), a command that
    # imports net or os/user links the C library dynamically, which a static runtime lacks; so cgo is decided
    # as for `go install` (off unless the code needs it, or on and the runtime has the C library)
    built = _build("install", args, cmd, ctx)
    return Claim(Role.BUILD, NAME, "`go get` fetches packages and installs their commands into " + gobin,
                 artifacts=(Artifact(gobin, reason="the commands go get installed", whole_dir=True, ensure=True),),
                 builder_env=built.builder_env if built else (), needs_libc=built.needs_libc if built else True,
                 note=built.note if built else "", leaves_cache=_build_cache(ctx, fetches=True))


# build flags that need cgo: the race detector and the sanitizers link C runtimes (with CGO_ENABLED=0 the build
# fails: "go: -race requires cgo; enable cgo by setting CGO_ENABLED=1"), and so does the external linker
_CGO_FLAGS = re.compile(r"^--?(race|msan|asan)(=true)?$")
_EXTERNAL_LINK = re.compile(r"-linkmode[= ]external\b")


def _cgo_flag(args: tuple[str | None, ...], goflags: str) -> str | None:
    """The build flag of ``args`` (or GOFLAGS) that needs cgo: -race, -msan, -asan, -linkmode external."""
    words = [a for a in args if a] + goflags.split()
    for word in words:
        if _CGO_FLAGS.match(word):
            return "-" + word.lstrip("-").split("=")[0]
        if _EXTERNAL_LINK.search(word):
            return "-linkmode external"
    return None


class _Tag(enum.Enum):
    CGO_ASKED = "cgo-asked"  # the file sets CGO_ENABLED=1 itself: what the binary links besides libc is not known


_LISTED = DevRuntime(
    "the cgo binary", LibrarySource.LEFT, (),
    why="the file builds the Go binary with CGO_ENABLED=1, and a module it uses may link a C library besides the C "
        "library (wasmer-go links libwasmer.so from the module cache), which the tool cannot know; the builder "
        "cannot list them for the runtime")


# the note of a build whose sources cannot be read, built with cgo off (the plan leaves it out where a runtime with
# the C library keeps cgo on)
ASSUMED_NO_CGO = ("assumed: the Go sources, which the build context does not give, do not use cgo, so the binary is "
                  "built with CGO_ENABLED=0 (a package that imports \"C\" would not build, and go-sqlite3 would "
                  "build a stub that fails at run time): `msrefactor verify` in the build context checks it")


def _build(sub: str, args: tuple[str | None, ...], cmd: Command, ctx: RunContext) -> Claim | None:
    claim = _build_claim(sub, args, cmd, ctx)
    if claim is not None and (dict(cmd.assignments).get("CGO_ENABLED") or ctx.getenv("CGO_ENABLED")) == "1":
        return dataclasses.replace(claim, tag=_Tag.CGO_ASKED)
    return claim


def _build_claim(sub: str, args: tuple[str | None, ...], cmd: Command, ctx: RunContext) -> Claim | None:
    cgo = dict(cmd.assignments).get("CGO_ENABLED") or ctx.getenv("CGO_ENABLED")
    note = ""
    flag = _cgo_flag(args, dict(cmd.assignments).get("GOFLAGS") or ctx.getenv("GOFLAGS") or "")
    if cgo is None and flag is not None:  # the flag needs cgo, and the binary links the C library
        cgo = "1"
        note = (f"`go {sub}` builds with {flag}, which needs cgo (with "
                "CGO_ENABLED=0 the build fails): cgo stays on, and the runtime has the C library")
    if cgo is None:
        uses = _cgo(args, ctx)
        if uses == "links":
            return None  # cgo linking C libraries: which run-time packages they need is not known
        if uses == "libc":  # `import "C"`: the build needs cgo, and the binary needs the C library
            cgo = "1"
            note = 'the Go code imports "C": cgo stays on, and the runtime has the C library'
        headers = _c_library_headers(ctx.installed) if uses in (None, "") else ()
        modules = _cgo_modules(ctx) if uses in (None, "") else ()
        if modules:  # go-sqlite3 bundles SQLite's sources: it needs no -dev package, only cgo and the C library
            cgo = "1"
            note = (f"go.mod requires {', '.join(modules)}, which works only with cgo (with CGO_ENABLED=0 "
                    "go-sqlite3 builds a stub that fails at run time): cgo stays on, and the runtime has the C "
                    "library")
        elif headers:  # built after the headers of a C library were installed: a dependency may link it
            cgo = "1"
            note = (f"the stage installs the headers of C libraries ({', '.join(headers[:3])}) before the Go build, "
                    "whose packages or their dependencies may link them: cgo stays on (with CGO_ENABLED=0 go-sqlite3 "
                    "builds a stub that fails at run time, gopacket's pcap does not build), and the runtime has the "
                    "C library")
        elif uses is None and _c_toolchain(ctx.installed):  # the sources cannot be read: they may import "C"
            cgo = "1"
            note = (f"the stage installs a C toolchain ({', '.join(_c_toolchain(ctx.installed)[:3])}) before the Go "
                    "build, whose sources the tool cannot read: they may import \"C\" (with CGO_ENABLED=0 such a "
                    "package does not build, and go-sqlite3 builds a stub that fails at run time): cgo stays on, "
                    "and the runtime has the C library")
        elif uses is None:  # the sources cannot be read, and the file installs no C toolchain for them
            note = ASSUMED_NO_CGO
    needs_libc = cgo == "1"
    env: tuple[tuple[str, str], ...] = () if cgo is not None else (("CGO_ENABLED", "0"),)
    if ctx.getenv("GOFLAGS") is None and not any(a and a.startswith("-ldflags") for a in args) \
            and not _before_goflags(ctx.image) and not _old_release_archive(ctx):
        env += (("GOFLAGS", "-ldflags=-s"),)  # no symbol table nor debug information: a release build
    if sub == "build":
        out = option_value(args, "-o")
        named = _named_after_file(args, cmd, ctx)
        if out:
            art = Artifact(ctx.abspath(out), reason="the Go binary", whole_dir=out.endswith("/"))
        elif named is not None:
            art = Artifact(named, reason="the Go binary, named after its first source file")
        else:
            art = Artifact(ctx.workdir, reason="the Go build folder", whole_dir=True)
        return Claim(Role.BUILD, NAME, "`go build` compiles the binary", artifacts=(art,),
                     builder_env=env, needs_libc=needs_libc, note=note, leaves_cache=_build_cache(ctx))
    gopath = ctx.getenv("GOPATH") or "/go"
    gobin = ctx.getenv("GOBIN") or f"{gopath}/bin"
    return Claim(Role.BUILD, NAME, "`go install` compiles into " + gobin,
                 artifacts=(Artifact(gobin, reason="installed Go binaries", whole_dir=True),),
                 builder_env=env, needs_libc=needs_libc, note=note, leaves_cache=_build_cache(ctx))


# `go build`'s options that take a value (the next word when not given with =)
_BUILD_TAKES_VALUE = frozenset({"-o", "-p", "-C", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-tags", "-mod",
                                "-modfile", "-buildmode", "-compiler", "-installsuffix", "-pkgdir", "-toolexec",
                                "-overlay", "-pgo"})


def _named_after_file(args: tuple[str | None, ...], cmd: Command, ctx: RunContext) -> str | None:
    """The binary of `go build a.go b.go` (no -o) run in / : go names it after the first file (a), in the working
    folder, where the build folder (/) cannot be copied whole; None elsewhere (the folder, which may hold files the
    program reads, is copied) and for other builds (packages: named after a module path the tool may not know)."""
    files = positional(args, _BUILD_TAKES_VALUE)
    if ctx.workdir != "/" or not files or "-C" in args or \
            (dict(cmd.assignments).get("GOOS") or ctx.getenv("GOOS") or "linux") != "linux":
        return None
    if not all(f and f.endswith(".go") and "$" not in f and not f.endswith("_test.go") for f in files):
        return None
    return "/" + posixpath.basename(files[0] or "")[:-3]


def _build_cache(ctx: RunContext, fetches: bool = False) -> str | None:
    """What a Go build leaves in the layer besides its outputs, even where the RUN removes the toolchain it installed
    (a gain of stages): Go's build cache (GOCACHE, by default ~/.cache/go-build, which removing GOPATH leaves) where
    the image's Go is known to have one (1.10 and newer); else, for `go get` (``fetches``), the sources and packages
    it puts under GOPATH; None where the build leaves neither, as far as the tool knows (GOCACHE=off, a Go of
    another's image, whose version it does not know)."""
    value = ctx.getenv("GOCACHE")
    if value and value != "off" and "$" not in value:
        return value
    if value is None and _has_build_cache(ctx.image):
        return f"{ctx.likely_home()}/.cache/go-build"
    return (ctx.getenv("GOPATH") or "/go") if fetches else None


# the official images whose Go (their own, or their release's package) is older than 1.10, which has no build cache:
# before each version here
_CACHE_SINCE = {"golang": (1, 10), "alpine": (3, 8)}
_RELEASES_BEFORE_CACHE = frozenset({"wheezy", "jessie", "stretch", "trusty", "xenial", "7", "8", "9", "14.04",
                                    "16.04"})


def _has_build_cache(image: ImageRef) -> bool:
    """Whether the Go of an official golang, Alpine, Debian or Ubuntu image (Go's own, or the release's golang
    package) has a build cache (Go 1.10 and newer)."""
    if image.registry or image.repo not in ("golang", "alpine", "debian", "ubuntu"):
        return False
    if image.repo in _CACHE_SINCE:
        version = minor_version(image)
        return version is None or version >= _CACHE_SINCE[image.repo]
    return image.tag.split("-")[0] not in _RELEASES_BEFORE_CACHE


# Go's release archive named with its version (go1.4.2.linux-amd64.tar.gz), in a URL or a file name
_RELEASE_ARCHIVE = re.compile(r"(?:^|/)go(\d+)\.(\d+)(?:\.\d+)?\.linux-\w+\.tar\.gz(?:$|\?)")


def _old_release_archive(ctx: RunContext) -> bool:
    """Whether the stage installs Go from a release archive of a Go before 1.11 (``curl .../go1.4.2.linux-amd64.tar.gz
    | tar -C /usr/local -xz`` on ubuntu:14.04), which does not read GOFLAGS (read25 2e490832, 25e8b34f)."""
    for cmd in ctx.stage_commands:
        for arg in cmd.args:
            m = _RELEASE_ARCHIVE.search(arg or "")
            if m and (int(m.group(1)), int(m.group(2))) < (1, 11):
                return True
    return False


def _before_goflags(image: ImageRef) -> bool:
    """Whether the image is an official golang image of a Go before 1.11, which does not read GOFLAGS (golang:1.8,
    golang:1.6-alpine): the variable would change nothing while its note says the binary is smaller."""
    version = minor_version(image) if image.repo == "golang" and not image.registry else None
    return version is not None and version < (1, 11)


def finish(facts: StageFacts) -> Finish | None:
    """A binary built with cgo needs the C library: a runtime that has it. One the file asks cgo for itself
    (CGO_ENABLED=1) may link other libraries through its modules, which the tool cannot see (wasmer-go links
    libwasmer.so, which it keeps in the module cache; dev file 2dd278df): the builder lists the packages of what
    the binary links (ldd), and a library no package owns, which the runtime would lack, fails the build. On Alpine
    the note says what the runtime assumes instead."""
    claims = [c for d in facts.decisions for c in d.claims if c.ecosystem == NAME]
    asked = any(c.tag is _Tag.CGO_ASKED for c in claims)
    if asked and facts.image.is_alpine:
        # the runtime is alpine's moving tag, whose release the builder's list could not be made for
        return Finish(needs_libc=True, notes=(
            "assumed: the Go binary, which the file builds with CGO_ENABLED=1, links no C library but musl and those "
            "of the -dev packages the file installs; a module that links one of its own (wasmer-go's libwasmer.so, "
            "from the module cache) would not load in the runtime",))
    if asked:
        return Finish(needs_libc=True, by_ldd=(_LISTED,), notes=(
            "the file builds the Go binary with CGO_ENABLED=1, and a module it uses may link a C library besides "
            "the C library (wasmer-go links libwasmer.so from the module cache): the builder lists the packages "
            "whose shared libraries the binary links to (ldd), and the runtime installs them; a library no package "
            "owns, which the runtime would lack, fails the build",))
    if any(c.needs_libc for c in claims):
        return Finish(needs_libc=True)
    return None


PASS = Pass(NAME, "go build / go install (static binaries with CGO disabled), go test", claim, finish)
