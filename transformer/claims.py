"""The vocabulary passes answer in, and the shape every pass has.

A pass looks at one shell command of a RUN (with what the RUN sees, a
:class:`~transformer.analysis.RunContext`) and *claims* it with a :class:`Claim`:
the role the command plays and what it leaves behind. Once the whole stage is
read, each pass may add a :class:`Finish` from the facts of the stage
(:class:`StageFacts`): the runtime image it needs, commands to run in the builder
after the build, notes for the reviewer. Every pass is a :class:`Pass`; the
registry in ``transformer.passes`` lists them, and configuration, ``--help``
and the README's table are derived from it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .images import ImageRef
from .shell import Command
from .tree import Instruction

if TYPE_CHECKING:
    from .analysis import ContextReader, RunContext
    from .packages import DevRuntime


class Role(enum.Enum):
    BUILD = "build"  # builder only; leaves artifacts the runtime copies
    PACKAGES = "packages"  # system package manager; the runtime installs the run-time part
    TEST = "test"  # a test run: the test stage
    SETUP = "setup"  # configuration (users, folders, config files, locales...): the runtime repeats it
    NEUTRAL = "neutral"  # no lasting effect of its own (cleanup, cd, set -e): follows the rest of the RUN
    BLOCKED = "blocked"  # its effect cannot be placed in a runtime stage: the reason says why


class Housekeeping(enum.Enum):
    """What a command with no effect of its own serves, so the runtime's version of its RUN keeps it."""

    NONE = "none"  # nothing: dropped with the build
    SHELL = "shell"  # set -e, export, assignments: kept with whatever the runtime keeps of the RUN
    PACKAGES = "packages"  # apt-get update/clean, package caches removed: kept with the package installs


class Makefiles(enum.Enum):
    """What wrote a folder's build files, as far as the stage shows."""

    AUTOTOOLS = "autotools"  # autoreconf made the folder's configure (its Makefiles are automake's), not run yet
    AUTOGEN = "autogen"  # autogen.sh made the folder's configure and (assumed) ran it: automake's Makefiles
    AUTOCONF = "autoconf"  # a configure autoconf generated wrote the Makefiles: they honour DESTDIR
    CONFIGURE = "configure"  # a configure of unknown making wrote the Makefiles: DESTDIR assumed (GNU conventions)
    NO_DESTDIR = "no-destdir"  # a configure wrote them from a Makefile.in of the context that never names DESTDIR
    CMAKE = "cmake"  # cmake wrote the Makefiles: they honour DESTDIR
    CMAKE_NINJA = "cmake-ninja"  # cmake -G Ninja wrote build.ninja (no Makefile): its install honours DESTDIR


# the folder names of the file system's hierarchy (FHS, with share's doc and info): a file or folder of that name
# put among the system's files merges into (or lands in) the system's folder of that name
SYSTEM_FOLDER_NAMES = frozenset({"bin", "boot", "dev", "etc", "home", "lib", "lib32", "lib64", "libx32", "libexec",
                                 "include", "man", "media", "mnt", "opt", "proc", "root", "run", "sbin", "share", "src",
                                 "srv", "sys", "tmp", "usr", "var", "local", "games", "doc", "info"})

# the C and C++ headers' folders: what lies there serves a compiler, not a program at run time
HEADER_FOLDERS = ("/usr/include", "/usr/local/include")

STAGING = "/opt/staged"
"""The folder of the tool's own where the builder installs (DESTDIR) or unpacks a second time what the build puts
among the system's files (into /usr, or a /usr/local the image has files of its own in); the runtime copies it to /."""

GCC_RUNTIME = "/opt/gcc-runtime"
"""The folder of the tool's own where the builder of an official gcc image puts its GCC's libstdc++ and libgcc_s
(from /usr/local/lib64) and the loader's configuration that names their folder; the runtime copies it to /."""

# the top folders a merged /usr makes links into /usr (Debian 12, Ubuntu 22.04: /bin -> usr/bin)
MERGED_USR_TOPS = frozenset({"bin", "sbin", "lib", "lib32", "lib64", "libx32"})
# the kinds of stage whose program is compiled: the runtime copies the program, not the sources it was built from
COMPILED = frozenset({"go", "rust", "native", "jvm", "static", "dotnet"})
# the folders of the PATH of the images the tool knows, where a command named alone is found, in its order
PATH_FOLDERS = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")


