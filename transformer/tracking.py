"""A tracked install: an install into one of the image's own folders (/usr, /usr/local), run as written
between a stamp and a copy of what changed after it.

The builder touches a stamp before the command and copies, right after it, every file and link of the prefix
whose status changed after the stamp (``find -cnewer``: the change time, which ``cp -p`` and ``install -p``
cannot set back as they set the modification time) into the staging folder with its folders
(find's list through tar), and stops the build when the command changed anything else outside its build tree, the
scratch folders and the folders it is known to keep its own caches in. The runtime copies the staging folder to
/. A file the install deletes is not tracked: the runtime, which starts from the base image, keeps it.
It needs GNU's find (Debian and Ubuntu images), root, and a command the tool can follow with the copy.
"""

from __future__ import annotations

import dataclasses
import re
import shlex
from itertools import pairwise

from . import thirdparty
from .analysis import Artifact, Claim, Role, RunContext
from .claims import STAGING, STATIC_LIBRARIES_PRUNED, STATIC_LIBRARIES_PRUNED_WHY, StagedInstall
from .distro import has_gnu_userland
from .images import USR_LOCAL
from .shell import Command

# the file whose time marks the start of a tracked install (what changed after it was written by it)
STAMP = "/tmp/install.stamp"
_LIST = "/tmp/install.list"  # what the install added or changed, relative to its prefix
_TAR = "/tmp/install.tar"
# the prefixes an install is tracked in: the loader finds libraries under /usr/lib without a cache
PREFIXES = frozenset({"/usr"}) | USR_LOCAL
# scratch folders a tracked install may write in, which the runtime does not get (the stamp is in /tmp)
_SCRATCH = ("/tmp", "/var/tmp")
# what ldconfig writes besides the links in the folders of libraries
_LOADER_CACHE = ("/etc/ld.so.cache", "/var/cache/ldconfig")
# the folders of a PATH named like an interpreter's own installation: conda's, perlbrew's and plenv's, an R's
_INTERPRETER_HOME = re.compile(r"conda|mamba|perl|plenv|/R(/|$)|/r-|/rig\b", re.IGNORECASE)
# the file system's own top folders: a build folder there would leave it out of the check of a tracked install
_SYSTEM_TOPS = frozenset({"/"} | {f"/{n}" for n in ("bin", "boot", "etc", "home", "lib", "lib32", "lib64", "libx32",
                                                    "media", "mnt", "opt", "root", "run", "sbin", "srv", "usr",
                                                    "var")})


def under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def other_interpreter(owner: str, shown: str, what: str, interpreter: str, ctx: RunContext) -> Claim | None:
    """Why ``shown``, which installs ``what`` (Perl modules, R packages) with the ``interpreter`` found on PATH, may
    not install into the image's own library: the first folder of the PATH the file sets, outside the system's
    (/usr, /bin, /sbin), is named like the home of another interpreter than the image's own (``/opt/conda/bin``,
    ``~/perl5/perlbrew/bin``), whose library is not under /usr/local. None when there is none (one the name does
    not show stops the build at the check of a tracked install)."""
    for folder in (ctx.getenv("PATH") or "").split(":"):
        if folder and "$" not in folder and not any(under(folder, top) for top in ("/usr", "/bin", "/sbin")) \
                and _INTERPRETER_HOME.search(folder):
            return Claim(Role.BLOCKED, owner, f"`{shown}` installs {what} into the library of the {interpreter} "
                                              f"found on PATH, which names {folder}: that {interpreter} may not be "
                                              "the image's own, whose site library is under /usr/local")
    return None


def without_gnu_find(ctx: RunContext) -> str | None:
    """Why the stage's image may not have GNU's find, which a tracked install needs ("not tracked either: ..."); None
    on Debian and Ubuntu and the images built on them."""
    if has_gnu_userland(ctx.image.shown) or _runs_apt(ctx):
        return None
    why = "its find is busybox's, which has only -newer" if ctx.image.is_alpine else \
        "it is not known as Debian or Ubuntu, or an image built on them"
    return (f"not tracked either: the tool finds what an install added with GNU find's -cnewer, and "
            f"{ctx.image.shown} may not have it ({why})")