def staged_path(path: str) -> str:
    """The shell word for where the builder stages what goes to the absolute ``path``: under STAGING, but for
    a path in /bin, /sbin or /lib*, under the folder the builder's own /bin resolves to (``readlink -f``, at build
    time). On a merged /usr a staged ``bin`` folder would, copied to /, take the place of the /bin link (the
    classic builder then loses /bin/sh; BuildKit refuses the copy); staged as usr/bin it lands where /bin points."""
    top, _, rest = path.strip("/").partition("/")
    if top not in MERGED_USR_TOPS:
        return STAGING + ("" if path == "/" else path)
    return f'"{STAGING}$(readlink -f /{top})"' + (f"/{rest}" if rest else "")


@dataclass(frozen=True, slots=True)
class StagedInstall:
    """A second ``make install`` (or unpack of an archive file) the builder runs right before the original one,
    into a folder of its own (``DESTDIR``; ``tar -C``, ``unzip -d``), so that the runtime can copy what the build
    installed apart from the system's files.
    Offsets are in the RUN's script; the copy is the command's text without ``drop`` and with ``text``
    (``DESTDIR=folder``: a make variable after its last word, cmake's environment before its name) at ``at``."""

    folder: str
    start: int  # where the command starts (its assignments and wrappers such as sudo included)
    at: int  # where ``text`` goes
    text: str
    end: int  # the end of the command (its redirections included)
    drop: tuple[tuple[int, int], ...] = ()  # the words of the other targets (`make install clean`)
    swap: tuple[tuple[int, int, str], ...] = ()  # words replaced in the copy (an unpack's folder: `-C /usr/bin`)
    before: str = ""  # run before the copy (`mkdir -p /opt/staged/usr/bin`: the folder an unpack goes into)
    # run after the copy (a check that the install wrote nothing outside the folder); for an unpack ``in_place``,
    # after the command itself
    after: str = ""
    # run after ``after``: what the staged install put in a real folder where the image has a link, moved (var/run)
    fold: str = ""
    # run last: what only a linker reads deleted from the staging folder (a build's static libraries)
    prune: str = ""
    unpacked: str = ""  # the system's folder an archive is unpacked into (a later change there is not staged)
    archive: str = ""  # the archive file it unpacks (absolute; "" when a variable the file does not show names it)
    # an archive read from a pipe, which cannot be read twice: the command itself unpacks into the staging folder
    # (``swap`` and ``text`` applied in place, ``before`` put before its pipeline, which starts at ``start``), and
    # ``after`` (put after it) copies what it unpacked from there into the system's folder; a tracked install (a
    # hand-written Makefile's, no ``text``): the command runs as written, ``before`` touches a stamp and ``after``
    # copies what changed after it into the staging folder
    in_place: bool = False
    what: str = "the archive unpacked"  # what put the files into ``unpacked``, for the reason of a later change


LISTED_INSTALLED = ", and the runtime, on the same release, installs that list"
"""How a pass's note ends where the runtime installs the packages the builder lists with ldd; the plan words that
ending as LISTED_COPIED where the runtime's release is archived (Libraries.COPIED)."""
LISTED_COPIED = ", and the runtime, on the same release, copies them from the builder (below)"

STATIC_LIBRARIES_PRUNED = f"find {STAGING} -name '*.a' -type f -delete"
"""The builder's command after a build's staged install that deletes the static libraries (``*.a``) it staged: only
a linker reads them, and the runtime links nothing (a static FFmpeg's libav*.a are 230 of its 278 MB: read29)."""
STATIC_LIBRARIES_PRUNED_WHY = ("; the static libraries (*.a) in the staging folder (this install's and any earlier "
                               "one's) are deleted: only a linker reads them")
"""What the reason of a staged install's copy adds where the builder runs STATIC_LIBRARIES_PRUNED after it."""


PACKAGE_FILES = "/opt/package-files"
"""The folder of the tool's own where the builder keeps a copy of each package file the build installs (``dpkg -i
x.deb``, ``apt-get install ./x.deb``, ``gdebi``, ``rpm -i``), right before it installs it: the runtime, which installs
it too, reads it there (bound from the builder with BuildKit, else copied and removed after the install)."""