# the commands of Debian's package tools: an image they run in is Debian or Ubuntu (or built on them), whose find is
# GNU's (findutils is one of their Essential packages, which every such image holds)
_APT = frozenset({"apt-get", "apt", "aptitude", "dpkg"})


def _runs_apt(ctx: RunContext) -> bool:
    """Whether the stage's RUNs run Debian's package tools outside a fallback (``apk add x || apt-get install x``)
    and any branch, so that its image, one the tool does not know, is built on Debian or Ubuntu."""
    after_or = {id(b) for a, b in pairwise(ctx.stage_commands) if a.connector == "||"}
    return any(c.name in _APT and not c.depth and c.connector != "||" and id(c) not in after_or
               for c in ctx.stage_commands)


def without_root(ctx: RunContext) -> str | None:
    """Why the stage may not run as root on an image the tool knows from its own Dockerfiles only
    (data/third_party_images.json), when the file sets no USER: that image's last USER, or that it is not known. None
    when the file sets one (it was checked), the image is not such an image, or its builds run as root."""
    if ctx.user not in (None, "") or thirdparty.builds(ctx.image.shown) is None:
        return None
    found = thirdparty.base_user(ctx.image.shown)
    if found.state is thirdparty.UserState.ROOT:
        return None
    return (f"not tracked either: the stage runs it as the user {ctx.image.shown} gives, and its {found.why}: the "
            f"file sets no USER root before it, and another user may not write the staging folder {STAGING}")


def tracked(cmd: Command, ctx: RunContext, owner: str, prefix: str, shown: str, tree: str,
            caches: tuple[str, ...] = (), elsewhere: str = "a Makefile that ignores PREFIX or writes into /etc",
            known: bool = True, static_pruned: bool = False) -> Claim | str:
    """The install ``cmd`` (``shown``) into ``prefix``, built in ``tree``, tracked (claimed for the pass
    ``owner``); ``caches``: folders the installer keeps its own downloads and builds in, left out of the check and
    of the runtime; ``elsewhere``: what the check stops; ``known``: False when the prefix is not known (a Makefile's
    own default: tracked over /usr, which holds /usr/local); ``static_pruned``: a build's install, whose static
    libraries the builder deletes from the staging folder after it (STATIC_LIBRARIES_PRUNED). Else why not ("not
    tracked either: ...")."""
    why_not = _untracked(cmd, ctx, prefix, tree)
    if why_not is not None:
        return why_not
    staged = _staged(cmd, shown, prefix, tree, caches, known)
    if static_pruned:
        staged = dataclasses.replace(staged, prune=STATIC_LIBRARIES_PRUNED)
    where_to = (prefix if prefix != "/usr" else "/usr (and /usr/local)" if known else
                "/usr (the prefix its Makefile sets, which no PREFIX on the command line names, is not known: /usr "
                "holds /usr/local)")
    kept_too = f", {' and '.join(caches)}" if caches else ""
    return Claim(Role.BUILD, owner, f"`{shown}` installs into {where_to}; the builder copies what it added there into "
                                    f"{STAGING}, which the runtime copies to /",
                 artifacts=(Artifact(STAGING, dest="/", reason=f"what `{shown}` added or changed in {where_to}, "
                                     f"among the files of the image: every file and link whose status changed after a "
                                     f"stamp the builder touches right before it, copied with its modes and links "
                                     f"(the folders above it made anew, root's); the builder stops if the install "
                                     f"changed files anywhere else but its build folder{kept_too} and /tmp "
                                     f"({elsewhere}){STATIC_LIBRARIES_PRUNED_WHY if static_pruned else ''}",
                                     whole_dir=True),),
                 staged=staged)