CONDA_PREFIX = "the conda installation"
"""The reason of an :class:`Artifact` that is a conda prefix (an installer's, and what conda adds to it)."""


@dataclass(frozen=True, slots=True)
class Artifact:
    """A path a build step leaves in the builder, copied to the runtime."""

    path: str  # absolute path in the builder
    dest: str = ""  # absolute path in the runtime ("" = same path)
    reason: str = ""
    whole_dir: bool = False  # a work folder copied whole (outputs not known one by one)
    ensure: bool = False  # may be missing on some images of the family: the builder makes it (empty)
    unnamed: bool = False  # an archive unpacked in /: the folder it makes is not known (yet: a `cd` may name it)
    owner: str = ""  # the user who made it, when not the stage's USER (`su app -c 'bundle install'`)
    fetched: bool = False  # a source tree fetched whole into its own folder (`git clone`, `svn checkout`)
    git: bool = False  # ... a git work tree, with its .git folder (`git clone`, not --bare or --mirror)
    toolchain: str = ""  # the toolchain it is, unpacked from its release archive ("go": Go's, /usr/local/go)
    # a prefix a `make install` filled, where shared libraries the loader finds through its cache may lie
    # (/usr/local/lib): an ldconfig the install ran listed them in the builder's cache, which the copy does not bring
    loader_cache: bool = False
    # left in a scratch folder (/tmp) for the program, which reads it there (`pip download -d
    # /tmp/dataflow-requirements-cache`, Beam's requirements cache): the runtime copies it all the same
    for_runtime: bool = False

    @property
    def target(self) -> str:
        return self.dest or self.path


@dataclass(frozen=True, slots=True)
class PackageWord:
    """A word of a package command that names packages (several for ``$buildDeps``)."""

    start: int  # offsets in the RUN's script
    end: int
    text: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PackageOp:
    manager: str  # apt, apk, rpm
    action: str  # install, remove
    packages: tuple[str, ...]
    virtual: str | None = None  # apk --virtual name
    env: tuple[tuple[str, str], ...] = ()  # assignments before the command (DEBIAN_FRONTEND=noninteractive)
    words: tuple[PackageWord, ...] = ()  # the words that name packages, where they are
    flags_end: int = -1  # offset in the command's text where an option may be added (after the verb's flags)
    unknown: str | None = None  # a word whose packages cannot be known (`$PKGS` with no known value)
    repository: str | None = None  # apk --repository/-X: the packages come from there (an edge repository)
    autoremove: bool = False  # a removal that takes the dependencies nothing else needs too (apk del, --auto-remove)
    layer: int = -1  # the index of the RUN's decision in its stage (-1: not known): what makes the layer that holds it
    # package files it installs (`dpkg -i x.deb`, `apt-get install ./x.deb`): names hold each word's value, which
    # a variable of the stage may give; the runtime reads them from PACKAGE_FILES under the value's file name
    files: tuple[PackageWord, ...] = ()


@dataclass(frozen=True, slots=True)
class Environment:
    """An environment the build installs into, made in the builder before the first install and put on
    PATH in both stages (a Python virtual environment on the official python image; pip's user base)."""

    path: str
    create: str  # the shell command that makes it ("": nothing to make, the ENV is enough)
    env: tuple[tuple[str, str], ...]  # ENV both stages set
    reason: str
    builder_env: tuple[tuple[str, str], ...] = ()  # ENV only the builder sets with it (PIP_USER=1)


@dataclass(frozen=True, slots=True)
class Claim:
    role: Role
    ecosystem: str
    reason: str = ""
    artifacts: tuple[Artifact, ...] = ()
    packages: PackageOp | None = None
    builder_env: tuple[tuple[str, str], ...] = ()  # ENV the builder needs (CGO_ENABLED=0)
    builder_after: tuple[str, ...] = ()  # shell commands the pass may want after the build (its finish decides)
    needs_libc: bool = False
    sets_env: tuple[tuple[str, str], ...] = ()  # settings the command leaves for the commands after it
    # settings the command leaves for the commands after it in the same RUN only (`. venv/bin/activate`)
    run_env: tuple[tuple[str, str], ...] = ()
    native: tuple[tuple[str, str], ...] = ()  # (project, -dev package) the artifacts were built against
    note: str = ""  # a decision the explanation should mention
    environment: Environment | None = None  # made before the build, for it (a virtual environment)
    tools: tuple[str, ...] | None = None  # SETUP: the commands the runtime needs to repeat it (None: its name)
    paths: tuple[str, ...] = ()  # SETUP: the absolute paths it changes or needs (shell housekeeping: needs)
    relative: bool = False  # SETUP: it names a path relative to the folder it runs in
    reads_outputs: bool = False  # SETUP: it reads what the build leaves wherever it lies (ldconfig's cache)
    # SETUP: a program of the project, which may read any variable of its environment, the ARGs in scope among them
    reads_env: bool = False
    globs: tuple[str, ...] = ()  # SETUP: the absolute folders whose files a pattern in its words lists (`/app/lib/*`)
    removes: tuple[str, ...] = ()  # absolute paths it deletes (a build output removed is not copied)
    # SETUP: an `rm` of files a context COPY the runtime repeats brings (`COPY . .`, `rm -rf node_modules`): it runs
    # at its place, before the runtime copies what a build step after it makes there
    context_files: bool = False
    # SETUP: an `rm` without -f of such files, taken for one because the build context holds them: where the runtime
    # does not copy them again it finds nothing to delete, so compose repeats it with -f
    add_force: bool = False
    leaves_cache: str | None = None  # a download cache it leaves in the layer (~/.npm, ~/.cache/pip)
    cache_mb: float = 0.0  # a lower bound of that cache's size in MB (the downloads the data know: tensorflow's)
    provides: tuple[str, ...] = ()  # BUILD: commands it installs that the runtime does not get
    # SETUP: commands the runtime has by repeating it (`pip install poetry`: poetry), which the image's command may run
    # (`poetry run`) without the build's tools (data/commands.json's runtime_blocker_subcommands)
    runtime_commands: tuple[str, ...] = ()
    housekeeping: Housekeeping = Housekeeping.NONE
    makefiles: tuple[str, Makefiles] | None = None  # BUILD: the folder whose build files it writes, and how
    staged: StagedInstall | None = None  # BUILD: the staged copy of an install the builder adds before it
    # BUILD: the folders of the projects a non-editable install builds from their sources (`pip install .`, `setup.py
    # install`): the install copies what the program runs, so fetched sources there stay in the builder (walk.py)
    installed_sources: tuple[str, ...] = ()
    # (offset in the RUN's script, text) the builder inserts into the command (setup.py's ` --user`; the copy of a
    # package file a command installs, kept in PACKAGE_FILES for the runtime)
    builder_insert: tuple[int, str] | None = None
    fetched: tuple[str, str] | None = None  # a file it downloads: (absolute path, URL), for the commands after it
    # SETUP: the package repository it adds: its packages and the commands they have (NodeSource's nodejs has npm)
    repository: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # SETUP: the database server it starts for the commands after it in the RUN, by the folder of its kind's files
    # (data/commands.json's database_servers: /var/lib/mysql stands for MySQL and MariaDB)
    starts: str = ""
    # BUILD: pip upgrades itself (setuptools, wheel) in the image's Python on the official python image, before any
    # environment is made: the virtual environment the stage makes later is made before it instead (the walk)
    upgrades_installer: bool = False
    # BUILD: why a tracked install, which would serve where this claim's layout may not (pip's user base), could not be
    # used ("not tracked either: ..."), for the finish's reason when it refuses that layout
    untracked: str = ""
    # BUILD: the files of the build context it reads, by their paths there, found through the COPYs before it
    # (`COPY api/ .` then `npm ci`: api/package.json, api/package-lock.json), for its pass's finish
    context_reads: tuple[str, ...] = ()
    # what the pass that made the claim marks it as, for its own finish to find it by (a member of an Enum the pass
    # defines, compared by identity; passes never read each other's): the reason is for people, not for finding
    tag: enum.Enum | None = None

    @property
    def writes_unknown(self) -> bool:
        """A setup by a program whose writes are not known: it needs commands and names no path (`manage.py
        collectstatic`); walk's opaque_setup narrows it to a program of the project, compose's chown reads it whole."""
        return self.role is Role.SETUP and not self.paths and bool(self.tools)


@dataclass(frozen=True, slots=True)
class DecisionFacts:
    """One instruction as the walk saw it."""

    inst: Instruction
    role: Role | None
    claims: tuple[Claim, ...]
    commands: tuple[Command, ...]
    workdir: str
    user: str | None