def _untracked(cmd: Command, ctx: RunContext, prefix: str, tree: str) -> str | None:
    """Why the install ``cmd`` into ``prefix``, built in ``tree``, cannot be tracked ("not tracked either: ..."),
    or None."""
    if prefix not in PREFIXES:
        return "not tracked either: the tool tracks an install into /usr or /usr/local only"
    if cmd.negated or ctx.piped_from is not None or cmd.connector in ("|", "&"):
        return "not tracked either: the command is in a pipeline or runs in the background"
    if cmd.depth:
        return ("not tracked either: the command is inside a compound command (a subshell, condition, loop or "
                "group), where the tool does not add the copy and check that follow it")
    if ctx.user not in (None, "", "root", "0"):
        return (f"not tracked either: the stage runs it as {ctx.user}, not root, who may not write the staging "
                f"folder {STAGING}")
    cannot = without_gnu_find(ctx) or without_root(ctx)
    if cannot is not None:
        return cannot
    if "$" in tree or "`" in tree:
        return f"not tracked either: its build folder {tree} is named by a variable"
    if under(prefix, tree) or tree in _SYSTEM_TOPS:
        # the check skips the build folder, where the install may write: here it would skip the system's
        return (f"not tracked either: its build folder is {tree}, which the builder's check of the files the "
                "install changed outside its prefix would have to leave out")
    return None


def _staged(cmd: Command, shown: str, prefix: str, tree: str, caches: tuple[str, ...], known: bool) -> StagedInstall:
    """The edit of the builder's RUN that tracks the install ``cmd``: a stamp touched before it; after it, the files
    whose status changed under ``prefix`` copied into the staging folder, and a check that nothing changed
    elsewhere but the build folder ``tree``, ``caches`` and the scratch folders."""
    copied = [tree] if under(tree, prefix) else []
    # an `ldconfig` the install runs rewrites the loader's cache, which a library in /usr/lib does not need (the
    # loader looks there without it); one in /usr/local/lib does, which the runtime lacks: the build stops (when the
    # prefix is not known, the library may be in either: the build stops)
    cache = _LOADER_CACHE if prefix == "/usr" and known else ()
    folders = {prefix, *_SCRATCH, STAGING, tree, *cache, *caches}
    kept = sorted(f for f in folders if not any(f != g and under(f, g) for g in folders))
    # the list of what changed, relative to the prefix (find's %P), goes through tar with -C on both sides: no `cd`
    # (hadolint's DL3003), no pipe (DL4006), and not `cp -a --parents`, which in coreutils 9.1 reads the modes of a
    # source's parent folders relative to the working folder; the folders tar makes for them are root's, 0755
    copy = " ".join(["find", prefix, *pruned(copied), f"-cnewer {STAMP} ! -type d -printf '%P\\n'",
                     f"> {_LIST} && tar -C {prefix} -cf {_TAR} -T {_LIST}",
                     f"&& mkdir -p {STAGING}{prefix} && tar -C {STAGING}{prefix} -xpf {_TAR}"])
    # each file found is listed, and `-exec false {} +` makes find's status fail (no pipe to grep: a RUN's
    # pipeline fails only with its last command, which hadolint's DL4006 asks pipefail for)
    check = " ".join(["find / -xdev", *pruned(kept),
                      f"-cnewer {STAMP} ! -type d ! -name '*.pyc' -print -exec false {{}} +"])
    return StagedInstall(STAGING, cmd.start, cmd.start, "", cmd.end, in_place=True,
                         before=f"mkdir -p {STAGING} && touch {STAMP} && sleep 1 && ",
                         after=f" && {{ {copy} && {check} || exit 1; }}", what=f"`{shown}`")


def pruned(folders: list[str]) -> list[str]:
    """find's words that skip ``folders`` (``-path /tmp -prune -o``, or a group of them)."""
    if not folders:
        return []
    paths = " -o ".join(f"-path {shlex.quote(f)}" for f in folders)
    return [f"\\( {paths} \\) -prune -o" if len(folders) > 1 else f"{paths} -prune -o"]