Copied = tuple[tuple[str, ...], str, bool]
"""A COPY or ADD from the build context: its sources as written, its destination (absolute) and whether that
is a folder (a trailing ``/`` or several sources)."""


# a path the builder can remove as written: absolute, without variables or globs
_PLAIN_PATH = re.compile(r"/[\w./-]+")


@dataclass(frozen=True, slots=True)
class StageFacts:
    """What the walk over the stage found, for the passes' finishing step."""

    image: ImageRef
    kind: str  # the base image family's ecosystem ("python", "go", ... or "")
    decisions: tuple[DecisionFacts, ...]
    runs: tuple[tuple[str | None, ...], ...]  # the command lines CMD and ENTRYPOINT run (sh -c read)
    artifacts: tuple[Artifact, ...]
    kept_packages: tuple[str, ...]  # the system packages the runtime installs so far
    read_context: ContextReader | None = None  # the build context, when there is one
    release: str | None = None  # the Debian/Ubuntu release of the image (None: not known)
    copied: tuple[Copied, ...] = ()  # the stage's COPY and ADD instructions that take from the build context

    def run_folder(self) -> str:
        """The folder the image's command starts in: the stage's last WORKDIR (/ without one)."""
        return self.decisions[-1].workdir if self.decisions else "/"

    def caches_in_copies(self, ecosystem: str) -> tuple[str, ...]:
        """The download caches ``ecosystem``'s builds leave (Maven's ~/.m2, npm's ~/.npm) inside a folder the
        runtime copies whole (``WORKDIR /root``): plain absolute paths, which the builder can remove."""
        caches = dict.fromkeys(c.leaves_cache for d in self.decisions for c in d.claims
                               if c.ecosystem == ecosystem and c.leaves_cache)
        return tuple(c for c in caches if _PLAIN_PATH.fullmatch(c) and ".." not in c
                     and any(a.whole_dir and c.startswith(a.path.rstrip("/") + "/") for a in self.artifacts))


@dataclass(frozen=True, slots=True)
class Finish:
    """What a pass adds once the stage is read."""

    skip: str | None = None  # why the file must be left alone after all
    # why it must be left alone where stages would gain something (where they gain nothing, that is the reason given)
    skip_if_gain: str | None = None
    runtime_image: str | None = None  # the image the runtime must start from (a web server's)
    kind: str | None = None  # the kind of program the runtime runs, when it is not the base's ("static")
    artifacts: tuple[Artifact, ...] | None = None  # what the runtime copies instead of the build artifacts
    more_artifacts: tuple[Artifact, ...] = ()  # what the runtime copies besides them
    builder_after: tuple[tuple[str, str], ...] = ()  # (shell command, why): run in the builder after the build
    after_notes: tuple[str, ...] = ()  # notes of what builder_after does, said where it runs
    runtime_packages: tuple[str, ...] = ()  # run-time packages the runtime installs
    needs_libc: bool = False  # the program needs the C library at run time
    drop_packages: tuple[str, ...] = ()  # packages the runtime image provides itself (a web server's)
    notes: tuple[str, ...] = ()
    # -dev packages whose run-time libraries the data cannot name for the image's release (packages.LibrarySource
    # .LEFT): the builder finds them with ldd in what the runtime copies, or (where it cannot) the file is left alone
    by_ldd: tuple[DevRuntime, ...] = ()
    # (what is built against it, -dev package) whose run-time libraries the data can only guess for the image's
    # release (packages.is_guess): the builder lists them where it can (as by_ldd), else the runtime installs the guess
    guessed: tuple[tuple[str, DevRuntime], ...] = ()
    cleans: tuple[str, ...] = ()  # caches inside the copied artifacts that builder_after removes (a gain)
    # the program loads no CA certificates of the system (no crate or library that would): the runtime needs none
    no_tls_roots: bool = False


def _nothing(facts: StageFacts) -> Finish | None:
    return None


@dataclass(frozen=True, slots=True)
class Pass:
    """One ecosystem's knowledge: how it reads commands, and what it adds when the stage is read."""

    name: str
    summary: str  # one line for --help and the README
    claim: Callable[[Command, RunContext], Claim | None]
    finish: Callable[[StageFacts], Finish | None] = _nothing
