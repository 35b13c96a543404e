"""New stages from a plan: the builder, the test stage and the runtime, in the file's own style.

The builder is the original stage under a name (its test runs move to the test stage), so anything
the runtime copies from it is what the original image had. The runtime stage replays the original
in order: metadata and the instructions both stages need as written, each RUN's *runtime version*
(the same RUN with its build steps removed: its package installs without build-only packages, its
setup), and after the last build step the copies of the artifacts, then the setup that needs them.
"""

from __future__ import annotations

import dataclasses
import enum
import posixpath
import re
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from . import linked
from .analysis import (
    RunFacts,
    accounts_made,
    clean,
    env_pairs,
    forces,
    in_package_cache,
    makes_parents,
    recursive_flag,
    variables_used,
)
from .arguments import GO_SPACE
from .cachemount import Cache, Planner, Step, Tool, tool_of, with_flags, with_mounts
from .claims import (
    GCC_RUNTIME,
    PACKAGE_FILES,
    STAGING,
    Artifact,
    Claim,
    Environment,
    Housekeeping,
    PackageOp,
    PackageWord,
    Role,
    StagedInstall,
)
from .distro import has_gnu_userland
from .edit import CannotEdit, apply_edits, line_before, remove_word_spans, splice
from .images import USR_LOCAL, ImageRef, data, minor_version
from .lexer import split_lines
from .packages import few, has_run_time_part, is_build_only, package_name, verifies_with_system_certificates
from .parser import parse, parse_instruction_text
from .plan import COMPILED, Decision, Libraries, Plan, Where, image_users, keeps_recommends, takes_recommends
from .runfiles import RunTimeFiles, build_inputs_only
from .runtime import context_programs, programs_run
from .safety import READ_BY_RUNS, unsafe_path
from .shell import Command, Unit, units, unwrap_shell_c
from .tree import Blank, Comment, Dockerfile, Instruction, Stage
from .walk import ADD_UNPACKS, WRITES_NAMED, carried, inside, opaque_setup, setup_rule

DEFAULT_STAGE_NAMES = {"builder": "builder", "test": "test", "runtime": "runner"}
_ROOT = ("root", "0", "0:0", "root:root")
# the passes whose setup (folders, users, files put in place) the explanation calls "environment setup"
_HOUSEKEEPING = frozenset({"shell"})


class CannotRefactor(Exception):
    """The plan cannot be written out without changing the program's meaning."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change and why it was made, for a reviewer."""

    kind: str
    message: str
    line: int = 0

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.message}"


class Place(enum.Enum):
    """Where the runtime puts a unit of a RUN."""

    DROP = "drop"  # builder only
    HERE = "here"  # at the RUN's place
    AFTER = "after"  # after the copies of the artifacts (it needs them)
    PACKAGES = "packages"  # a package command: at the RUN's place, edited
    SHELL = "shell"  # housekeeping for whatever is kept
    PACKAGE_HOUSEKEEPING = "package-housekeeping"  # apt-get update/clean: kept with package installs


@dataclass(frozen=True, slots=True)
class Version:
    """The runtime's version of a RUN: the part at its place, the part after the copies, what it installs."""

    here: Instruction | None
    after: Instruction | None
    installs: tuple[str, ...]
    files: tuple[str, ...] = ()  # the package files ``here`` installs, by their names in PACKAGE_FILES


# commands that copy or move the files their first words name to the last
_COPIERS = frozenset({"cp", "mv", "install", "rsync"})
# commands that change the owner or mode of files that exist (not of files made after them)
_MODE_COMMANDS = frozenset({"chown", "chmod", "chgrp"})
# users (False) and groups (True) of Debian's base-passwd, which every Debian and Ubuntu image has
_BASE_PASSWD = frozenset({(False, "www-data"), (True, "www-data"), (False, "nobody"), (True, "nogroup"),
                          (False, "daemon"), (True, "daemon"), (True, "staff"), (True, "users")})
# an owner `chown` and `COPY --chown` both read: a user, or a user and a group (names or numbers)
_OWNER = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$")


def _chown_args(cmd: Command) -> tuple[str | None, ...] | None:
    """The arguments of a `chown`, run as it is or through `sudo` with no options of its own (``sudo chown -R``)."""
    if cmd.name == "chown":
        return cmd.args
    return cmd.args[1:] if cmd.name == "sudo" and cmd.args[:1] == ("chown",) else None


def _after_its_build(d: Decision, setups: Sequence[tuple[Command, Claim]]) -> bool:
    """Whether every build command of the RUN comes before the setup commands ``setups`` (``unzip x.zip -d /srv &&
    chown -R app:app /srv``): they run on what the build made."""
    ids = [id(c) for c in d.commands]
    first = min(ids.index(id(c)) for c, _ in setups)
    return all(k < first for k, cl in enumerate(d.claims) if cl.role in (Role.BUILD, Role.TEST))


def _adds_no_owner(cmd: Command) -> bool:
    """A command that makes no file and gives none an owner a later `chown -R` would not: `chmod`, or a `chown`
    without -R (of the folder itself, which the chown after it gives its owner again)."""
    return cmd.name == "chmod" or (_chown_args(cmd) is not None and not _recursive(cmd))


def _plain_options(args: tuple[str | None, ...]) -> bool:
    """Whether a `chown -R`'s options are -R and ones that change nothing of what it does (-f, -v, -c): not -L or -H,
    which follow links out of the folder to files a copy of it does not bring."""
    return all(a is None or not a.startswith("-") or a == "--recursive"
               or (not a.startswith("--") and not set(a[1:]) - {"R", "f", "v", "c"}) for a in args)


def _recursive(cmd: Command) -> bool:
    """``chown -R`` (``-hR``, ``--recursive``)."""
    return any(a is not None and recursive_flag(a) for a in cmd.args)


# folders every base image has (FHS): a `cd` there works in the runtime as in the builder
_EVERY_IMAGE_HAS = frozenset({"/", "/bin", "/etc", "/home", "/lib", "/opt", "/root", "/sbin", "/srv", "/tmp", "/usr",
                              "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/local/lib",
                              "/usr/local/sbin", "/usr/local/share", "/usr/sbin", "/usr/share", "/var", "/var/lib",
                              "/var/log", "/var/tmp"})


# the package managers' own configuration: the sources and keys the installs after a setup there read
_PACKAGE_CONFIG = ("/etc/apt", "/etc/apk", "/etc/yum.repos.d", "/etc/dnf", "/etc/zypp")


def _copy_target(d: Decision) -> str | None:
    """Where a COPY or ADD puts what it copies (absolute), or None: another instruction, or a destination named by
    a variable."""
    inst = d.group.inst
    if inst.cmd not in ("copy", "add") or not inst.value or "$" in inst.value[-1]:
        return None
    return posixpath.normpath(posixpath.join(d.workdir, inst.value[-1]))


def _sets_up_packages(setups: Sequence[tuple[Command, Claim]]) -> bool:
    """Whether a setup adds a package repository (NodeSource's ``curl ... | bash -``) or writes the package manager's
    sources or keys (``echo deb ... > /etc/apt/sources.list.d/x.list``): the package installs after it need it."""
    return any(cl.repository or (cl.paths and all(any(inside(p, f) for f in _PACKAGE_CONFIG) for p in cl.paths))
               for _, cl in setups)


# the commands every image has that write a package manager's sources as text (no download, no key tool)
_TEXT_WRITERS = frozenset({"echo", "printf", "cat", "tee", "sed", "mv", "cp", "rm", "ln", "mkdir", "touch"})


def _writes_package_sources(commands: Sequence[Command], claims: Sequence[Claim]) -> bool:
    """Whether a RUN writes the package manager's sources as text (``echo deb http://mirror ... >
    /etc/apt/sources.list``) with text writers alone besides its package installs (the setup it does beside them
    too: ``ln -snf ... /etc/localtime``, `sed -i` of a server's configuration): no repository script or key download
    (``curl ... | gpg --dearmor``), which need the tools the runtime installs first."""
    setups = [(c, cl) for c, cl in zip(commands, claims, strict=False) if cl.role is Role.SETUP]
    return bool(setups) and all(c.name in _TEXT_WRITERS and cl.paths and not cl.repository for c, cl in setups) \
        and any(all(any(inside(p, f) for f in _PACKAGE_CONFIG) for p in cl.paths) for _, cl in setups)


def _written_as_folder(source: str) -> bool:
    """Whether a COPY's source names a folder by how it is written (``.``, ``server/.``, ``src/``)."""
    return source in (".", "./") or source.endswith(("/", "/."))


def _cd_folder(commands: Sequence[Command]) -> str | None:
    """The absolute folder of a unit that is a lone `cd /folder` (None for anything else)."""
    if len(commands) != 1 or commands[0].name != "cd":
        return None
    words = [a for a in commands[0].args if a is None or not a.startswith("-")]
    if len(words) != 1 or words[0] is None or not words[0].startswith("/") or "$" in words[0]:
        return None
    return words[0].rstrip("/") or "/"


_LEAN = {"apt": "--no-install-recommends", "apk": "--no-cache"}
# the folder Debian's slim images leave out where an OpenJDK package's postinst links its man page
_MAN_FOLDER = "/usr/share/man/man1"
_JAVA_PACKAGE = re.compile(r"(?<![\w.-])(openjdk-\d+-j(re|dk)|default-j(re|dk))(-headless)?(?![\w.-])")


def _staged_copy(script: str, stage: StagedInstall, covered: str = "") -> list[str]:
    """The commands of an install's staged copy: the install with DESTDIR added and its other targets left out,
    with what runs before and after it (``covered``: :func:`_covered`)."""
    text = script[stage.start:stage.end]
    dropped = [(a - stage.start, b - stage.start) for a, b in stage.drop]
    edits = [(a, b, "") for a, b in remove_word_spans(text, dropped)] + [(stage.at - stage.start,) * 2 + (stage.text,)]
    edits += [(a - stage.start, b - stage.start, new) for a, b, new in stage.swap]
    parts = [stage.before.removesuffix(" && "), apply_edits(text, edits), stage.after.removeprefix(" && "), stage.fold,
             stage.prune, covered]
    return [p for p in parts if p]


def _chained(inst: Instruction, at: int, commands: list[str], newline: str) -> str:
    """``commands`` and an ``&&`` to the command at ``at``, chained as the RUN writes its chain: one command a
    line when the RUN puts each on a line of its own (``&&`` leading or ending the lines), else on the line of
    the command."""
    joint = _joint(inst, at, newline)
    return joint.join(commands) + joint


def _joint(inst: Instruction, at: int, newline: str) -> str:
    """The ``&&`` between the command at ``at`` and one put next to it, as the RUN writes its chain."""
    before, first = line_before(inst, at)
    indent = before[:len(before) - len(before.lstrip(" \t"))]
    if not first and re.fullmatch(r"[ \t]*&&[ \t]*", before):
        return f" {inst.escape}{newline}{indent}&& "
    if not first and not before.strip(" \t"):
        return f" && {inst.escape}{newline}{indent}"
    return " && "



def _check_editable(inst: Instruction, d: Decision, staged: list[StagedInstall], inserts: list[tuple[Command, Claim]],
                    script: str, offset: int) -> None:
    """Raises CannotRefactor where the builder's RUN needs edits (``staged`` installs, ``inserts``) that the tool
    cannot make: its form is not a RUN's own shell text, or its text cannot be mapped."""
    if staged and not d.splittable:
        first = staged[0]
        need = (f"its install {first.what} would need the stamp before it and the copy after it of a tracked "
                "install" if first.in_place and not first.unpacked else
                "its install into /usr would need a staged copy (DESTDIR)")
        raise CannotRefactor(f"RUN at line {inst.start_line}: {need} added, and the tool edits only a RUN's own "
                             "shell text (not `sh -c`, exec form or heredoc)")
    if inserts and not d.splittable:
        raise CannotRefactor(f"RUN at line {inst.start_line}: `{_shown(script, inserts[0][0])}` would need "
                             f"`{(inserts[0][1].builder_insert or (0, ''))[1].strip()}` added in the builder, and "
                             "the tool edits only a RUN's own shell text (not `sh -c`, exec form or heredoc)")
    if inst.original[offset:offset + len(script)] != script:
        raise CannotRefactor(f"RUN at line {inst.start_line}: the tool could not map its text to edit it")

def _tracked(inst: Instruction, stage: StagedInstall, offset: int, newline: str,
             covered: str) -> list[tuple[int, int, str]]:
    """The edits of a RUN whose install is tracked (run as written): the stamp before it and the copy after it,
    each command on a line of its own when the RUN writes its chain so."""
    joint = _joint(inst, offset + stage.start, newline)
    before = stage.before.removesuffix(" && ").split(" && ")
    return [(offset + stage.start, offset + stage.start, joint.join(before) + joint),
            (offset + stage.end, offset + stage.end, joint + joint.join(_after_tracked(stage, covered)))]


def _after_tracked(stage: StagedInstall, covered: str) -> list[str]:
    """What the builder runs after a tracked install, command by command: the copy of what it changed,
    ``prune`` and ``covered`` (:func:`_covered`)."""
    return [c for c in (stage.after.removeprefix(" && "), stage.prune, covered) if c]


def _covered(stage: StagedInstall, artifacts: Iterable[Artifact]) -> str:
    """The ``rm -rf`` of the staging folder's copy of the folders the runtime also copies whole from the builder
    (/usr/local, which holds what the install put there as well: read29 4c029d58 stored snabb twice), or ""."""
    folders = sorted({a.path for a in artifacts if a.whole_dir and a.path in USR_LOCAL and a.target == a.path})
    return f"rm -rf {' '.join(stage.folder + f for f in folders)}" if folders else ""


def _unpacked_in_place(stage: StagedInstall, offset: int) -> list[tuple[int, int, str]]:
    """The edits of a RUN whose unpack of a piped archive goes into the staging folder itself: the folder made
    before its pipeline, the command's folder swapped, and the copy into the system's folder after it."""
    edits = [(offset + stage.start, offset + stage.start, stage.before), (offset + stage.end,) * 2 + (stage.after,)]
    edits += [(offset + a, offset + b, new) for a, b, new in stage.swap]
    return edits + ([(offset + stage.at,) * 2 + (stage.text,)] if stage.text else [])


def _shown(script: str, cmd: Command) -> str:
    return script[cmd.argv[0].start:cmd.argv[-1].end] if cmd.argv else ""


def _continued(inst: Instruction, text: str) -> str:
    """`` && more`` as the instruction writes its chain: on a line of its own, indented as its other
    ``&&`` lines, when it spans several lines."""
    if len(inst.lines) < 2:
        return text
    rest = [ln for ln in inst.lines[1:] if ln.strip(" \t\r\n") and not ln.lstrip(" \t").startswith("#")]
    chained = [ln for ln in rest if ln.lstrip(" \t").startswith(("&&", ";"))] or rest or inst.lines[1:]
    indent = chained[-1][: len(chained[-1]) - len(chained[-1].lstrip(" \t"))]
    return f" {inst.escape}{inst.newline}{indent}{text.lstrip()}"


_FETCHERS = frozenset({"curl", "wget", "git", "gnupg", "gnupg2", "dirmngr", "apt-transport-https",
                       "software-properties-common", "openssl"})


def _lean_install(cmd: Command, op: PackageOp, commands: Sequence[Command] = ()) -> list[tuple[int, int, str]]:
    """The option that keeps an install lean (apt: no recommended packages; apk: no index cache), added
    after the verb's options when the command lacks it. Not apk's in a RUN that removes the index cache with an
    ``rm`` that does not force (``rm /var/cache/apk/*``): with ``--no-cache`` the folder stays empty, the shell
    gives rm the unmatched glob, and rm fails."""
    flag = _APTITUDE_LEAN if _is_aptitude(cmd) and op.manager == "apt" else _LEAN.get(op.manager)
    if flag is None or flag in cmd.args or op.flags_end < 0:
        return []
    if flag == _APTITUDE_LEAN and "-R" in cmd.args:
        return []
    if op.manager == "apk" and any(_removes_strictly(c, "/var/cache/apk/") for c in commands):
        return []
    return [(op.flags_end, op.flags_end, " " + flag)]


def _in_words(names: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


# aptitude's own option: it stops on apt-get's --no-install-recommends ("unrecognized option")
_APTITUDE_LEAN = "--without-recommends"


def _is_aptitude(cmd: Command) -> bool:
    return posixpath.basename(cmd.name or "") == "aptitude"


def _removes_strictly(cmd: Command, folder: str) -> bool:
    """``rm`` of files inside ``folder`` without -f/--force: it fails when they are not there."""
    return cmd.name == "rm" and not forces(cmd.args) and any(a is not None and a.startswith(folder) for a in cmd.args)


def _assume_yes(cmd: Command, op: PackageOp) -> list[tuple[int, int, str]]:
    """apt's -y, added after the verb's options when the command lacks it: an install without it that worked
    on the full image (whose packages were all there already) asks before it installs the run-time libraries
    and their dependencies on the slim one, and the build, which has no one to answer, aborts."""
    if op.manager != "apt" or op.flags_end < 0 or _assumes_yes(cmd):
        return []
    return [(op.flags_end, op.flags_end, " -y")]


def _assumes_yes(cmd: Command) -> bool:
    """apt answers its own question: -y (alone or among short options), --yes, --assume-yes, quiet level 2
    (-qq, which implies -y), or the option set by -o."""
    if any(w.value is None for w in cmd.argv):
        return True  # a variable (`$APT_INSTALL pkg`) may hold it
    for a in cmd.args:
        if a is None or "$" in a:
            return True
        if a in ("--yes", "--assume-yes", "--quiet=2", "-q=2") or re.fullmatch(r"-[a-zA-Z]*y[a-zA-Z]*", a) or \
                re.fullmatch(r"-[a-zA-Z]*q[a-zA-Z]*q[a-zA-Z]*", a) or "assume-yes" in a.lower():
            return True
    return False


# apt's options that take packages from another release than the image's (backports)
_RELEASE_OPTIONS = frozenset({"-t", "--target-release", "--default-release"})


def _sort_key(word: str) -> str:
    """How tally's sort-packages orders package words: by name, versions aside, case aside."""
    return _package_name(word).lower()


def _in_order(words: Sequence[str]) -> bool:
    keys = [_sort_key(w) for w in words]
    return keys == sorted(keys)


def _kept_sorted(op: PackageOp, edits: list[tuple[int, int, str]], hidden: bool = False) -> list[tuple[int, int, str]]:
    """The word edits of an install whose package list the input wrote sorted, or ``hidden`` from tally's
    sort-packages (a comment line inside the instruction, which the runtime's copy drops: 7b1b83cb), redone so
    that it is sorted: the names the edits leave (run-time libraries in place of dev packages, ca-certificates)
    are laid out in order over the words, each word keeping as many names as the edits gave it. As tally's
    sort-packages reads a list, words with a variable (``pkg="${VERSION}"``) stay where they are, out of it."""
    words = sorted(op.words, key=lambda w: w.start)
    literal = [w for w in words if "$" not in w.text]
    if any(len(w.names) != 1 or _package_name(w.text) != w.names[0] for w in literal) \
            or not (hidden or _in_order([w.text for w in literal])):
        return edits
    slots: list[list[str]] = [[w.text] for w in words]
    at: list[int] = []  # the word of each edit
    for s, e, new in sorted(edits, key=lambda x: (x[0], x[1] - x[0])):
        k = next((k for k, w in enumerate(words) if s in (w.start, w.end) and e in (w.start, w.end)), None)
        if k is None:
            return edits
        w = words[k]
        if (s, e) == (w.start, w.end):
            slots[k][-1:] = new.split()  # a replacement, after an insertion before the word
        else:
            slots[k][len(slots[k]) if s == w.end else 0:0] = new.split()
        at.append(k)
    free = [k for k, slot in enumerate(slots) if not any("$" in n for n in slot)]
    flat = [n for k in free for n in slots[k]]
    if _in_order(flat):
        return edits
    ordered = iter(sorted(flat, key=_sort_key))
    kept = [x for x, k in zip(sorted(edits, key=lambda x: (x[0], x[1] - x[0])), at, strict=True) if k not in free]
    return kept + [(words[k].start, words[k].end, " ".join(next(ordered) for _ in slots[k])) for k in free]


def _package_name(word: str) -> str:
    """The package name of ``pkg=1.2`` / ``pkg>=1`` / ``pkg~1`` / ``pkg@edge``."""
    for sep in ("=", "<", ">", "~", "@"):
        word = word.split(sep, 1)[0]
    return word


def _fixes_broken(cmd: Command) -> bool:
    """``apt-get -f install``: installs what the packages installed from files before it lack."""
    return any(a == "--fix-broken" or (a.startswith("-") and not a.startswith("--") and "f" in a)
               for a in cmd.args if a is not None)


# where the builder moves the staging folder after the build when the runtime copies a folder that holds it whole
# (/opt): a folder of the tool's own outside every folder the runtime copies (a file's copy of / is not one)
STAGED_APART = "/staged"
_NAMES_STAGED_APART = re.compile(r"(?<![\w./-])" + re.escape(STAGED_APART) + r"(?![\w.-])")


def _append(edits: list[tuple[int, int, str]], at: int, text: str) -> None:
    """``text`` added at ``at``, after what another edit adds there."""
    k = next((j for j, (s, e, _) in enumerate(edits) if s == e == at), None)
    if k is None:
        edits.append((at, at, text))
    else:
        edits[k] = (at, at, edits[k][2] + text)


def stashed_name(word: PackageWord) -> str:
    """The name of a package file in PACKAGE_FILES (``./dist/x.deb`` -> ``x.deb``)."""
    return posixpath.basename(word.names[0])


class RunVersions:
    """The runtime versions of a plan's RUNs. A package file the build installs, the runtime installs from the
    builder's copy in PACKAGE_FILES (bound from the builder with ``buildkit``, else copied, and removed after)."""

    def __init__(self, plan: Plan, artifacts: Sequence[Artifact], buildkit: bool = False,
                 joined: tuple[int, tuple[str, ...]] | None = None) -> None:
        self.plan = plan
        self.artifacts = artifacts
        self.buildkit = buildkit
        self.joined = joined  # (the RUN, the packages no version installs): its apt install names them too
        self.at = -1  # the RUN whose version is being made
        self.files_kept = False  # a runtime version before installs a package file (`apt-get -f install` then serves)
        self.keep = set(plan.packages)
        self.libs = dict(plan.library_map)
        self.installed_here: set[str] = set()  # packages some runtime version installs
        self.recommends_noted = False  # the note on the recommended packages of an unknown release, given once
        self.notes: list[str] = []  # the reasons of what the versions add (ca-certificates for libcurl)
        self.made_after: list[str] = []  # folders a setup placed after the copies makes (`mkdir -p /etc/ckan`)
        self.file_installs = {p for d in plan.decisions for c in d.claims if c.packages
                              and c.packages.action == "install" for p in c.packages.packages}
        self.file_installs |= {c.packages.virtual for d in plan.decisions for c in d.claims
                               if c.packages and c.packages.virtual}
        self.installed_names = {package_name(p) for p in plan.packages}  # what the runtime installs, by name
        self.left_out = {package_name(p) for p in self.file_installs} - self.installed_names
        # copies whose owner a `chown -R` gives instead, repeated without -R: target -> (owner, its line)
        self.owners: dict[str, tuple[str, int, str]] = {}  # ... and the owner as the chown writes it
        self.flat: set[int] = set()  # those chowns (ids of their commands)
        self.only_flattened: set[int] = set()  # RUNs (lines) repeated whole but for the -R of such a chown
        # users and groups (True) that RUNs the runtime repeats before the copies make, by name
        self.made_before: set[tuple[bool, str]] = set()
        self.after_paths: list[str] = []  # the paths setup the runtime repeats right after the copies names

    def all(self) -> dict[int, Version]:
        out: dict[int, Version] = {}
        for k, d in enumerate(self.plan.decisions):
            if d.group.inst.cmd == "run" and d.where is not Where.TEST and d.run is not None:
                self.at = k
                out[k] = self.version(k, d)
        joined = self._joined(out)
        if joined is None:
            return out
        again = RunVersions(self.plan, self.artifacts, self.buildkit, joined)
        found = again.all()
        if not set(joined[1]) <= again.installed_here:
            return out
        self.notes, self.owners, self.only_flattened = again.notes, again.owners, again.only_flattened
        return found

    def _joined(self, versions: dict[int, Version]) -> tuple[int, tuple[str, ...]] | None:
        """The packages no version installs (run-time libraries, ca-certificates, tools a command runs) go
        where the runtime writes them, after the last RUN before the copies that installs packages: with apt,
        that RUN's install names them, rather than a second install right after it."""
        p = self.plan
        extra = tuple(sorted((pkg for pkg in p.packages if pkg not in self.installed_here), key=_sort_key))
        if not extra or self.joined is not None or p.package_manager != "apt" or p.ldd_folders \
                or p.packages_early:
            return None
        last = [k for k, v in versions.items() if v.installs and v.here is not None and k <= max(p.last_build, 0)]
        return (last[-1], extra) if last else None

    def version(self, k: int, d: Decision) -> Version:
        script_units = run_units(d.run) if d.run is not None else ()
        if not script_units:
            return Version(None, None, ())
        places = _with_server(d, script_units, [self._place(k, d, u) for u in script_units])
        places = self._owned_where_made(k, d, script_units, places)
        self._check_cd(d, script_units, places, self._runtime_folders(k))
        edits: dict[int, list[tuple[int, int, str]]] = {}
        installs: list[str] = []
        files: list[str] = []
        for i, (u, place) in enumerate(zip(script_units, places, strict=True)):
            if place is Place.PACKAGES:
                found = self._package_edits(d, u, installs, files)
                if found is None:
                    places[i] = Place.DROP
                else:
                    edits[i] = found
        here = [i for i in self._keep(places, {Place.HERE, Place.PACKAGES})
                if not (places[i] is Place.SHELL and self._needs_copies(k, d, script_units[i]))]
        here = _without_unused_assignments(d, script_units, _without_repeats(d, script_units, here, places), edits)
        after = _without_unused_assignments(d, script_units, self._keep(places, {Place.AFTER}), {})
        after_edits: dict[int, list[tuple[int, int, str]]] = {}
        for i in after:
            after_edits.setdefault(i, []).extend(self._flattened(d, script_units[i]))
        self._note_runtime_facts(k, d, script_units, places)
        whole = here == list(range(len(script_units))) and not any(edits.values())
        for i in here:
            flat = self._flattened(d, script_units[i])
            edits.setdefault(i, []).extend(flat)
            if flat and whole:
                self.only_flattened.add(d.group.inst.start_line)
        for kept, kept_edits in ((here, edits), (after, after_edits)):
            for i in kept:
                if places[i] is not Place.PACKAGES and not any(places[j] is Place.PACKAGES for j in kept if j < i):
                    kept_edits.setdefault(i, []).extend(self._without_caches(d, script_units[i]))
        self._clean_up(d, script_units, here, places, edits, self._upgrades_without_lists(k, d, script_units))
        if files and not self.buildkit:  # the copy of the files made before the RUN goes with it, last
            _append(edits.setdefault(here[-1], []), script_units[here[-1]].end,
                    _continued(d.group.inst, f" && rm -rf {PACKAGE_FILES}"))
        _check_wrapped(d, script_units, (here, after), edits)
        here_inst = self._text(d, script_units, here, edits)
        after_inst = self._text(d, script_units, after, after_edits)
        return Version(here_inst, after_inst, tuple(installs), tuple(files))

    def _without_caches(self, d: Decision, u: Unit) -> list[tuple[int, int, str]]:
        """The word edits that take the package lists and caches out of an `rm` the runtime repeats for the image's
        files it also names (``rm -r /etc/nginx/sites-enabled/default /var/lib/apt/lists/*``), where no package
        command runs before it in the runtime's RUN: the runtime's lists are empty (its image's, and its own installs
        remove theirs), the pattern matches nothing and `rm` without -f fails the build."""
        if d.run is None or d.run.origin:
            return []
        out: list[tuple[int, int, str]] = []
        for i in u.commands:
            cmd = d.commands[i]
            if cmd.name != "rm" or d.claims[i].role is not Role.SETUP or forces(cmd.args):
                continue
            words = [w for w in cmd.argv[1:] if w.value is not None and not w.value.startswith("-")]
            caches = [w for w in words if in_package_cache(clean(w.value or "").rstrip("*").rstrip("/"))]
            if not caches or len(caches) == len(words):
                continue
            out += [(w.start, w.end, "") for w in caches]
            self.notes.append(f"the runtime repeats `rm` of the RUN at line {d.group.inst.start_line} without "
                              f"{' '.join(w.text for w in caches)}: the runtime has no package lists or caches there, "
                              "so the pattern would match nothing and `rm` fail")
        return out

    def _needs_copies(self, k: int, d: Decision, u: Unit) -> bool:
        """Shell housekeeping that needs what the runtime copies from the builder (``. /venv/bin/activate``), in a
        RUN the runtime repeats before the copies: left out there (it is kept with setup placed after them)."""
        return k <= self.plan.last_build and any(inside(p, a.path) for i in u.commands for p in d.claims[i].paths
                                                 for a in self.artifacts)

    def _upgrades_without_lists(self, k: int, d: Decision, script_units: Sequence[Unit]) -> set[int]:
        """The units of the RUN whose package commands are all apt upgrades that ran before any `apt-get update` of
        the stage: with the lists the base image has (an official one has none) they upgraded nothing, and with
        lists fetched first the runtime's would upgrade, where an `apt-get upgrade` without -y stops at its prompt
        (dev 0e85d45a, `run apt-get upgrade` then `run apt-get update`: the rewrite's update first failed)."""
        earlier = [c for e in self.plan.decisions[:k] for c in e.commands]
        out: set[int] = set()
        for i, u in enumerate(script_units):
            ops = [op for j in u.commands if (op := d.claims[j].packages) is not None]
            if ops and all(op.manager == "apt" and op.action == "upgrade" for op in ops) and \
                    not any(_updates_apt(c) for c in earlier):
                out.add(i)
            earlier += [d.commands[j] for j in u.commands]
        return out

    @staticmethod
    def _clean_up(d: Decision, script_units: Sequence[Unit], keep: list[int], places: list[Place],
                  edits: dict[int, list[tuple[int, int, str]]], listless: set[int]) -> None:
        """An apt install the runtime keeps removes the package lists in the same RUN (a yum install cleans
        its caches), as the lines the tool writes always do; it fetches them first unless the RUN did, but not
        for an upgrade that ran without them (``listless``), which the runtime repeats as it ran."""
        ops = [(op.manager, d.commands[i].name) for k in keep if places[k] is Place.PACKAGES and k not in listless
               for i in script_units[k].commands if (op := d.claims[i].packages) is not None
               and not set(d.claims[i].tools or ()) & {"dpkg", "rpm"}  # they read no package index
               # (nor do the images' own install commands, which fetch the lists and remove them themselves)
               and d.commands[i].name not in data("commands.json")["package_commands"]]
        managers = {manager for manager, _ in ops}
        rpm = next((name for manager, name in ops if manager == "rpm" and name in ("dnf", "microdnf")), "yum")
        script = d.run.script.text if d.run is not None else ""
        kept = " ".join(script[script_units[k].start:script_units[k].end] for k in keep)
        cleanup = {"apt": ("/var/lib/apt/lists", " && rm -rf /var/lib/apt/lists/*"),
                   "rpm": ("clean all", f" && {rpm} clean all")}
        for manager, (mark, text) in cleanup.items():
            if manager in managers and mark not in kept:
                last = keep[-1]
                at = script_units[last].end
                edits.setdefault(last, []).append((at, at, _continued(d.group.inst, text)))
        first = next((k for k in keep if places[k] is Place.PACKAGES and k not in listless), None)
        before = " ".join(script[script_units[k].start:script_units[k].end] for k in keep
                          if first is not None and k <= first)
        if "apt" in managers and first is not None \
                and not re.search(r"\bapt(-get)?\s+(\S+\s+)*update\b", before):
            # the package lists: an earlier RUN fetched them in the original, the runtime's own install needs them
            # before its first install (an update later in the RUN is too late for it: dev file 30483771111c)
            at = script_units[first].start
            edits.setdefault(first, []).append((at, at, "apt-get update && "))

    def _runtime_folders(self, k: int) -> set[str]:
        """Folders the runtime has before the decision ``k`` (and the folders above them): those a WORKDIR
        before it names, and, after the last build step, those the build context is copied into by a COPY the
        runtime repeats (a compiled program's runtime leaves out the context copied before its build)."""
        p = self.plan
        found: set[str] = set()
        for j, d in enumerate(p.decisions[:k]):
            inst = d.group.inst
            if inst.cmd == "workdir":
                found.add(d.workdir)
            elif _context_root_copy(inst) and d.where is Where.BOTH and k > p.last_build >= 0 \
                    and not (p.kind in COMPILED and j < p.last_build) and "$" not in inst.value[-1]:
                found.add(posixpath.normpath(posixpath.join(d.workdir, inst.value[-1])))
            elif len(inst.value) > 1:
                found |= self._copy_makes(j, d)
            if inst.cmd == "run" and d.where is not Where.BUILDER:
                found |= self._mkdir_makes(d)
        for folder in list(found):
            while (parent := posixpath.dirname(folder)) != folder:  # "//" is its own parent, as "/" is
                folder = parent
                found.add(folder)
        return found

    def _mkdir_makes(self, d: Decision) -> set[str]:
        """The folders a RUN the runtime repeats makes with `mkdir` (``mkdir -p /vol/web/media``), but not one a copy
        from the builder makes or fills (the runtime leaves out a `mkdir` of that one: rp11 quotation, whose `chmod -R
        755 /vol/web` before collectstatic ran after the copy of /vol/web/static, and changed its files' modes)."""
        return {posixpath.normpath(p) for c, cl in zip(d.commands, d.claims, strict=False)
                if c.name == "mkdir" and cl.role is Role.SETUP for p in cl.paths
                if "$" not in p and not any(inside(p, a.path) or inside(a.path, p) for a in self.artifacts)}

    def _copy_makes(self, j: int, d: Decision) -> set[str]:
        """The folder a COPY or ADD the runtime repeats makes (``COPY package.json /src/``: /src; ``COPY a.conf
        /etc/app/a.conf``: /etc/app), or nothing."""
        inst = d.group.inst
        target = _copy_target(d)
        if target is None or not self._repeats_copy(j, d, target):
            return set()
        return {target if inst.value[-1].endswith("/") or len(inst.value) > 2 else posixpath.dirname(target)}

    def _check_cd(self, d: Decision, script_units: Sequence[Unit], places: list[Place], present: set[str]) -> None:
        """Setup the runtime repeats after a `cd` runs where it ran: the runtime keeps that `cd` when its folder
        is there too (one every image has, one ``present`` names, one a `mkdir` the runtime repeats made, or one
        the base image has: :meth:`_base_has`); a `cd` to a folder of the build leaves the RUN alone."""
        cd_at: int | None = None  # the unit of the last `cd`
        there = True  # its folder is in the runtime
        made: set[str] = set(present)
        for k, (u, place) in enumerate(zip(script_units, places, strict=True)):
            commands = [d.commands[i] for i in u.commands]
            kept = place in (Place.HERE, Place.AFTER)
            if kept and cd_at is not None and any(d.claims[i].relative for i in u.commands):
                if not there or places[cd_at] not in (Place.DROP, place):
                    raise CannotRefactor(f"RUN at line {d.group.inst.start_line}: it builds and also sets up the "
                                         "environment after a `cd`; the runtime cannot repeat just that part")
                places[cd_at] = place
            if kept:
                made |= {a.rstrip("/") for c in commands if c.name == "mkdir" for a in c.args
                         if a is not None and a.startswith("/")}
            if any(c.name in ("cd", "pushd", "popd") and c.depth == 0 for c in commands):
                cd_at, target = k, _cd_folder(commands)
                there = target is not None and (target in _EVERY_IMAGE_HAS or target in made or self._base_has(target))

    def _base_has(self, folder: str) -> bool:
        """A folder of the base image (``cd /etc/php7`` on hyperf/hyperf): the runtime is the builder's image and
        installs every package the file does, and nothing in the file could have made the folder (no build output,
        COPY, ADD or WORKDIR is it or above it), so it is there in the runtime as it was in the builder."""
        p = self.plan
        if p.runtime_image != p.builder_image or self.left_out or p.removed_later:
            return False
        made = [a.path for a in self.artifacts] + [d.workdir for d in p.decisions if d.group.inst.cmd == "workdir"]
        made += [posixpath.join(d.workdir, d.group.inst.value[-1]) for d in p.decisions
                 if d.group.inst.cmd in ("copy", "add") and d.group.inst.value]
        return "$" not in folder and not any(inside(folder, posixpath.normpath(m)) or "$" in m for m in made)

    @staticmethod
    def _keep(places: list[Place], wanted: set[Place]) -> list[int]:
        core = [i for i, p in enumerate(places) if p in wanted]
        if not core:
            return []
        extra = {i for i, p in enumerate(places) if p is Place.SHELL}
        if any(places[i] is Place.PACKAGES for i in core):
            extra |= {i for i, p in enumerate(places) if p is Place.PACKAGE_HOUSEKEEPING}
        return sorted(set(core) | extra)

    def _setup_copied(self, k: int, pairs: list[tuple[Command, Claim]]) -> bool:
        """Whether all the setup of a unit that builds too is inside folders the runtime copies whole from the builder,
        which has it done (``sh install.sh``, whose `mkdir -p ../lib` and `rm -rf uSockets` work in /home, copied whole:
        rp13 thethreediepeteers/diatom-server): the copy brings what it did, and the unit stays in the builder."""
        if k > self.plan.last_build:
            return False
        wholes = [a.path for a in self.artifacts if a.whole_dir]
        return all(cl.paths and all(any(inside(p, w) for w in wholes) for p in cl.paths)
                   for _, cl in pairs if cl.role is Role.SETUP)

    # where a unit goes ---------------------------------------------------------
    def _place(self, k: int, d: Decision, u: Unit) -> Place:
        pairs = [(d.commands[i], d.claims[i]) for i in u.commands]
        roles = {cl.role for _, cl in pairs}
        line = d.group.inst.start_line
        if roles & {Role.BUILD, Role.TEST}:
            if Role.SETUP in roles and not self._setup_copied(k, pairs):
                outer = _wrapping(d, u)
                if outer is not None:
                    raise CannotRefactor(f"RUN at line {line}: `{_argv_shown(outer)}` runs one script that both "
                                         "builds and sets up what the runtime needs; the runtime cannot repeat just "
                                         "the setup")
                raise CannotRefactor(f"RUN at line {line}: a build step and setup the runtime needs are one "
                                     "command (a pipe, condition or loop); the runtime cannot repeat just the setup")
            kept = next((c for c, cl in pairs if self._installs_kept(cl)), None)
            if kept is not None:
                # `wget URL -O x.deb && dpkg -i x.deb || true`: the download and the install are one condition
                raise CannotRefactor(f"RUN at line {line}: a build step and `{_argv_shown(kept)}`, which installs "
                                     "packages the runtime needs, are one command (a pipe, condition or loop); the "
                                     "runtime cannot repeat just the install")
            return Place.DROP
        if Role.PACKAGES in roles:
            return Place.PACKAGES
        if Role.SETUP in roles:
            return self._setup_place(k, d, pairs)
        kinds = {cl.housekeeping for _, cl in pairs}
        if Housekeeping.PACKAGES in kinds:
            return Place.PACKAGE_HOUSEKEEPING
        if kinds == {Housekeeping.SHELL}:
            return Place.SHELL
        return Place.DROP

    def _installs_kept(self, claim: Claim) -> bool:
        """An install some of whose packages the runtime installs too: a package file (:func:`_stashed`), a package
        it keeps, or one whose run-time libraries it keeps."""
        op = claim.packages
        if op is None or op.action != "install":
            return False
        names = [n for w in op.words for n in w.names]
        return bool(op.files) or any(n in self.keep or set(self.libs.get(_package_name(n), ())) & self.keep
                                     for n in names)

    def _setup_place(self, k: int, d: Decision, pairs: list[tuple[Command, Claim]]) -> Place:
        setups = [(c, cl) for c, cl in pairs if cl.role is Role.SETUP]
        if k <= self.plan.last_build and all((cl.context_files or c.name == "rm" and forces(c.args))
                                             and any(inside(a.path, p) for p in cl.paths for a in self.artifacts)
                                             for c, cl in setups):
            # `COPY . .` then `rm -rf node_modules && npm install`: the context's copy is deleted before the runtime
            # copies the builder's (a COPY merges folders: the context's files the build did not make again stayed);
            # so is a folder of the image (`rm -rf /var/www/html && mv /var/www/kanboard /var/www/html`: apache2's
            # index.html stayed, 779a1449). Not inside a folder the runtime copies whole, whose context COPY it does
            # not repeat
            return Place.HERE
        if self._mode_of_copied_folders(setups):  # without -R (:meth:`_flattened`): the copies keep the files'
            return Place.AFTER if k <= self.plan.last_build else Place.HERE
        if all(carried(c, d.workdir, self.artifacts, cl.paths, k <= self.plan.last_build) for c, cl in setups):
            return Place.HERE if self._made_for_later(k, setups) else Place.DROP
        if all(cl.repository and not any(p in self.installed_names for p, _ in cl.repository)
               and any(p in self.left_out for p, _ in cl.repository) for _, cl in setups):
            # a package repository whose packages the file installs only for the build (NodeSource's nodejs for
            # the assets): the runtime installs none of them; a setup whose packages the file never installs is
            # configuration the runtime keeps
            return Place.DROP
        if k > self.plan.last_build and self._edits_copied_outputs(k, setups):
            return Place.DROP
        if k <= self.plan.last_build and self.artifacts and any(
                {"python", "python3"} & set(cl.tools or ()) for _, cl in setups):
            # `pip install -r requirements.txt && python manage.py collectstatic`: Python with the packages the
            # runtime copies, after them (before, `No module named 'django'`: adv-s37)
            return Place.AFTER
        if k >= self.plan.last_build >= 0 and (k > self.plan.last_build or _after_its_build(d, setups)) \
                and self._owner_kept_inside(k, d, setups):
            return Place.DROP  # the plain copy brings the owners the builder's chown gave
        if k <= self.plan.last_build and self._owner_for_copies(k, d, setups):
            return Place.AFTER  # without -R (:meth:`_flattened`): the copies bring their files with the owner
        if k < self.plan.last_build and self._owner_of_copied_folders(k, d, setups):
            return Place.AFTER  # without -R: the copies bring the owners the builder's files have
        if k == self.plan.last_build and _after_its_build(d, setups) and self._owner_after_build(k, d, setups):
            return Place.AFTER  # `unzip ... -d /var/www/html && chown -R www-data:www-data /var/www/html`
        if k > self.plan.last_build >= 0 and self._owner_after_build(k, d, setups):
            return Place.HERE  # without -R (:meth:`_flattened`): the copies bring their files with the owner
        if k <= self.plan.last_build and self.artifacts and any(cl.reads_outputs for _, cl in setups):
            return Place.AFTER  # `ldconfig`: the libraries the runtime copies are in its cache
        if k <= self.plan.last_build and any(inside(g, a.path) or inside(a.path, g) for _, cl in setups
                                             for g in cl.globs for a in self.artifacts):
            return Place.AFTER  # `ln -s /facenet/node_modules/* /node_modules/`: the pattern lists what the copy brings
        touches = any(inside(p, a.path) or inside(a.path, p) for _, cl in setups for p in cl.paths
                      for a in self.artifacts)
        if k <= self.plan.last_build and self._in_folder_copies_make(k, setups):
            return Place.AFTER
        if touches and all(cl.removes for _, cl in setups):
            return Place.DROP  # `rm -rf /srv` before the build fills /srv: what the runtime copies is after it
        if touches and k <= self.plan.last_build and self._modes_before_outputs(k, setups):
            return Place.HERE
        if k <= self.plan.last_build and self._staged_before(k, d, setups) and not _sets_up_packages(setups) \
                and not self._makes_context_folders(k, setups):
            # `make install` staged into /usr and /etc, then `rm /etc/nginx/nginx.conf && ln -sf ... /etc/nginx`: what
            # the staged copy brings is not known file by file, so setup the original ran after it runs after it
            # (not a package repository's setup: the installs after it, which the runtime repeats at their place,
            # need it first)
            return Place.AFTER
        if touches and k <= self.plan.last_build and self._makes_copied_folders(setups):
            return Place.HERE
        if k <= self.plan.last_build and (touches or any(inside(p, m) for _, cl in setups for p in cl.paths
                                                         for m in self.made_after)):
            # (`ln -s ... /etc/ckan/who.ini` needs the folder `mkdir -p $VENV /etc/ckan`, placed after them, makes)
            self.made_after += [p for c, cl in setups if c.name == "mkdir" for p in cl.paths]
            return Place.AFTER
        return Place.HERE

    def _note_runtime_facts(self, k: int, d: Decision, units: Sequence[Unit], places: list[Place]) -> None:
        """What :meth:`_owner_after_build` reads of the RUNs before: the users and groups those the runtime repeats
        before the copies make, and the paths setup it repeats right after them names."""
        if k > self.plan.last_build:
            return
        for u, place in zip(units, places, strict=True):
            if place is Place.HERE:
                self.made_before |= {(a.group, a.name) for i in u.commands for a in accounts_made(d.commands[i])}
            elif place is Place.AFTER:
                self.after_paths += [p for i in u.commands if not _adds_no_owner(d.commands[i])
                                     for p in d.claims[i].paths]

    def _mode_of_copied_folders(self, setups: list[tuple[Command, Claim]]) -> bool:
        """``chmod -R g+rwX /app`` of a folder the runtime copies whole: the copy keeps its files' modes, which the
        builder's chmod set, but makes the folder itself 0755 (an OpenShift-style user of group 0 could not write
        there: adv-s36 W5). Repeated after the copies without -R, for the folder itself; with -R its layer would hold
        the copied files a second time."""
        if not setups or not all(c.name == "chmod" and cl.paths for c, cl in setups):
            return False
        if not all(any(a.whole_dir and posixpath.normpath(p) == a.target for a in self.artifacts)
                   for _, cl in setups for p in cl.paths):
            return False
        self.flat.update(id(c) for c, _ in setups)
        return True

    def _owner_after_build(self, k: int, d: Decision, setups: list[tuple[Command, Claim]]) -> bool:
        """``RUN chown -R node:node /app`` after the build filled /app, which the runtime copies whole: repeated
        after the copy, it changes every copied file again and its layer holds them a second time (a runtime
        larger than the original: dev 25ca735b, 78ab7eb8). The builder's chown gave all of them its owner and
        group, so the copy takes them (``--chown=node:node``), and the chown is repeated without -R, for the
        folder itself. Only where nothing else the runtime does puts files in the folder between the copy and
        the chown (they would keep another owner), no other copy lies inside it, the chown names a group (without
        one it leaves each file's group as it was, which --chown cannot say), and the runtime knows the user and
        group at the copy (:meth:`_owner_at_copies`)."""
        if not setups or not all(_chown_args(c) is not None and _recursive(c) for c, _ in setups):
            return False
        found: dict[str, tuple[str, str]] = {}
        for c, cl in setups:
            owner = next((a for a in _chown_args(c) or () if a is not None and not a.startswith("-")), None)
            given = self._owner_at_copies(k, owner) if owner is not None and _OWNER.match(owner) else None
            if given is None and owner is not None and self._kept_by_copy(k, owner):
                given = ""  # a plain copy keeps the builder's owners and groups: no --chown
            if given is None or not cl.paths:
                return False
            for path in cl.paths:
                if any(other != path and inside(path, other) for other in cl.paths):
                    continue  # `chown -R www-data . var/cache`: the folder's -R covers it
                art = next((a for a in self.artifacts if a.target == path and a.whole_dir), None)
                kept = given
                if art is None and owner is not None and _plain_options(_chown_args(c) or ()) \
                        and self._kept_by_copy(k, owner) and not self._chowned_above(c, path):
                    # a folder inside one the runtime copies whole (dev 516752ac's /opt/fabric8-karaf-1.2.0 in
                    # /opt): the plain copy keeps the owners the builder's chown gave it and its files
                    art, kept = next((a for a in self.artifacts if a.whole_dir and a.target != "/"
                                      and a.target not in self.owners and inside(path, a.target)), None), ""
                if art is None or path in _EVERY_IMAGE_HAS or self._written_before(k, d, path, c) \
                        or any(a is not art and (inside(a.target, path) or inside(path, a.target))
                               for a in self.artifacts):
                    return False
                found[path] = (kept, owner or "")
        self.owners.update({path: (given, d.group.inst.start_line, written)
                            for path, (given, written) in found.items() if given})
        self.flat.update(id(c) for c, _ in setups)
        return True

    def _owner_kept_inside(self, k: int, d: Decision, setups: list[tuple[Command, Claim]]) -> bool:
        """``chown -R USER[:GROUP] PATH`` after the build, of folders inside one the runtime copies whole (dev
        516752ac's /opt/fabric8-karaf-1.2.0 in /opt, 779a1449's /var/www/html/data): the plain copy keeps what the
        builder's chown gave them and their files, by number, where USER and GROUP have the same numbers in both
        stages (:meth:`_kept_by_copy`; engine: 1500:1500 kept under the classic builder and BuildKit), so the runtime
        does not run it again (repeated with -R, its layer held the folder a second time; without -R, a PATH that is
        a link, which -R's chown changes itself, would have its target changed). The RUN's other setup must be
        carried by the copies too (``ln -s /opt/app-1.0 /opt/app``)."""
        if not any(_chown_args(c) is not None for c, _ in setups):
            return False
        for c, cl in setups:
            args = _chown_args(c)
            if args is None:
                if not carried(c, d.workdir, self.artifacts, cl.paths, k <= self.plan.last_build):
                    return False
                continue
            owner = next((a for a in args if a is None or not a.startswith("-")), None)
            if not _recursive(c) or not _plain_options(args) or owner is None or not _OWNER.match(owner) \
                    or not self._kept_by_copy(k, owner) or not cl.paths:
                return False
            for path in cl.paths:
                within = [a for a in self.artifacts if a.whole_dir and a.target != "/" and inside(path, a.target)]
                if not within or any(path == a.target or a.target in self.owners for a in within) \
                        or self._written_before(k, d, path, c) or any(inside(a.target, path) for a in self.artifacts) \
                        or self._chowned_above(c, path):
                    return False  # (copied with --chown, or a chown -R of a folder above it: adv-s37 F)
        return True

    def _chowned_above(self, chown: Command, path: str) -> bool:
        """Whether another `chown -R` of the stage names a folder that holds ``path`` (``chown -R 1000:1000 /app``
        beside ``chown -R 1500:1500 /app/data``): the runtime may repeat it after the copy, or copy the folder with
        its owner, and the inner chown must then run again after it."""
        return any(c is not chown and _chown_args(c) is not None and _recursive(c)
                   and any(p != path and inside(path, p) for p in cl.paths)
                   for d in self.plan.decisions for c, cl in zip(d.commands, d.claims, strict=True))

    def _kept_by_copy(self, k: int, owner: str) -> bool:
        """Whether a plain copy keeps what ``chown -R USER`` (no group, dev 11d0f132's `chown -R www-data .`) gave the
        builder's files: COPY --from keeps the files' owners and groups, by number, under the classic builder and
        BuildKit alike (an engine check: 1000:33 kept, the folder itself 0:0); so where USER has the same number in
        both stages (a number, a user of the image or of Debian's base-passwd, one the file gives its id) and the
        copies are made as root."""
        user, colon, group = owner.partition(":")
        if "." in owner or (colon and not group) or self._copy_user() not in ("", "root", "0"):
            return False  # (`chown app:` gives the user's login group)
        made = {(a.group, a.name) for e in self.plan.decisions[:k + 1]
                if e.where is not Where.BUILDER and e.group.inst.cmd == "run"
                for c in e.commands for a in accounts_made(c) if a.id}
        base = image_users(self.plan.runtime_image)
        system = _BASE_PASSWD if has_gnu_userland(self.plan.runtime_image) else frozenset()
        return all(name.isdigit() or (is_group, name) in made or (is_group, name) in system
                   or (name in base and (not is_group or name == user))
                   for is_group, name in ((False, user), *(((True, group),) if group else ())))

    def _owner_at_copies(self, k: int, owner: str) -> str | None:
        """The ``--chown`` value the copies can take for a chown's ``USER:GROUP``: each part as written where the
        runtime knows it at the copy (a number; a user or group a RUN it repeats before the copies makes; a user the
        image makes, with the group of its name: node's node:node), else by the id the file gives it in a RUN the
        runtime repeats up to the chown (``adduser -u 201 dejavu`` in the chown's own RUN: 201); None when a part is
        not known there."""
        user, _, group = owner.partition(":")
        if not group or "." in owner:  # `chown -R app` keeps each file's group; `app.app` is chown's old USER.GROUP
            return None
        base = image_users(self.plan.runtime_image)
        system = _BASE_PASSWD if has_gnu_userland(self.plan.runtime_image) else frozenset()
        ids: dict[tuple[bool, str], str] = {}
        for e in self.plan.decisions[:k + 1]:
            if e.where is not Where.BUILDER and e.group.inst.cmd == "run":
                ids.update({(a.group, a.name): a.id for c in e.commands for a in accounts_made(c) if a.id})
        parts: list[str] = []
        for is_group, name in ((False, user), (True, group)):
            if name.isdigit() or (is_group, name) in self.made_before or (is_group, name) in system \
                    or (name in base and (not is_group or name == user)):
                parts.append(name)
            elif (is_group, name) in ids:
                parts.append(ids[(is_group, name)])
            else:
                return None
        return ":".join(parts)

    def _written_before(self, k: int, d: Decision, path: str, chown: Command) -> bool:
        """Whether the runtime puts files in ``path`` (or names a path there) between the copies and the `chown`
        of decision ``k``: setup it repeats right after the copies, an instruction after the last build step, or
        a command of the chown's own RUN before it. The chown gave those files its owner too."""
        if any(inside(p, path) for p in self.after_paths):
            return True
        if any(e.group.inst.cmd == "volume" and any("$" in v or inside(path, posixpath.normpath(
                posixpath.join(e.workdir, v))) or inside(posixpath.normpath(posixpath.join(e.workdir, v)), path)
                for v in e.group.inst.value) for e in self.plan.decisions[:k]):
            return True  # the classic builder drops what a RUN changes in a volume: the original's chown did nothing
        for j, e in enumerate(self.plan.decisions[self.plan.last_build + 1:k], start=self.plan.last_build + 1):
            inst = e.group.inst
            if e.where is Where.BUILDER or inst.cmd not in ("run", "copy", "add", "workdir"):
                continue
            dest = e.workdir if inst.cmd == "workdir" else _copy_target(e) if inst.cmd != "run" else None
            if inst.cmd in ("copy", "add") and dest is None:
                return True  # a destination named by a variable
            if inst.cmd in ("copy", "add") and dest is not None and inst.flag("from") is None \
                    and _carried_context_copy(self.plan, j, e, dest, self.artifacts):
                continue  # the runtime does not repeat it (read28 32471f61: config/*.php into the copied tree)
            others = [cl for c, cl in zip(e.commands, e.claims, strict=True) if not _adds_no_owner(c)]
            if any(cl.writes_unknown for cl in others):
                return True  # a program whose writes are not known (`manage.py collectstatic` into /app/static)
            if (dest is not None and (inside(dest, path) or inside(path, dest))) \
                    or any(inside(p, path) for cl in others for p in cl.paths) \
                    or (path in inst.original and (others or inst.cmd != "run")):
                return True
        for c, cl in zip(d.commands, d.claims, strict=True):
            if c is chown:
                return False
            if cl.role in (Role.BUILD, Role.TEST) or _adds_no_owner(c) or cl.removes \
                    or carried(c, d.workdir, self.artifacts, cl.paths, k <= self.plan.last_build):
                continue  # the builder's files, which the chown after it gave its owner, the copy brings them
            if any(inside(p, path) for p in cl.paths) or cl.relative:
                return True
        return False

    def _owner_for_copies(self, k: int, d: Decision, setups: list[tuple[Command, Claim]]) -> bool:
        """``chown -R node:node /usr/src/app`` before the build fills the folder, which the runtime copies whole as
        the build's user (node): repeated after the copy, it would change the copied files again and its layer
        would hold them a second time (a runtime larger than the original: dev 2f1b5611, 32e1651b). When every
        folder it names is a copy's target, that copy's user is the chown's, and nothing else the runtime does
        puts files there, the copy takes the chown's owner and group (``--chown=node:node``) instead."""
        if not setups or not all(_chown_args(c) is not None and _recursive(c) for c, _ in setups):
            return False
        found: dict[str, str] = {}
        for c, cl in setups:
            owner = next((a for a in _chown_args(c) or () if a is not None and not a.startswith("-")), None)
            if owner is None or not _OWNER.match(owner) or not cl.paths:
                return False
            for path in cl.paths:
                art = next((a for a in self.artifacts if a.target == path), None)
                if art is None or (art.owner or self._copy_user()) != owner.split(":")[0] \
                        or self._filled_later(k, path):
                    return False
                found[path] = owner
        self.owners.update({path: (owner, d.group.inst.start_line, owner) for path, owner in found.items()})
        self.flat.update(id(c) for c, _ in setups)
        return True

    def _owner_of_copied_folders(self, k: int, d: Decision, setups: list[tuple[Command, Claim]]) -> bool:
        """``mkdir -p vendor && chown -R www-data vendor`` before ``composer install`` fills the folder as root, which
        the runtime copies whole from the builder (read17: 7eeaaf3e): the files keep the builder's owners (root's),
        and repeated with -R after the copy the chown gave them all to www-data, writable by php-fpm's user. Repeated
        without -R, for the folders themselves: those the runtime copies whole (plainly), and empty ones the RUN's
        own `mkdir` makes, which nothing the runtime does fills later."""
        if self._copy_user() not in ("", "root", "0"):
            return False
        chowns = [(c, cl) for c, cl in setups if _chown_args(c) is not None]
        if not chowns or any(not _recursive(c) or not _plain_options(_chown_args(c) or ()) or not cl.paths
                             for c, cl in chowns):
            return False
        made = {posixpath.normpath(p) for c, cl in zip(d.commands, d.claims, strict=True) if c.name == "mkdir"
                for p in cl.paths}  # (by the RUN, in a unit of its own or this one)
        for c, cl in setups:
            if _chown_args(c) is None:
                if c.name != "mkdir":
                    return False
                continue
            for path in (posixpath.normpath(p) for p in cl.paths):
                if not (self._copied_plainly(path) or path in made) or self._filled_later(k, path) \
                        or self._chowned_above(c, path) \
                        or any(a.target != path and inside(a.target, path) for a in self.artifacts):
                    return False
            if not any(self._copied_plainly(posixpath.normpath(p)) for p in cl.paths):
                return False  # (nothing copied: the chown of folders it made, as before)
        self.flat.update(id(c) for c, _ in chowns)
        return True

    def _copied_plainly(self, path: str) -> bool:
        """Whether the runtime copies ``path`` from the builder, as a folder it copies whole or inside one, without a
        ``--chown``: the copy keeps the owners of the builder's files."""
        return any(a.whole_dir and a.target != "/" and inside(path, a.target) and a.target not in self.owners
                   for a in self.artifacts)

    def _flattened(self, d: Decision, u: Unit) -> list[tuple[int, int, str]]:
        """The word edits that take -R out of a `chown -R` whose copies take its owner (:meth:`_owner_for_copies`):
        repeated after them, it gives the folder itself its owner (a COPY into a folder WORKDIR made leaves that
        folder root's), not the copied files again; and that add -f to an `rm` of context files without it."""
        out: list[tuple[int, int, str]] = []
        for i in u.commands:
            cmd = d.commands[i]
            if cmd.name == "rm" and d.claims[i].add_force and not forces(cmd.args):
                # `rm ./conf/local.py` of a file the context holds (:meth:`Walker._context_holds`): where the runtime
                # does not copy it again (the sources of a compiled program), -f keeps the rm from failing
                out.append((cmd.argv[0].end, cmd.argv[0].end, " -f"))
            if id(cmd) not in self.flat:
                continue
            for w in cmd.argv[1:]:
                text = w.value or ""
                if recursive_flag(text):
                    rest = "" if text == "--recursive" else text.replace("R", "")
                    out.append((w.start, w.end, "" if rest == "-" else rest))
        return out

    def _copy_user(self) -> str:
        """The user the runtime's copies are made as: the stage's at the last build step."""
        last = self.plan.decisions[self.plan.last_build] if self.plan.last_build >= 0 else None
        return (last.user or "") if last is not None else ""

    def _filled_later(self, k: int, path: str) -> bool:
        """Whether a step the runtime repeats after decision ``k`` copies into ``path`` or names a path inside it
        (files the chown, repeated after it, would have given its owner)."""
        for j, d in enumerate(self.plan.decisions[k + 1:], start=k + 1):
            inst = d.group.inst
            if d.where is Where.BUILDER or inst.cmd not in ("run", "copy", "add"):
                continue
            dest = _copy_target(d) if inst.cmd != "run" else None
            if dest is not None and j < self.plan.last_build and not inst.flag("from") \
                    and any(a.whole_dir and inside(dest, a.path) for a in self.artifacts):
                continue  # a build input inside a folder the runtime copies whole: the runtime does not repeat it
            if (dest is not None and (inside(dest, path) or inside(path, dest))) or \
                    any(inside(p, path) for cl in d.claims for p in cl.paths) or path in inst.original:
                return True
        return False

    def _edits_copied_outputs(self, k: int, setups: list[tuple[Command, Claim]]) -> bool:
        """``RUN pip3 install -r requirements.txt`` then ``RUN sed -i '35,36d' /usr/local/lib/.../base.py`` (or
        ``echo x >> /opt/app/etc/app.properties``): an edit after the last build of files inside a folder the
        runtime copies from the builder, which the copy brings edited already; repeated after it, it edits them a
        second time (deletes two more lines, appends the line again; dev files 30483771111c, 516752acae7c). Only
        commands that change the files they name alone (sed -i, a redirect), and only when no other step the runtime
        repeats names or copies into those paths (a context COPY it repeats after the copies brings them unedited)."""
        if not self.artifacts or not setups:
            return False
        paths: list[str] = []
        for c, cl in setups:
            if not self._edit_inside_outputs(c, cl):
                return False
            paths += cl.paths
        mine = {id(c) for c, _ in setups}
        for j, d in enumerate(self.plan.decisions):
            if d.where is Where.BUILDER:
                continue
            inst = d.group.inst
            if inst.cmd in ("copy", "add") and not inst.flag("from"):
                dest = d.dest if d.dest is not None else (inst.value[-1] if inst.value else "")
                dest = posixpath.normpath(posixpath.join(d.workdir, dest))
                if "$" in dest or any(inside(p, dest) or inside(dest, p) for p in paths):
                    return False
            for c, cl in zip(d.commands, d.claims, strict=True):
                if id(c) in mine or c.name in ("chown", "chmod") or self._edit_inside_outputs(c, cl) \
                        or carried(c, d.workdir, self.artifacts, cl.paths, j <= self.plan.last_build):
                    continue  # a mode or owner, another such edit, a path the copy brings made
                if (cl.role is Role.SETUP or cl.packages is not None) \
                        and any(inside(p, q) or inside(q, p) for p in paths for q in cl.paths):
                    return False
        return True

    def _edit_inside_outputs(self, c: Command, cl: Claim) -> bool:
        """Whether ``c`` changes only files it names (sed -i, a redirect), all inside folders the runtime copies."""
        return cl.role is Role.SETUP and not cl.removes and bool(cl.paths) \
            and setup_rule(c.name or "") in WRITES_NAMED \
            and all(any(not a.dest and inside(p, a.path) and p != a.path for a in self.artifacts) for p in cl.paths)

    def _in_folder_copies_make(self, k: int, setups: list[tuple[Command, Claim]]) -> bool:
        """``git clone ... /src/open-zwave && ln -s /src/open-zwave /src/open-zwave-read-only``: a link (or file)
        made in a folder the runtime has only once a copy makes it (/src, by the copy of /src/open-zwave); repeated
        before the copies it fails ("No such file or directory"; dev file 06fb92cf33ab)."""
        there = self._runtime_folders(k) | _EVERY_IMAGE_HAS | {  # and those a `mkdir` up to it makes
            q for d in self.plan.decisions[:k + 1] for c, cl in zip(d.commands, d.claims, strict=True)
            if c.name == "mkdir" for q in cl.paths}
        for c, cl in setups:
            if c.name not in ("ln", "touch", "cp") or cl.removes:
                continue
            for p in cl.paths:
                folder = posixpath.dirname(p.rstrip("/")) or "/"
                if folder not in there and any(inside(a.path, folder) and not inside(p, a.path)
                                               for a in self.artifacts):
                    return True
        return False

    def _makes_copied_folders(self, setups: list[tuple[Command, Claim]]) -> bool:
        """``RUN mkdir /facenet /workdir`` before the build fills /facenet, which the runtime copies: a `mkdir`
        without ``-p`` of a copied folder (or of one a copy lies in), repeated after the copies, fails ("mkdir:
        cannot create directory '/facenet': File exists"; dev file 63f44ec6577f). At its place it makes the folder
        the copy then fills, as in the original."""
        return all(c.name == "mkdir" and not makes_parents(c.args)
                   and all(inside(a.path, p) for p in cl.paths for a in self.artifacts
                           if inside(p, a.path) or inside(a.path, p))
                   for c, cl in setups)

    def _makes_context_folders(self, k: int, setups: list[tuple[Command, Claim]]) -> bool:
        """``RUN mkdir /build_zone`` then ``ADD chuck /build_zone``: a `mkdir` without ``-p`` of the folder a later
        COPY or ADD from the build context fills, which the runtime keeps at its place, before the copies; repeated
        after them it fails ("File exists"; dev file 29ece618). At its place it makes the folder, as in the
        original."""
        later = [t for d in self.plan.decisions[k + 1:] if d.group.inst.flag("from") is None
                 and (t := _copy_target(d)) is not None]
        return all(c.name == "mkdir" and not makes_parents(c.args) and cl.paths
                   and all(any(inside(t, p) for t in later) for p in cl.paths) for c, cl in setups)

    def _made_for_later(self, k: int, setups: list[tuple[Command, Claim]]) -> bool:
        """``RUN mkdir /app`` then ``RUN mkdir /app/server``, and /app/node_modules copied: the copy would make /app,
        but only after the runtime repeats the second `mkdir`, which needs /app first ("mkdir: cannot create
        directory '/app/server': No such file or directory"). A folder ``setups`` makes is made at its place when
        setup the runtime repeats before the copies (at or before the last build step, touching no output) makes or
        writes a path inside it (not `mkdir -p`, which makes its parents) before a WORKDIR or COPY makes it."""
        made = [p for c, cl in setups if c.name == "mkdir" for p in cl.paths]
        mine = {id(c) for c, _ in setups}
        last = self.plan.last_build
        for j, d in enumerate(self.plan.decisions[k:last + 1], k):
            if j > k and any(self._copies_a_file_as(j, d, m) for m in made):
                return True
            made = [m for m in made if not (j > k and self._makes_folder(j, d, m))]
            for c, cl in zip(d.commands, d.claims, strict=True):
                if id(c) in mine or cl.role is not Role.SETUP \
                        or (c.name == "mkdir" and makes_parents(c.args)) \
                        or carried(c, d.workdir, self.artifacts, cl.paths, True) \
                        or any(inside(p, a.path) or inside(a.path, p) for p in cl.paths for a in self.artifacts):
                    continue
                if any(p != m and inside(p, m) for p in cl.paths for m in made):
                    return True
        return False

    def _copies_a_file_as(self, j: int, d: Decision, folder: str) -> bool:
        """``RUN mkdir -p /home/app`` then ``COPY package.json $HOME`` (HOME=/home/app): a COPY or ADD the runtime
        repeats of one source into ``folder`` named without a trailing ``/`` puts the file inside the folder when
        it is there, and makes a file of that name when it is not (then ``WORKDIR $HOME`` failed: "/home/app is
        not a directory"; dev file 4ca481960622): the folder is needed before it. A source or destination written
        as a folder (``server/.``, ``src/``, ``/opt/.``) fills the destination whichever it is."""
        inst = d.group.inst
        if d.dest is None or len(inst.value) != 2 or inst.heredocs or "$" in d.dest \
                or _written_as_folder(d.dest) or _written_as_folder(inst.value[0]):
            return False
        target = posixpath.normpath(posixpath.join(d.workdir, d.dest))
        return target == folder and self._repeats_copy(j, d, target)

    def _repeats_copy(self, j: int, d: Decision, target: str) -> bool:
        """Whether the runtime repeats the COPY or ADD of decision ``j`` into ``target``: not one of the context
        it leaves out (a compiled program's, before its build), nor one into a copied output."""
        return d.where in (Where.BOTH, Where.RUNTIME) \
            and not (self.plan.kind in COMPILED and j < self.plan.last_build) \
            and not any(inside(target, a.path) for a in self.artifacts)

    def _makes_folder(self, j: int, d: Decision, folder: str) -> bool:
        """Whether decision ``j``, which the runtime repeats, makes ``folder``: a WORKDIR at or under it, or a COPY
        or ADD into it (not one of the context the runtime leaves out, nor one into a copied output)."""
        inst = d.group.inst
        if inst.cmd == "workdir":
            return inside(d.workdir, folder)
        target = _copy_target(d)
        return target is not None and inside(target, folder) and self._repeats_copy(j, d, target)

    def _staged_before(self, k: int, d: Decision, setups: list[tuple[Command, Claim]]) -> bool:
        """Whether an install staged apart (DESTDIR, a piped unpack) ran before decision ``k``, or before the setup
        ``setups`` in its own RUN (`R -e "install.packages('shiny')" && cp -R /usr/local/lib/R/site-library/shiny/
        examples/* /srv/shiny-server/examples/`: the examples come with the staged copy; dev 393516f7)."""
        if any(cl.staged is not None for x in self.plan.decisions[:k] for cl in x.claims):
            return True
        first = min((i for i, c in enumerate(d.commands) if any(c is s for s, _ in setups)), default=0)
        return any(cl.staged is not None for cl in d.claims[:first])

    def _modes_before_outputs(self, k: int, setups: list[tuple[Command, Claim]]) -> bool:
        """``chown -R app /home/app`` before the build fills /home/app/node_modules: the owner and mode commands
        changed only the files there before it, not the outputs the build made after it (the copies give those
        their builder's user). Repeated after the copies, they would change the copied files again, and the
        layer of that RUN would hold a second copy of them (a runtime larger than the original); at the RUN's
        place they do what they did. So when the folders they name are there before the copies, and every
        output inside them was made after the RUN, they stay at its place."""
        if not all(c.name in _MODE_COMMANDS for c, _ in setups):
            return False
        there = self._runtime_folders(k)
        paths = [p for _, cl in setups for p in cl.paths]
        if not paths or not all(p in there for p in paths):
            return False
        return self._outputs_after(k, paths)

    def _outputs_after(self, k: int, paths: list[str]) -> bool:
        """Whether every output the runtime copies into ``paths`` was made after decision ``k``, and none of
        ``paths`` is inside an output."""
        made_before = {a.path for d in self.plan.decisions[:k + 1] for cl in d.claims for a in cl.artifacts}
        return not any(inside(a.path, p) and a.path in made_before for p in paths for a in self.artifacts) \
            and not any(inside(p, a.path) for p in paths for a in self.artifacts)

    def _owned_where_made(self, k: int, d: Decision, units: Sequence[Unit], places: list[Place]) -> list[Place]:
        """``mkdir /home/app && chown -R app /home/app`` before the build fills /home/app/venv: the copy would make
        the folder, so the `mkdir` alone is dropped, and the `chown` would follow the copies, where it changes the
        copied files again and its layer holds a second copy of them. When every folder the owner and mode
        commands name is one a `mkdir` of the same RUN makes (dropped, or kept for setup after it that needs the
        folder: :meth:`_made_for_later`), and every output inside them was made after the RUN, both stay at the
        RUN's place, as :meth:`_modes_before_outputs` keeps a folder already there."""
        made = {p: i for i, u in enumerate(units) if places[i] in (Place.DROP, Place.HERE) and u.commands
                and all(d.commands[j].name == "mkdir" for j in u.commands)
                for j in u.commands for p in d.claims[j].paths}
        out = list(places)
        for i, u in enumerate(units):
            modes = [d.claims[j] for j in u.commands if d.commands[j].name in _MODE_COMMANDS]
            if places[i] is not Place.AFTER or not u.commands or len(modes) != len(u.commands):
                continue
            paths = [p for cl in modes for p in cl.paths]
            if not paths or any(p not in made for p in paths) or not self._outputs_after(k, paths):
                continue
            out[i] = Place.HERE
            for p in paths:
                out[made[p]] = Place.HERE
        return out

    # package commands ------------------------------------------------------------
    def _package_edits(self, d: Decision, u: Unit, installs: list[str],
                       files: list[str]) -> list[tuple[int, int, str]] | None:
        """Word edits that make the unit's package commands install what the runtime keeps (None: the unit
        has nothing left to do)."""
        edits: list[tuple[int, int, str]] = []
        alive = False
        before: set[str] = set(self.installed_here)
        for i in u.commands:
            cmd, claim = d.commands[i], d.claims[i]
            if i and d.commands[i - 1].connector == "||":
                # `install X || install X`: a retry installs what the first try would have, not what is left
                self.installed_here = set(before)
            else:
                before = set(self.installed_here)
            op = claim.packages
            if op is None:
                continue
            if op.action == "upgrade":
                alive = True
                continue
            found = self._install_edits(cmd, op, installs, files, d.commands, _has_inner_comments(d.group.inst)) \
                if op.action == "install" else self._remove_edits(cmd, op)
            if found is None:
                return None if len(u.commands) == 1 else self._cannot(d, cmd)
            self._check_split(d, u, op, found)
            edits += found
            alive = True
        return edits if alive else None

    @staticmethod
    def _check_split(d: Decision, u: Unit, op: PackageOp, edits: list[tuple[int, int, str]]) -> None:
        """A variable the runtime's install names in its place (:meth:`_kept_of`) whose assignment is part of
        the same condition (``packages="..." && install $packages || install $packages``): the runtime keeps
        the condition whole, so the assignment would stay, unused (shellcheck's SC2034)."""
        replaced = {(s, e) for s, e, new in edits if new}
        for w in op.words:
            if len(w.names) < 2 or (w.start, w.end) not in replaced:
                continue
            name = w.text.strip('"').lstrip("$").strip("{}")
            if any(not d.commands[i].argv and any(n == name for n, _ in d.commands[i].assignments)
                   for i in u.commands):
                raise CannotRefactor(f"`{w.text}` names packages the runtime needs and build-only ones, and its "
                                     "assignment is part of the same condition (`a || b`), which the runtime keeps "
                                     "whole: the assignment would stay there, unused")

    def _cannot(self, d: Decision, cmd: Command) -> list[tuple[int, int, str]]:
        raise CannotRefactor(f"RUN at line {d.group.inst.start_line}: `{' '.join(w.text for w in cmd.argv)[:60]}` "
                             "installs nothing the runtime needs, inside a pipe or condition the tool cannot edit")

    def _install_edits(self, cmd: Command, op: PackageOp, installs: list[str], files: list[str],
                       commands: Sequence[Command] = (), hidden: bool = False) -> list[tuple[int, int, str]] | None:
        """Word edits of one install (None: it keeps nothing); ``hidden``: a comment line inside the instruction,
        which the runtime's copy drops (:func:`_inner_comments_out`), hid its list from tally's sort-packages."""
        edits: list[tuple[int, int, str]] = []
        kept = 0
        as_named: list[str] = []  # the packages it keeps as the original names them (not a -dev's libraries)
        for w in op.words:
            names = w.names
            wanted = [n for n in names if n in self.keep and n not in self.installed_here]
            if len(names) > 1 and len(wanted) == len(names):  # a variable naming packages the runtime keeps
                self.installed_here.update(wanted)
                installs += wanted
                as_named += wanted
                kept += len(wanted)
                continue
            if len(names) > 1:  # `$buildDeps`: the runtime names what it keeps of the variable's packages
                named = self._kept_of(names)
                edits.append((w.start, w.end, " ".join(named)))
                installs += named
                kept += len(named)
                continue
            if wanted:
                self.installed_here.add(names[0])
                installs.append(names[0])
                as_named.append(names[0])
                kept += 1
                continue
            libs = [lib for lib in self.libs.get(_package_name(names[0]), ())
                    if lib in self.keep and lib not in self.installed_here]
            self.installed_here.update(libs)
            installs += libs
            kept += len(libs)
            edits.append((w.start, w.end, " ".join(libs)))
        # the package files it installs: read from the builder's copy (a fix-up after them installs what they lack)
        stashed = [(w.start, w.end, f"{PACKAGE_FILES}/{stashed_name(w)}") for w in op.files]
        files += [stashed_name(w) for w in op.files]
        self.files_kept = self.files_kept or bool(stashed)
        if not kept and not stashed and not (self.files_kept and not op.words and _fixes_broken(cmd)):
            return None
        lean = [] if self._keeps_recommends(cmd, op, installs) else _lean_install(cmd, op, commands)
        if lean:
            self._note_recommends(cmd, op, as_named)
        yes = _assume_yes(cmd, op)
        options = [(yes[0][0], yes[0][1], yes[0][2] + "".join(e[2] for e in lean))] if yes else lean  # one place
        joined = self._joined_here(cmd, op, installs, edits)
        return _kept_sorted(op, edits + joined + (self._certificates(op, installs) if lean else []), hidden) + \
            options + stashed

    def _note_recommends(self, cmd: Command, op: PackageOp, as_named: list[str]) -> None:
        """A word, once, that the programs' packages an install keeps as named (``as_named``, not a library's) go
        without the packages they recommend, which the original's install took; on a release the data do not know,
        an assumption: which of those are their parts cannot be told."""
        programs = [n for n in as_named if not n.startswith("lib") and n != "ca-certificates"]
        if op.manager != "apt" or not takes_recommends(cmd) or not programs or self.recommends_noted:
            return
        self.recommends_noted = True
        shown = few(programs)
        if self.plan.apt_release is not None:  # the data know the release: its parts are kept by name
            # (rp20node MidoN37/telegram-youtube-bot: ffmpeg's 25, GPU drivers and speech models, left out unsaid)
            they = "it recommends" if len(programs) == 1 else "they recommend"
            self.notes.append(f"the runtime installs {shown} without the packages {they}, which the original's install "
                              "took (--no-install-recommends): a Debian package runs without what it only recommends, "
                              "and the recommended parts the tool's data know a program needs are named")
            return
        self.notes.append(f"assumed: {shown} need none of the packages they recommend, which the original's install "
                          "took and the runtime's leaves out (--no-install-recommends): the tool's data do not know "
                          "the release's packages, so which of those are parts of them cannot be told (trusty's php5 "
                          "has its CLI, /usr/bin/php, only as a package recommended)")

    def _keeps_recommends(self, cmd: Command, op: PackageOp, installs: list[str]) -> bool:
        """An apt install that names GTK itself (or TeX Live, or ImageMagick), which the runtime keeps, takes the
        recommended packages as the original's did (:func:`gtk_named`: a program apt does not know of loads
        libraries they bring). Not one that names GTK's -dev package, whose run-time library the runtime installs in
        its place: that GTK is for a program the build compiles."""
        named = keeps_recommends(self.plan.decisions, cmd, op, {package_name(p) for p in installs})
        if named is None:
            return False
        self.notes.append(f"the runtime's install of {named} takes the recommended packages, as the original's did: "
                          + _why_recommends(named))
        return True

    def _joined_here(self, cmd: Command, op: PackageOp, installs: list[str],
                     edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The packages :meth:`_joined` gives this RUN, after the last word its apt install keeps (a package, or
        the run-time libraries in place of a build-only one)."""
        backports = any((a or "").split("=")[0] in _RELEASE_OPTIONS for a in cmd.args)  # for its own packages
        if self.joined is None or self.joined[0] != self.at or op.manager != "apt" or backports:
            return []
        names = [n for n in self.joined[1] if n not in self.installed_here]
        emptied = {(s, e) for s, e, new in edits if not new.strip()}
        kept = [w.end for w in op.words if (w.start, w.end) not in emptied]
        if not names or not kept:
            return []
        self.installed_here.update(names)
        installs += names
        return [(max(kept), max(kept), " " + " ".join(names))]

    def _kept_of(self, names: tuple[str, ...]) -> list[str]:
        """What the runtime installs of ``names``, in their order: the packages it keeps, and the run-time
        libraries of the build-only ones."""
        out: list[str] = []
        for n in names:
            found = [n] if n in self.keep else self.libs.get(_package_name(n), ())
            out += [p for p in found if p in self.keep and p not in self.installed_here and p not in out]
        self.installed_here.update(out)
        return out

    def _certificates(self, op: PackageOp, installs: list[str]) -> list[tuple[int, int, str]]:
        """apt installs ca-certificates as a recommended package of curl, wget, git and libcurl: without
        recommends, the runtime names it, or an https download that the runtime repeats (or the program's own, through
        libcurl) fails."""
        if op.manager != "apt" or "ca-certificates" in self.installed_here or \
                not (set(installs) & _FETCHERS or any(verifies_with_system_certificates(p) for p in installs)):
            return []
        kept = sorted((w for w in op.words if any(n in installs for n in w.names)), key=lambda w: w.start)
        if not kept:  # a -dev word the runtime replaces by libcurl (libcurl4-openssl-dev -> libcurl4): after it
            here = {p for p in installs if verifies_with_system_certificates(p)}
            devs = [w for w in op.words if any(here & set(self.libs.get(_package_name(n), ())) for n in w.names)]
            if not devs:
                return []
            self.installed_here.add("ca-certificates")
            installs.append("ca-certificates")
            self._note_certificates(installs)
            return [(max(w.end for w in devs), max(w.end for w in devs), " ca-certificates")]
        self.installed_here.add("ca-certificates")
        self._note_certificates(installs)
        installs.append("ca-certificates")
        after = next((w for w in kept if w.text > "ca-certificates"), None)  # a sorted list stays sorted
        if after is not None:
            return [(after.start, after.start, "ca-certificates ")]
        return [(kept[-1].end, kept[-1].end, " ca-certificates")]

    def _note_certificates(self, installs: list[str]) -> None:
        """The reason of ca-certificates where libcurl, not a command that downloads, needs them."""
        library = next((p for p in installs if verifies_with_system_certificates(p)), None)
        if library is not None and not set(installs) & _FETCHERS:
            self.notes.append(f"the runtime installs ca-certificates, which the original install brought as a "
                              f"package {library} recommends: {library} verifies TLS peers against them "
                              "(/etc/ssl/certs)")

    def _remove_edits(self, cmd: Command, op: PackageOp) -> list[tuple[int, int, str]] | None:
        """A removal keeps only packages the file did not install (the base image's). On Alpine, not a build-only
        one either (``apk del build-base gcc``: gcc came with build-base, which the runtime does not install):
        apk stops with "No such package" for a name it has no index entry of (dev file 4bca8456)."""
        gone = self.file_installs | ({p for p in op.packages if is_build_only(package_name(p), "apk")}
                                     if op.manager == "apk" else set())
        edits = [(w.start, w.end, "") for w in cmd.argv[1:]
                 if w.value is not None and w.value in op.packages and w.value in gone]
        left = [p for p in op.packages if p not in gone]
        return edits if left else None

    # text ------------------------------------------------------------------------
    def _text(self, d: Decision, script_units: Sequence[Unit], keep: list[int],
              word_edits: dict[int, list[tuple[int, int, str]]]) -> Instruction | None:
        inst = d.group.inst
        if not keep:
            return None
        if len(keep) == len(script_units) and not any(word_edits.get(i) for i in keep):
            return inst
        if not (d.splittable or _wrapped_whole(d)):
            raise CannotRefactor(f"RUN at line {inst.start_line}: the runtime needs part of it, and its form "
                                 "(exec form, heredoc, sh -c or su -c) cannot be split")
        script = inst.value[0]
        offset = len(inst.original.rstrip(GO_SPACE)) - len(script)
        if inst.original[offset:offset + len(script)] != script:
            raise CannotRefactor(f"RUN at line {inst.start_line}: the tool could not map its text to edit it")
        spans = _deletions(script_units, keep, script)
        for i in keep:
            for s, e, new in word_edits.get(i, []):
                if new:
                    spans.append((s, e, new))
                else:
                    (s2, e2), = remove_word_spans(script, [(s, e)])
                    spans.append((s2, e2, ""))
        try:
            return splice(inst, [(offset + s, offset + e, new) for s, e, new in spans])
        except CannotEdit as e:
            raise CannotRefactor(f"RUN at line {inst.start_line}: the tool could not edit it in place ({e})") from e


def _with_server(d: Decision, script_units: Sequence[Unit], places: list[Place]) -> list[Place]:
    """A database server a unit starts serves the units after it: when one of them goes after the copies (it
    reads a build output), the setup from the start on goes there with it."""
    start = next((k for k, u in enumerate(script_units) if any(d.claims[i].starts for i in u.commands)), None)
    if start is None or Place.AFTER not in places[start:]:
        return places
    return places[:start] + [Place.AFTER if p is Place.HERE else p for p in places[start:]]


def run_units(run: RunFacts) -> tuple[Unit, ...]:
    """The units of a RUN's own text, their commands indexing ``run.commands``: a `sh -c` or `su -c` of the
    text stands for the commands of its script."""
    found = units(run.script)
    if not run.origin:
        return found
    return tuple(Unit(u.start, u.end, tuple(i for i, o in enumerate(run.origin) if o in u.commands))
                 for u in found)


def _wrapping(d: Decision, u: Unit) -> Command | None:
    """The RUN's own command (``./install.sh``, ``sh -c '...'``) whose script holds commands of the unit ``u``;
    None when they are all the RUN's own."""
    run = d.run
    if run is None or not run.origin:
        return None
    return next((run.script.commands[run.origin[i]] for i in u.commands
                 if run.commands[i] is not run.script.commands[run.origin[i]]), None)


def _argv_shown(cmd: Command) -> str:
    return " ".join(w.text for w in cmd.argv)[:60]


def _wrapper(d: Decision, u: Unit) -> str:
    """How a reason names what holds the commands of the unit ``u`` that are not the RUN's own: a `sh -c` of the
    RUN, or a script of the project it runs (``the script `./install.sh```)."""
    outer = _wrapping(d, u)
    if outer is None or unwrap_shell_c(outer) is not None or d.run is None or d.run.switched:
        return "a `sh -c` of it"
    return f"the script `{_argv_shown(outer)}`"


def _wrapped_whole(d: Decision) -> bool:
    """A shell-form RUN some of whose commands are `sh -c` with a script of their own: the runtime can take some
    of its units, each `sh -c` whole (``_check_wrapped`` says which). Not one with `su -c`, whose script the walk
    reads as another user's."""
    run = d.run
    return run is not None and bool(run.origin) and not run.switched and not d.group.inst.json \
        and not d.group.inst.heredocs


# commands whose effect on the shell (its folder, variables, options) the walk carries to the commands after them,
# which a script of `sh -c` does not do beyond itself
_SHELL_STATE = frozenset({"cd", "pushd", "popd", "export", "unset", "set", "source", ".", "umask", "shopt", "alias",
                          "declare", "typeset", "readonly", "local"})


def _check_wrapped(d: Decision, script_units: Sequence[Unit], kept: tuple[list[int], ...],
                   edits: dict[int, list[tuple[int, int, str]]]) -> None:
    """In a RUN of `sh -c SCRIPT` among other commands, a unit that holds one is kept or left whole: the runtime
    may take part of such a RUN when each `sh -c` it repeats installs no packages it would edit (their words are
    in the script's text, not the RUN's) and changes nothing of the shell (which the walk would have carried
    beyond it)."""
    run = d.run
    if run is None or not _wrapped_whole(d):
        return
    line = d.group.inst.start_line
    split = any(0 < len(keep) < len(script_units) for keep in kept)
    for k in sorted({k for keep in kept for k in keep}):
        u = script_units[k]
        wrapped = [i for i in u.commands if run.commands[i] is not run.script.commands[run.origin[i]]]
        if not wrapped:
            continue
        if any((s, e) != (u.end, u.end) for s, e, _ in edits.get(k, [])):  # not an addition after it
            raise CannotRefactor(f"RUN at line {line}: the runtime would install part of what {_wrapper(d, u)} "
                                 "installs, and the tool edits only the RUN's own shell text")
        state = next((run.commands[i].name or "a variable" for i in wrapped if run.commands[i].name in _SHELL_STATE
                      or (not run.commands[i].argv and run.commands[i].assignments)), None)
        if split and (state is not None or len({run.origin[i] for i in u.commands}) != 1):
            raise CannotRefactor(f"RUN at line {line}: the runtime needs {_wrapper(d, u)}, whose script changes the "
                                 f"shell (`{state or 'a pipe'}`) only for itself: the tool cannot split it from "
                                 "the rest of the RUN")


def _without_repeats(d: Decision, script_units: Sequence[Unit], keep: list[int], places: list[Place]) -> list[int]:
    """``keep`` without package housekeeping that repeats the kept unit before it word for word (``apt-get update &&
    apt-get update``, where the install between them stays in the builder: dev file 30483771111c)."""
    script = d.run.script.text if d.run is not None else ""

    def words(k: int) -> list[str]:
        u = script_units[k]
        return script[u.start:u.end].split()

    return [k for j, k in enumerate(keep) if not (j and places[k] is Place.PACKAGE_HOUSEKEEPING
                                                  and places[keep[j - 1]] is Place.PACKAGE_HOUSEKEEPING
                                                  and words(k) == words(keep[j - 1]))]


def _without_unused_assignments(d: Decision, script_units: Sequence[Unit], keep: list[int],
                                 edits: dict[int, list[tuple[int, int, str]]]) -> list[int]:
    """``keep`` without the bare assignments (``buildDeps='gcc make'``, no command substitution) that no other
    kept unit uses once the edits are made (the install that named ``$buildDeps`` stays in the builder):
    shellcheck's SC2034."""
    script = d.run.script.text if d.run is not None else ""

    def bare(k: int) -> bool:
        cmds = [d.commands[i] for i in script_units[k].commands]
        return bool(cmds) and all(not c.argv and not c.redirects and c.assignments and not any(
            v is None or "$(" in v or "`" in v for _, v in c.assignments) for c in cmds)  # no command runs

    def text(k: int) -> str:
        u = script_units[k]
        return apply_edits(script[u.start:u.end], edits.get(k, []), u.start)

    out = []
    for k in keep:
        names = {n for i in script_units[k].commands for n, _ in d.commands[i].assignments} if bare(k) else set()
        if names and not names & {v for j in keep if j != k for v in variables_used(text(j))}:
            continue
        out.append(k)
    return out if any(not bare(k) for k in out) else keep


def _deletions(script_units: Sequence[Unit], keep: list[int], script: str) -> list[tuple[int, int, str]]:
    """Spans that remove every unit not in ``keep`` with the separator before it (or after it, for units
    before the first one kept, and for units after a ``&``, which belongs to the unit it sends to the background:
    ``mysqld & sleep 5 && mysql`` without the sleep is ``mysqld & mysql``)."""
    out: list[tuple[int, int, str]] = []
    first, last = keep[0], keep[-1]
    if first > 0:
        out.append((script_units[0].start, script_units[first].start, ""))
    for a, b in zip(keep, keep[1:], strict=False):
        if b > a + 1 and _backgrounds(script[script_units[a].end:script_units[a + 1].start]):
            out.append((script_units[a + 1].start, script_units[b].start, ""))
        elif b > a + 1:
            out.append((script_units[a].end, script_units[b - 1].end, ""))
    if last < len(script_units) - 1 and _backgrounds(script[script_units[last].end:script_units[last + 1].start]):
        out.append((script_units[last].end, script_units[-1].end, " &"))
    elif last < len(script_units) - 1:
        out.append((script_units[last].end, script_units[-1].end, ""))
    return out


def _not_installed_because(libs: Sequence[str], p: Plan) -> str:
    """Why the runtime installs none of ``libs``, a -dev package's run-time part (packages.runtime_packages left
    them out): Debian's Python on the official python image, whose own Python the app runs, or libraries every
    image of the family has (commands.json's base_libraries)."""
    named = ", ".join(libs)
    if set(libs) <= {"python", "python3"} and ImageRef.parse(p.runtime_image).repo == "python":
        return (f"its run-time part, Debian's {named}, would be a second Python: {p.runtime_image} runs its own, "
                "in /usr/local, which pip built against")
    return f"{named}, the shared libraries behind it, {'is' if len(libs) == 1 else 'are'} in every image of the " \
        "family already"


def _backgrounds(separator: str) -> bool:
    """Whether the text between two units ends the first with ``&`` (not ``&&``; a comment or line continuation
    may follow it)."""
    code = re.sub(r"#[^\n]*", "", separator)
    return "&" in code.replace("&&", "")


def _grouped(decisions: Sequence[Decision]) -> bool:
    """Whether the file puts a blank line between instructions of different kinds (tally's
    newline-between-instructions, grouped): the lines the tool writes in the builder do too."""
    pairs = [b for a, b in zip(decisions, decisions[1:], strict=False) if a.group.inst.cmd != b.group.inst.cmd]
    return bool(pairs) and all(any(isinstance(i, Blank) for i in b.group.before) for b in pairs)


class _Rhythm:
    """The builder's lines in the file's rhythm: a blank line before an instruction of another kind than the
    one before it, when the file writes them so."""

    def __init__(self, grouped: bool, newline: str) -> None:
        self.grouped = grouped
        self.newline = newline
        self.last = "from"

    def tool(self, kind: str, lines: list[str], blank: bool = False) -> list[str]:
        """Lines the tool writes (one instruction of ``kind``)."""
        if not lines:
            return []
        gap = blank or (self.grouped and kind != self.last)
        self.last = kind
        return [self.newline] * gap + lines

    def original(self, d: Decision, text: str) -> list[str]:
        """The input's instruction, with the blank and comment lines above it."""
        before = d.group.before
        gap = self.grouped and d.group.inst.cmd != self.last and not any(isinstance(i, Blank) for i in before)
        self.last = d.group.inst.cmd
        return [self.newline] * gap + ["".join(i.text for i in before), text]


@dataclass(frozen=True, slots=True)
class Style:
    """How the file writes instructions: keyword case, newline, escape character."""

    upper: bool
    newline: str
    escape: str

    def kw(self, word: str) -> str:
        return word.upper() if self.upper else word.lower()

    def inst(self, text: str) -> Instruction:
        return parse_instruction_text(text + self.newline, self.escape)


def _keyword(text: str) -> str:
    """The keyword, lowercase, of the instruction ``text`` holds (one the runtime writes, after its blank and
    comment lines), "" if none."""
    lines = [ln.strip() for ln in split_lines(text) if ln.strip() and not ln.lstrip().startswith("#")]
    return lines[0].split()[0].lower() if lines else ""


def _upper_case(stage: Stage) -> bool:
    """Whether the keywords the tool writes are upper case: as most of the stage's are (BuildKit's
    ConsistentInstructionCasing), as its FROM is when they are as many."""
    words = [i.keyword for i in (stage.from_, *stage.instructions)]
    upper, lower = sum(w.isupper() for w in words), sum(w.islower() for w in words)
    kw = stage.from_.keyword
    return upper > lower or (upper == lower and (kw.isupper() or not kw.islower()))


def _free_name(name: str, taken: set[str]) -> str:
    new, k = name, 2
    while new.lower() in taken:
        new, k = f"{name}-{k}", k + 1
    return new


def _free_names(names: dict[str, str], builder: str, images: Iterable[str] = ()) -> dict[str, str]:
    """The test and runtime stages' names, neither the builder's nor an image the file copies from: an
    original stage named ``runner`` keeps its name as the builder, and the runtime becomes ``runner-2`` (two
    stages of one name break the file)."""
    out: dict[str, str] = {}
    taken = {builder.lower(), *images}
    for role in ("test", "runtime"):
        out[role] = _free_name(names[role], taken)
        taken.add(out[role].lower())
    return out


class Composer:
    """Writes the builder, test and runtime stages of a plan in the file's own style."""

    def __init__(self, tree: Dockerfile, plan: Plan, names: dict[str, str], runtime_user: str | None,
                 buildkit: bool = False) -> None:
        self.tree = tree
        self.plan = plan
        self.names = {**DEFAULT_STAGE_NAMES, **names}
        self.style = Style(_upper_case(plan.stage), tree.newline, tree.escape)
        self.changes: list[Change] = []
        images = {(i.flag("from") or "").lower() for i in plan.stage.instructions if i.cmd in ("copy", "add")} - {""}
        # a COPY --from=builder of a single-stage file names an image: the new stages take other names
        self.builder_name = plan.stage.name or _free_name(self.names["builder"], images)
        self.names.update(_free_names(self.names, self.builder_name, images))
        self.runtime_user = runtime_user
        self.copied = self._artifacts()
        self.owners: dict[str, tuple[str, int, str]] = {}  # RunVersions.owners, once the versions are made
        self.only_flattened: set[int] = set()  # RunVersions.only_flattened, by line
        self.buildkit = buildkit
        self.mounts = self._cache_mounts() if buildkit else {}

    def kw(self, word: str) -> str:
        return self.style.kw(word)

    def line(self, text: str) -> str:
        return text + self.style.newline

    def _ensure_newline(self, text: str) -> str:
        return text if text.endswith("\n") else text + self.style.newline

    def compose(self) -> tuple[str, list[Change]]:
        p = self.plan
        st = p.stage
        last = st.instructions[-1] if st.instructions else st.from_
        if _open_ended(last, self.style.escape):
            raise CannotRefactor(f"line {last.start_line}: the file ends inside a line continuation (a trailing "
                                 f"{self.style.escape}), so any instruction written after it would join it")
        self._check_programs_made()
        runs = RunVersions(p, self.copied, self.buildkit)
        versions = runs.all()
        self.owners, self.only_flattened = runs.owners, runs.only_flattened
        self.changes += [Change("packages", note) for note in runs.notes]
        out: list[str] = [self.tree.bom]
        out += [d.text for d in self.tree.directives]
        out += [i.text for i in self.tree.preamble]
        out += [c.text for c in st.leading]
        out.append(self._from_line(st.from_, self.builder_name))
        if not st.name:
            self.changes.append(Change("stage", f"the original stage becomes the builder stage "
                                                f"'{self.builder_name}'", st.from_.start_line))
        out += self._builder_body()
        if p.has_tests:
            out += self._test_stage()
        runtime = self._runtime_stage(versions)
        grouping = _grouping(st)
        if grouping.split or grouping.join:  # the file's blank lines follow tally's grouped rhythm
            runtime = [runtime[0], _regroup("".join(runtime[1:]), self.style.newline, grouping)]
        out += runtime
        self.changes += [Change("runtime", note) for note in p.notes]
        out += [i.text for i in p.tail]
        text = "".join(out)
        if not self.tree.text.endswith("\n") and text.endswith(self.style.newline):
            text = text[: -len(self.style.newline)]
        return text, self.changes

    def _from_line(self, inst: Instruction, name: str) -> str:
        if inst.value[1:2] and inst.value[1].lower() == "as":
            return self._ensure_newline(inst.text)
        # the `as` in the FROM's own case (BuildKit's FromAsCasing)
        as_ = "as" if inst.keyword.islower() else "AS" if inst.keyword.isupper() else self.kw("as")
        if len(inst.lines) == 1 and not inst.heredocs:
            body = inst.lines[0].rstrip("\r\n")
            stripped = body.rstrip(" \t")
            return self._ensure_newline(stripped + f" {as_} {name}" + body[len(stripped):])
        flags = " ".join(inst.flags)
        # the comment lines inside its continuation go above it (BuildKit drops them from the instruction)
        comments = [self._ensure_newline(line) for line in inst.lines[1:] if line.lstrip().startswith("#")]
        return "".join(comments) + self.line(
            " ".join(x for x in (self.kw("from"), flags, inst.value[0], self.kw("as"), name) if x))

    # builder -----------------------------------------------------------------
    def _builder_body(self) -> list[str]:
        p = self.plan
        rhythm = _Rhythm(_grouped(p.decisions), self.style.newline)
        out: list[str] = []
        for k, d in enumerate(p.decisions):
            if k == p.first_build and p.builder_env:
                pairs = " ".join(f"{a}={b}" for a, b in p.builder_env)
                out += rhythm.tool("env", [self.line(f"{self.kw('env')} {pairs}")])
                for a, b in p.builder_env:
                    why = _BUILDER_ENV.get(a, "the build needs it")
                    self.changes.append(Change("builder", f"set {a}={b} in the builder: {why}",
                                               d.group.inst.start_line))
            for env in (e for at, e in p.environments if at == k):
                out += self._make_environment(env, d, rhythm)
            after = self._after_build(d) if k == p.last_build else []
            if d.where in (Where.BUILDER, Where.BOTH):
                out += rhythm.tool("run", self._keep_apt_downloads(k, d))
                text, after = self._builder_text(k, d, after)
                out += rhythm.original(d, self._ensure_newline(text))
            if after:
                out += rhythm.tool("run", [self.line(f"{self.kw('run')} {' && '.join(after)}")])
            if k == p.last_build and d.user not in _ROOT + (None, ""):
                out += self._listing_as_root(d, rhythm)
        return out

    def _after_build(self, d: Decision) -> list[str]:
        """The commands the builder runs after the last build step (folders the runtime copies, npm prune, the
        listing of the libraries the runtime installs where the step runs as root; the move of the staging folder
        out of a folder the runtime copies whole, last)."""
        out = self._ensure_folders(d)
        for cmd, why in self.plan.builder_after:
            out.append(cmd)
            self.changes.append(Change("builder", f"`{cmd}` after the build: {why}", d.group.inst.start_line))
        if d.user in _ROOT + (None, ""):
            out += self._listing(d)
        if any(a.path == STAGED_APART for a in self.copied):
            # after the scan of the folders the runtime copies, which reads the staged files where they were
            out.append(f"test ! -e {STAGED_APART} && mv {STAGING} {STAGED_APART}")
            held = next(a.path for a in self.copied if a.path != STAGED_APART and inside(STAGING, a.path))
            self.changes.append(Change("builder", f"after the build, the builder moves {STAGING} to {STAGED_APART}, "
                                                  f"which the runtime copies to /: the runtime copies {held} whole, "
                                                  f"which would bring a second copy of it", d.group.inst.start_line))
        return out

    def _listing(self, d: Decision) -> list[str]:
        """The commands that write :data:`linked.LIST`, the packages of the libraries the runtime's copies link to
        (none where the plan has no folder to list)."""
        if self.plan.ldd_folders and self.plan.package_manager == "apk":
            self.changes.append(Change("builder", f"after the build, the builder writes {linked.LIST}: apk's so: "
                                                  "names of the shared libraries the files of "
                                                  f"{', '.join(self.plan.ldd_folders)} link to (ldd)"
                                                  + "".join(f", but for those {f} brings, which the runtime copies "
                                                            "to /" for f in self.plan.ldd_staged),
                                       d.group.inst.start_line))
            return list(linked.apk_builder_commands(self.plan.ldd_folders, self.plan.ldd_skipped,
                                                    self.plan.ldd_staged))
        if self.plan.ldd_folders and self.plan.libraries is Libraries.COPIED:
            self.changes.append(Change("builder", f"after the build, the builder copies into {linked.LIBRARIES} the "
                                                  "packages of the shared libraries the files of "
                                                  f"{', '.join(self.plan.ldd_folders)} link to (ldd)"
                                                  + "".join(f", and those {d} points to" for d in self.plan.ldd_devs),
                                       d.group.inst.start_line))
            return list(linked.copy_commands(self.plan.ldd_folders, self.plan.ldd_skipped, self.plan.ldd_devs))
        if self.plan.ldd_folders:
            self.changes.append(Change("builder", f"after the build, the builder writes {linked.LIST}: the packages "
                                                  "whose shared libraries the files of "
                                                  f"{', '.join(self.plan.ldd_folders)} link to (ldd, dpkg-query)"
                                                  + "".join(f", and those {d} points to" for d in self.plan.ldd_devs)
                                                  + "".join(f", but for those {f} brings, which the runtime copies "
                                                            "to /" for f in self.plan.ldd_staged),
                                       d.group.inst.start_line))
            return list(linked.builder_commands(self.plan.ldd_folders, self.plan.ldd_skipped, self.plan.ldd_devs,
                                                self.plan.ldd_staged))
        return []

    def _listing_as_root(self, d: Decision, rhythm: _Rhythm) -> list[str]:
        """The listing (:meth:`_listing`) after a last build step that runs as another user than root, who may not
        write :data:`linked.LIST` (/opt is root's): a RUN of its own as root, then the step's user again."""
        commands = self._listing(d)
        if not commands:
            return []
        written = linked.LIBRARIES if self.plan.libraries is Libraries.COPIED else linked.LIST
        self.changes.append(Change("builder", f"the builder lists the libraries as root, in a RUN of its own: the "
                                              f"last build step runs as {d.user}, who may not write {written}",
                                   d.group.inst.start_line))
        joint = f" {self.style.escape}{self.style.newline}{self._indent()}&& "
        return [*rhythm.tool("user", [self.line(f"{self.kw('user')} 0")]),  # root by its id (hadolint's DL3066)
                *rhythm.tool("run", [self.line(f"{self.kw('run')} {joint.join(commands)}")]),
                *rhythm.tool("user", [self.line(f"{self.kw('user')} {self._user_text(d)}")])]

    # BuildKit cache mounts -------------------------------------------------------
    def _cache_mounts(self) -> dict[int, tuple[Cache, ...]]:
        """The cache mounts of the builder's and test stage's RUNs (``--buildkit``)."""
        p = self.plan
        guarded = [a.path for a in self.copied] + [
            posixpath.normpath(posixpath.join(d.workdir, d.group.inst.value[-1]))
            for d in p.decisions if d.group.inst.cmd in ("copy", "add") and d.group.inst.value]
        steps = {k: Step(d.group.inst, d.commands, d.user, d.role in (Role.BUILD, Role.TEST),
                         editable=d.splittable)
                 for k, d in enumerate(p.decisions) if d.group.inst.cmd == "run" and d.where is not Where.RUNTIME}
        family = re.split(r"[:@]", p.builder_image.rsplit("/", 1)[-1])[0].lower()
        mounts = Planner(family, self.style.escape, guarded).plan([d.group.inst for d in p.decisions], steps)
        for k, caches in sorted(mounts.items()):
            line = p.decisions[k].group.inst.start_line
            folders = ", ".join(f"{c.tool.value} {c.target}" for c in caches)
            self.changes.append(Change("buildkit", f"cache mounts for {folders}: a rebuild reuses the downloads",
                                       line))
        return mounts

    def _builder_text(self, k: int, d: Decision, after: Sequence[str] = ()) -> tuple[str, list[str]]:
        """A RUN of the builder (or test stage) with its cache mounts, and ``after`` (commands to run once it
        is done) chained to it when its form allows; the commands it could not take come back. A pip with
        a mounted cache does not turn it off (``--no-cache-dir`` would leave the mount empty)."""
        inst = self._edited_builder_run(k, d)
        caches = self.mounts.get(k, ())
        if any(c.tool is Tool.PIP for c in caches) and d.run is not None:
            inst = _without_no_cache_dir(inst, d.commands)
            if inst is not d.group.inst:
                self.changes.append(Change("buildkit", "removed pip's --no-cache-dir: the cache is a mount, "
                                                       "outside the image", d.group.inst.start_line))
        chained = self._chain(inst, after) if after else None
        left = [] if chained is not None else list(after)
        inst = chained or inst
        return (with_mounts(inst, caches, self.style.newline) if caches else inst.text), left

    def _edited_builder_run(self, k: int, d: Decision) -> Instruction:
        """The RUN with ``-static`` after each compiler that links the program (Plan.static_link) and the
        staged copy of each install into /usr before it (Claim.staged)."""
        inst = d.group.inst
        static = k in self.plan.static_link
        staged = [(c, cl.staged) for c, cl in zip(d.commands, d.claims, strict=True) if cl.staged is not None]
        inserts = [(c, cl) for c, cl in zip(d.commands, d.claims, strict=True) if cl.builder_insert is not None]
        if not (static or staged or inserts) or not inst.value:
            return inst
        script = inst.value[0]
        offset = len(inst.original.rstrip(GO_SPACE)) - len(script)
        _check_editable(inst, d, [stage for _, stage in staged], inserts, script, offset)
        edits = [(offset + e, offset + e, " -static") for e in self._static_ends(d)] if static else []
        for cmd, stage in staged:
            edits += self._staged_edits(d, cmd, stage, script, offset)
        for cmd, cl in inserts:
            at, text = cl.builder_insert or (0, "")
            edits.append((offset + at, offset + at, text))
            self.changes.append(Change("builder", f"the builder adds `{text.strip()}` to `{_shown(script, cmd)}`: "
                                                  f"{cl.reason}", inst.start_line))
        try:
            return splice(inst, edits)
        except CannotEdit as e:
            raise CannotRefactor(f"RUN at line {inst.start_line}: the tool could not edit it in place ({e})") from e

    def _staged_edits(self, d: Decision, cmd: Command, stage: StagedInstall, script: str,
                      offset: int) -> list[tuple[int, int, str]]:
        """The edits of the builder's RUN for the staged install ``cmd`` (a tracked install, an archive unpacked
        in place, or a copy into the staging folder before it), with the change that says so."""
        inst = d.group.inst
        claim = d.claims[d.commands.index(cmd)]
        covered = _covered(stage, self.plan.artifacts)
        also = f"; `{covered}`: the runtime copies that folder whole" if covered else ""
        if stage.in_place and not stage.unpacked:  # a tracked install
            self.changes.append(Change("builder", f"the builder runs `{_shown(script, cmd)}` as written, after "
                                                  f"`{stage.before.removesuffix(' && ')}` and before "
                                                  f"`{' && '.join(_after_tracked(stage, covered))}`: {claim.reason}"
                                                  f"{also}", inst.start_line))
            return _tracked(inst, stage, offset, self.style.newline, covered)
        if stage.in_place:
            unpack = " && ".join(_staged_copy(script, dataclasses.replace(stage, after="")))
            self.changes.append(Change("builder", f"the builder runs `{_shown(script, cmd)}` as `{unpack}` and "
                                                  f"then `{stage.after.removeprefix(' && ')}`: {claim.reason}",
                                       inst.start_line))
            return _unpacked_in_place(stage, offset)
        commands = _staged_copy(script, stage, covered)
        copy = " && ".join(commands)
        # a checked copy (stamp, install, find) takes lines of its own in a RUN of one command a line
        chain = _chained(inst, offset + stage.start, commands, self.style.newline) if stage.after else copy + " && "
        self.changes.append(Change("builder", f"the builder also runs `{copy}`, right before the RUN's own "
                                              f"`{_shown(script, cmd)}` (kept for the steps after it), in the "
                                              f"same folder and with the same variables: {claim.artifacts[0].reason}; "
                                              f"the runtime copies {stage.folder} to /{also}", inst.start_line))
        return [(offset + stage.start, offset + stage.start, chain)]

    def _static_ends(self, d: Decision) -> list[int]:
        self.changes.append(Change("builder", "the builder links the program statically (-static): it needs no C "
                                              "library at run time", d.group.inst.start_line))
        return [c.argv[0].end for c, cl in zip(d.commands, d.claims, strict=True)
                if cl.role is Role.BUILD and c.argv and "-static" not in c.args]

    def _chain(self, inst: Instruction, commands: Sequence[str]) -> Instruction | None:
        """The RUN with ``&& command`` after its script, written as its own chain is (None: its form does not
        allow it: exec form, heredoc, another SHELL, a comment or an open operator at its end)."""
        if inst.cmd != "run" or inst.json or inst.heredocs or not inst.value or any(
                x.group.inst.cmd == "shell" for x in self.plan.decisions):
            return None
        last = inst.lines[-1].rstrip("\r\n")
        if "#" in last or inst.value[0].rstrip(GO_SPACE).endswith((";", "&", "|", "(", inst.escape)):
            return None
        # (the line's trailing blanks go: before the escape they would be spaces tally counts, no-multi-spaces)
        text = inst.text.rstrip("\r\n").rstrip(GO_SPACE)
        for cmd in commands:  # one line each, as a chain of several lines is written
            if len(inst.lines) > 1:
                text += _continued(inst, f" && {cmd}")
            else:
                text += f" {inst.escape}{self.style.newline}{self._indent()}&& {cmd}"
        return self.style.inst(text)

    def _indent(self) -> str:
        """The indentation of the file's continuation lines (four spaces when it has none)."""
        for d in self.plan.decisions:
            for ln in d.group.inst.lines[1:]:
                if ln.strip(" \t\r\n") and not ln.lstrip(" \t").startswith("#"):
                    return ln[: len(ln) - len(ln.lstrip(" \t"))]
        return "    "

    def _keep_apt_downloads(self, k: int, d: Decision) -> list[str]:
        """Before the first RUN with apt's cache mounted: Debian's images delete the downloaded packages
        after each install (/etc/apt/apt.conf.d/docker-clean), which would leave the mount empty."""
        apt = [j for j, caches in sorted(self.mounts.items()) if any(c.tool is Tool.APT for c in caches)]
        if not apt or k != apt[0]:
            return []
        self.changes.append(Change("buildkit", "removed Debian's docker-clean apt setting in the builder: "
                                               "it deletes the downloaded packages the apt cache mount keeps",
                                   d.group.inst.start_line))
        return [self.line(f"{self.kw('run')} rm -f /etc/apt/apt.conf.d/docker-clean")]

    def _environment_env(self, env: Environment, builder: bool = False) -> str:
        """The environment's ENV; the builder's has the settings only the build needs first (PIP_USER)."""
        both = env.builder_env + env.env if builder else env.env
        pairs = " ".join(f'{k}="{v}"' if "$" in v else f"{k}={v}" for k, v in both)
        return self.line(f"{self.kw('env')} {pairs}")

    def _make_environment(self, env: Environment, d: Decision, rhythm: _Rhythm) -> list[str]:
        blank = any(isinstance(i, Blank) for i in d.group.before)
        if not env.create:  # settings alone (pip's user base): no RUN
            pairs = " ".join(f"{k}={v}" for k, v in env.builder_env + env.env)
            self.changes.append(Change("builder", f"ENV {pairs} before the first install: {env.reason}",
                                       d.group.inst.start_line))
            return rhythm.tool("env", [self._environment_env(env, builder=True)], blank)
        self.changes.append(Change("builder", f"`{env.create}` before the first install: {env.reason}",
                                   d.group.inst.start_line))
        return rhythm.tool("run", [self.line(f"{self.kw('run')} {self._environment_create(env, d)}")], blank) + \
            rhythm.tool("env", [self._environment_env(env, builder=True)])

    def _environment_create(self, env: Environment, d: Decision) -> str:
        """The command that makes the environment; with BuildKit, a virtual environment gets the current pip
        (Python 3.9+; pip alone, not setuptools, rp9 serpbot/backend) with pip's cache mounted: the pip Python bundles
        may predate 23.1,
        which installs a source package without building a wheel, so its cache would keep nothing to reuse.
        On an official python image before 3.9 the environment gets the image's own pip instead (see
        :meth:`_image_pip`)."""
        create = env.create
        m = re.fullmatch(r"(python3?) -m venv (\S+)", create)
        ref = ImageRef.parse(self.plan.builder_image)
        version = minor_version(ref)
        if m is not None and version is not None and version < (3, 9):
            return self._image_pip(m[1], m[2], d) if ref.repo == "python" else create
        if not self.buildkit or m is None:
            return create
        self.changes.append(Change("buildkit", "the virtual environment gets the current pip: an older one keeps no "
                                               "wheel of a source package in its cache (pip alone: --upgrade-deps "
                                               "would upgrade setuptools too, whose newest has no pkg_resources, which "
                                               "the image's own has and programs such as gunicorn 20 import)",
                                   d.group.inst.start_line))
        upgraded = f"{m[1]} -m venv {m[2]} && {m[2]}/bin/pip install --upgrade pip"
        if d.user not in _ROOT + (None, ""):
            return upgraded
        return f"--mount=type=cache,target=/root/.cache/pip {upgraded}"

    def _image_pip(self, python: str, venv: str, d: Decision) -> str:
        """``python -m venv`` on an official python image before 3.9, then the image's own pip into it: venv
        installs the pip its Python bundles (ensurepip), which on old releases predates the one the image installs
        (3.6's 18.1 against the image's 21): it cannot install manylinux2010 or 2014 wheels, so a pin that has only
        those (cryptography 3.4+, psycopg2-binary 2.9) is built from source, and fails without its compilers."""
        self.changes.append(Change("builder", "the virtual environment gets the image's own pip (its version): the "
                                              "one its Python bundles may be older, unable to install the wheels the "
                                              "image's pip finds", d.group.inst.start_line))
        return (f"{python} -m venv {venv} && {venv}/bin/pip install --no-cache-dir "
                f"\"pip==$({python} -c 'import pip; print(pip.__version__)')\"")

    def _ensure_folders(self, d: Decision) -> list[str]:
        """``mkdir -p`` for the copied folders that some images of the family do not have."""
        paths = [a.path for a in self.copied if a.ensure]
        if not paths:
            return []
        if d.user and d.user not in _ROOT:
            raise CannotRefactor(f"{' '.join(paths)} may be missing in the builder, and its USER {d.user} "
                                 "cannot create it")
        self.changes.append(Change("builder", f"`mkdir -p {' '.join(paths)}` after the build: the installer "
                                              "uses it on some images only, and the runtime copies it",
                                   d.group.inst.start_line))
        return [f"mkdir -p {' '.join(paths)}"]

    def _test_stage(self) -> list[str]:
        out = [self.style.newline, self.line(f"{self.kw('from')} {self.builder_name} {self.kw('as')} "
                                             f"{self.names['test']}")]
        for k, d in enumerate(self.plan.decisions):
            if d.where is Where.TEST:
                out.append("".join(i.text for i in d.group.before if isinstance(i, Comment)))
                out.append(self._ensure_newline(self._builder_text(k, d)[0]))
                self.changes.append(Change("test", f"moved the test run to the '{self.names['test']}' stage "
                                                   f"(build it with --target {self.names['test']}); the runtime "
                                                   "does not depend on it", d.group.inst.start_line))
        return out

    # runtime -------------------------------------------------------------------
    def _runtime_stage(self, versions: dict[int, Version]) -> list[str]:
        p = self.plan
        name = self.names["runtime"]
        platform = "".join(f"{f} " for f in p.stage.from_.flags if f.startswith("--platform="))  # same machine
        out = [self.style.newline,
               self.line(f"{self.kw('from')} {platform}{p.runtime_image} {self.kw('as')} {name}")]
        if p.runtime_image != p.builder_image:
            self.changes.append(Change("runtime", f"the runtime stage '{name}' starts from {p.runtime_image} "
                                                  f"instead of {p.builder_image}"))
        else:
            without = "the build-only packages" if p.dropped_packages else \
                "what only the build leaves (its download caches, the files it builds from)"
            self.changes.append(Change("runtime", f"the runtime stage '{name}' starts from the same image, "
                                                  f"{p.runtime_image}, without {without}"))
        body = self._body(versions)
        if self._needs_man_folder(body):
            body.insert(0, self.line(f"{self.kw('run')} mkdir -p {_MAN_FOLDER}"))
            self.changes.append(Change("runtime", f"the runtime makes {_MAN_FOLDER} before it installs Java: "
                                                  f"{p.runtime_image}, a slim image, leaves out /usr/share/man, and "
                                                  "the JRE's postinst links its man page there (update-alternatives "
                                                  "fails without the folder)"))
        self._explain_packages()
        used: set[str] = set()
        for text in [*body, out[-1]]:
            used |= variables_used(text)
        if any(_RUN_LINE.match(text) for text in body):  # an ARG is in the environment of the RUNs after it
            used |= READ_BY_RUNS  # (ubuntu:20.04's tzdata waits for an answer without DEBIAN_FRONTEND)
        args = _arguments_used(p.decisions, used | _args_read_by_programs(p.decisions))
        for d in p.decisions:
            if d.group.inst.cmd == "arg" and d not in args:
                self.changes.append(Change("arg", f"ARG {' '.join(d.group.inst.value)} stays in the builder: "
                                                  "the runtime does not use it", d.group.inst.start_line))
        rest = self._inherited_env(body) + [self._ensure_newline(d.group.inst.text) for d in args] + \
            _superseded_users(_superseded_workdirs(self._inherited_workdir() + self._with_runtime_user(body),
                                                   self.style.newline, self._workdir_env()), self.style.newline)
        if rest and rest[0].startswith(self.style.newline):
            rest[0] = rest[0][len(self.style.newline):]
        if rest and _blank_after_from(p.stage):  # the stage's first line follows its FROM as the file's does
            rest[0] = self.style.newline + rest[0]
        return out + rest

    def _needs_man_folder(self, body: Sequence[str]) -> bool:
        """Whether the runtime installs an OpenJDK package (openjdk-17-jre-headless, default-jdk) with apt on the
        slim image the tool chose in place of the original's full one: Debian's slim images leave out
        /usr/share/man, where the JRE's postinst has update-alternatives link its man page, and the install fails
        (``error creating symbolic link '/usr/share/man/man1/java.1.gz.dpkg-tmp'``) where the original's worked."""
        p = self.plan
        tag = p.runtime_image.rpartition(":")[2]
        if p.runtime_image == p.builder_image or "slim" not in tag or "slim" in p.builder_image.rpartition(":")[2]:
            return False
        text = "".join(body)
        # each instruction whole: an install written a package a line (`apt-get install -y \` then
        # `  openjdk-8-jre \`) names the package on another line than its `install`
        return _MAN_FOLDER not in text and any(_JAVA_PACKAGE.search(inst) and "install" in inst for inst in body)

    def _body(self, versions: dict[int, Version]) -> list[str]:
        p = self.plan
        body: list[str] = []
        installs_at = 0  # the extra packages come after the last package install the runtime repeats
        # ... or, when they come first, after the RUNs that write the sources they install from, before any other
        sources_at, leading = 0, True
        # ... or, when no install the runtime repeats comes before, after a RUN that writes the sources the file's
        # later installs read (``printf "deb http://archive.debian.org/..." > /etc/apt/sources.list`` after the build)
        late_sources_at, installed = 0, False
        for k, d in enumerate(p.decisions):
            grown = len(body)
            inst = d.group.inst
            for env in (e for at, e in p.environments if at == k and e.env):
                _path_kept(p.decisions, k, env)
                body.append(self._environment_env(env))
            if d.where is Where.RUNTIME:
                body.append("".join(i.text for i in d.group.before) + self._ensure_newline(inst.text))
                self._explain_moved_setup(d)
            elif k in versions:
                here = versions[k].here
                if here is not None:
                    body.append(self._blank(d) + self._with_package_files(d, versions[k].files,
                                                                          _inner_comments_out(here)))
                    self._explain_version(d, here)
                    if versions[k].installs and k <= max(p.last_build, 0):
                        installs_at = len(body)
            elif d.where is Where.BOTH and inst.cmd != "arg" and not self._covered(k, d):
                # the comment above it stays with the builder's: a blank line that set it off would part two
                # instructions of one kind the runtime writes in a row (tally's newline-between-instructions)
                joined = any(isinstance(i, Comment) for i in d.group.before) and body and \
                    _keyword(body[-1]) == inst.cmd
                body.append(("" if joined else self._blank(d)) + self._ensure_newline(_inner_comments_out(inst)))
            elif d.where is Where.BOTH:
                body += self._run_time_files(k, d)
            if not installed and len(body) > grown and d.group.inst.cmd == "run" \
                    and _writes_package_sources(d.commands, d.claims):
                late_sources_at = len(body)
            installed = installed or (k in versions and bool(versions[k].installs))
            if leading and len(body) > grown and d.group.inst.cmd == "run" \
                    and _writes_package_sources(d.commands, d.claims):
                sources_at = len(body)
            elif len(body) > grown and d.group.inst.cmd in ("run", "copy", "add"):
                leading = False
            if k == p.last_build:
                copies = self._copies(d)
                setup = self._after_copies(d, versions)
                setup += self._loader_cache(d)
                if copies and self._uses_blank_lines():  # the copies are a group of their own
                    copies[0] = self.style.newline + copies[0]
                    setup[:1] = [self.style.newline + t for t in setup[:1]]
                body += copies + setup
        extra = self._extra_packages(versions)
        if p.packages_early:
            installs_at = sources_at
        elif installs_at == 0:
            installs_at = late_sources_at
        return _superseded_workdirs(body[:installs_at] + extra + body[installs_at:], self.style.newline,
                                    self._workdir_env())

    def _with_package_files(self, d: Decision, files: Sequence[str], text: str) -> str:
        """The runtime's RUN that installs package files, with the builder's copy of them: bound from the builder
        (BuildKit: no layer holds them), else copied right before it (its layer keeps them; the RUN removes them)."""
        text = self._ensure_newline(text)
        if not files:
            return text
        line = d.group.inst.start_line
        shown = ", ".join(files)
        if self.buildkit:
            bind = f"--mount=type=bind,from={self.builder_name},source={PACKAGE_FILES},target={PACKAGE_FILES}"
            self.changes.append(Change("runtime", f"the runtime installs {shown} as the RUN at line {line} does, "
                                                  f"from the copy the builder keeps in {PACKAGE_FILES}, bound from the "
                                                  "builder for that RUN: no layer holds the file", line))
            return with_flags(parse_instruction_text(text, self.style.escape), [bind], self.style.newline)
        self.changes.append(Change("runtime", f"the runtime installs {shown} as the RUN at line {line} does, from the "
                                              f"copy the builder keeps in {PACKAGE_FILES}, copied right before it and "
                                              "removed after it; the layer of the COPY still holds the file (with "
                                              "--buildkit the RUN binds it from the builder instead)", line))
        sources = " ".join(f"{PACKAGE_FILES}/{f}" for f in files)
        return self.line(f"{self.kw('copy')} --from={self.builder_name} {sources} {PACKAGE_FILES}/") + text

    def _inherited_env(self, body: list[str]) -> list[str]:
        """ENV the builder's base image sets and the runtime's does not, where the runtime needs it: a variable
        its instructions use (WORKDIR $GOPATH/src/app on golang), a copied folder of commands on the
        builder's PATH (/go/bin)."""
        p = self.plan
        if not p.base_env or p.runtime_image == p.builder_image:
            return []
        runtime = dict(p.runtime_base_env)
        own = {k for d in p.decisions if d.group.inst.cmd in ("env", "arg") for k, _ in env_pairs(d.group.inst)}
        used: set[str] = set()
        for text in body:
            used |= variables_used(text)
        pairs = [(k, v) for k, v in p.base_env
                 if (k in used or self._workspace_copied(k, v)) and k != "PATH" and k not in own
                 and runtime.get(k) != v]
        path = [e for e in dict(p.base_env).get("PATH", "").split(":")
                if e and e not in runtime.get("PATH", "").split(":")
                and any(inside(e, a.path) or posixpath.dirname(a.target) == e for a in self.copied)]
        if path and "PATH" not in own:
            pairs.append(("PATH", ":".join(path) + ":$PATH"))
        if not pairs:
            return []
        self.changes.append(Change("runtime", "the runtime sets " + ", ".join(f"{k}={v}" for k, v in pairs)
                                   + f" as {p.builder_image} does ({p.runtime_image} does not)"))
        text = " ".join(f'{k}="{v}"' if "$" in v or " " in v else f"{k}={v}" for k, v in pairs)
        return [self.line(f"{self.kw('env')} {text}")]

    def _workspace_copied(self, name: str, value: str) -> bool:
        """GOPATH, where the runtime copies into a folder of the Go workspace's sources (``/go/src/github.com/x/app``,
        from the builder or the build context): a program built in GOPATH mode may find its files there through the
        variable (DSiSc/justitia's config, read from ``$GOPATH/src/.../config``; read22 5df0fd05)."""
        if name != "GOPATH" or not value.startswith("/"):
            return False
        src = posixpath.join(value.split(":")[0], "src")
        found = self.plan.run_time_files
        targets = [a.target for a in self.copied] + [t for f in found for _, t in f.entries]
        targets += [_copy_target(self.plan.decisions[f.index]) or "" for f in found if f.whole]
        return any(inside(t, src) for t in targets)

    def _run_time_files(self, k: int, d: Decision) -> list[str]:
        """What a compiled program may read of a context COPY the runtime otherwise leaves out (templates/, data
        files beside the sources): the instruction as written, or one COPY of the files and one per folder."""
        found = next((f for f in self.plan.run_time_files if f.index == k), None)
        if found is None:
            return []
        inst = d.group.inst
        if found.from_builder:
            return self._run_time_files_built(d, found)
        self.changes.append(Change("runtime", _run_time_files_why(inst, found), inst.start_line))
        if found.whole:
            return [self._blank(d) + self._ensure_newline(inst.text)]
        flags = "".join(f"{f} " for f in inst.flags if not f.startswith("--from"))
        files = [src for src, target in found.entries if target.endswith("/")]
        lines: list[str] = []
        if files:
            target = next(t for _, t in found.entries if t.endswith("/"))
            lines.append(self.line(f"{self.kw('copy')} {flags}{' '.join(files)} {target}"))
        lines += [self.line(f"{self.kw('copy')} {flags}{src} {target}") for src, target in found.entries
                  if not target.endswith("/")]
        return [self._blank(d) + lines[0], *lines[1:]]

    def _run_time_files_built(self, d: Decision, found: RunTimeFiles) -> list[str]:
        """What a context COPY brings besides the sources, from the builder, where the build may have written over it
        (a Cargo build script): one COPY a file or folder, at the path the builder has it."""
        inst = d.group.inst
        self.changes.append(Change("runtime", f"the runtime copies from the builder what the {inst.keyword.upper()} "
                                              f"at line {inst.start_line} brings besides the sources (the program may "
                                              "read it at run time): the project's build script (build.rs), which "
                                              "Cargo runs with the build, may write over it", inst.start_line))
        paths = [target + posixpath.basename(src) if target.endswith("/") else target for src, target in found.entries]
        lines = [self.line(f"{self.kw('copy')} --from={self.builder_name} {p} {p}") for p in paths]
        return [self._blank(d) + lines[0], *lines[1:]]

    def _workdir_env(self) -> dict[str, str]:
        """The values the variables of a runtime WORKDIR may take: the base image's, then the stage's ENV and ARG."""
        env = dict(self.plan.base_env)
        for d in self.plan.decisions:
            if d.group.inst.cmd in ("env", "arg"):
                env.update(env_pairs(d.group.inst))
        return env

    def _inherited_workdir(self) -> list[str]:
        """The builder's base image's WORKDIR (golang: /go), where the runtime's base has another and the file
        uses it: what the file copies or runs before its own absolute WORKDIR (``COPY . .``, ``CMD ./server``)
        is there."""
        p = self.plan
        if p.base_workdir == p.runtime_workdir:
            return []
        before = _until_absolute_workdir(p.decisions, p.base_env)
        if any(_relies_on_workdir(d) for d in before):
            why = "the file relies on it"
        elif len(before) == len(p.decisions):  # no WORKDIR of its own: the image's command starts in the base's
            why = "the image's command starts there, the file setting no absolute WORKDIR of its own"
        else:
            return []
        self.changes.append(Change("runtime", f"the runtime sets WORKDIR {p.base_workdir} as {p.builder_image} "
                                              f"does ({p.runtime_image} does not): {why}"))
        return [self.line(f"{self.kw('workdir')} {p.base_workdir}")]

    def _blank(self, d: Decision) -> str:
        """A blank line where the original has one before the instruction: the file's own rhythm."""
        return self.style.newline if any(isinstance(i, Blank) for i in d.group.before) else ""

    def _uses_blank_lines(self) -> bool:
        return any(isinstance(i, Blank) for d in self.plan.decisions for i in d.group.before)

    def _explain_moved_setup(self, d: Decision) -> None:
        """Why a RUN of the project's own setup after the build runs in the runtime alone (walk's opaque setup)."""
        if d.group.inst.cmd == "run" and d.claims and all(c.role is Role.NEUTRAL for c in d.claims):
            self.changes.append(Change("runtime", f"the RUN at line {d.group.inst.start_line} moves to the runtime "
                                                  "too: it changes files in /tmp after a program the runtime runs, "
                                                  "which may be what that program wrote", d.group.inst.start_line))
            return
        if not opaque_setup(d):
            return
        why = "; ".join(dict.fromkeys(c.reason for c in d.claims if c.role is Role.SETUP and c.reason))
        self.changes.append(Change("runtime", f"the RUN at line {d.group.inst.start_line} moves to the runtime: "
                                              f"{why}; it comes after the build, which does not need it, and run in "
                                              "the builder too it would leave its effects in the folders the runtime "
                                              "copies, where the runtime's run would make them a second time",
                                   d.group.inst.start_line))

    def _explain_version(self, d: Decision, version: Instruction) -> None:
        inst = d.group.inst
        server = next((c.paths[0] for c in d.claims if c.starts), None)
        if server is not None:
            self.changes.append(Change("runtime", f"the runtime repeats the database setup of the RUN at line "
                                                  f"{inst.start_line}: its own server, of the same package, makes "
                                                  f"the database again (under {server})", inst.start_line))
        elif version is inst:
            why = "; ".join(dict.fromkeys(c.reason for c in d.claims if c.role is Role.SETUP and c.reason
                                          and c.ecosystem not in _HOUSEKEEPING)) or "environment setup"
            self.changes.append(Change("runtime", f"the runtime repeats the RUN at line {inst.start_line}: {why}",
                                       inst.start_line))
        elif inst.start_line in self.only_flattened:
            self.changes.append(Change("runtime", f"the runtime repeats the RUN at line {inst.start_line}, its "
                                                  "`chown -R` without -R: the copy brings the files with that owner",
                                       inst.start_line))
        else:
            self.changes.append(Change("runtime", f"the runtime repeats the part of the RUN at line "
                                                  f"{inst.start_line} it needs (package installs without "
                                                  "build-only packages, setup); the build steps stay in the "
                                                  "builder", inst.start_line))

    def _copies(self, d: Decision) -> list[str]:
        out: list[str] = []
        for art in self.copied:
            given = self.owners.get(art.target)
            owner = given[0] if given is not None else art.owner or d.user
            if given is not None:
                ids = f" ({given[2]}, by the ids the file gives them)" if given[2] != given[0] else ""
                self.changes.append(Change("artifact", f"the runtime copies {art.path} with --chown={given[0]}, the "
                                                       f"owner the `chown -R` of the RUN at line {given[1]} gives "
                                                       f"it{ids}, "
                                                       "and repeats that chown without -R after the copy, for the "
                                                       "folder itself (with -R its layer would hold the copied files "
                                                       "a second time)", given[1]))
            chown = f" --chown={owner}" if owner and owner not in _ROOT else ""
            if not chown and owner and d.user and d.user not in _ROOT:
                # root's files copied after a USER: COPY makes them root's anyway, and says so (tally's
                # copy-after-user-without-chown)
                chown = " --chown=root:root"
            if unsafe_path(art.path) or unsafe_path(art.target) or unsafe_path(chown.strip()):
                raise CannotRefactor(f"the build output {art.path!r} (user {d.user!r}) has quotes, blanks or control "
                                     "characters in its path or user: the tool does not write it in a COPY")
            if any(ch in art.target for ch in "*?["):
                raise CannotRefactor(f"the build output {art.path} is named by a pattern: a COPY to that name would "
                                     "make a file named by the pattern itself, and one into the folder would copy "
                                     "the contents of a folder it matches, not the folder")
            out.append(self.line(f"{self.kw('copy')} --from={self.builder_name}{chown} {art.path} {art.target}"))
            self.changes.append(Change("artifact", f"the runtime copies {art.path} from the builder: {art.reason}",
                                       d.group.inst.start_line))
        return out

    def _after_copies(self, last: Decision, versions: dict[int, Version]) -> list[str]:
        """The setup that needs the copied artifacts, as the same user and in the same folder as in the
        original."""
        out: list[str] = []
        for k, v in sorted(versions.items()):
            if v.after is None:
                continue
            d = self.plan.decisions[k]
            relative = any(c.relative for c in d.claims)
            if d.workdir != last.workdir and relative:
                raise CannotRefactor(f"RUN at line {d.group.inst.start_line} sets up the environment with paths "
                                     "relative to another folder than the last build step's; the runtime cannot "
                                     "repeat it after the copies")
            user, then = d.user or "root", last.user or "root"
            if user != then:  # the setup runs as the user the original ran it as, then the user is restored
                out.append(self.line(f"{self.kw('user')} {d.user or '0'}"))  # root by its id (hadolint's DL3066)
            out.append(self._ensure_newline(_inner_comments_out(v.after)))
            if user != then:
                out.append(self.line(f"{self.kw('user')} {self._user_text(last)}"))
            self.changes.append(Change("runtime", f"the runtime repeats the setup of the RUN at line "
                                                  f"{d.group.inst.start_line} once the artifacts are copied",
                                       d.group.inst.start_line))
        return out

    def _loader_cache(self, last: Decision) -> list[str]:
        """``RUN ldconfig`` after the copy of a /usr/local a `make install` filled, on an apt-based runtime: an install
        that runs ldconfig itself (libspotify's Makefile; dev file 1bbb573b) listed its libraries of /usr/local/lib
        in the builder's loader cache, which the copy does not bring, and /usr/local/lib is not a folder the loader
        reads without it (a program or Python extension linked to the library then fails to load). Not when the
        file runs ldconfig itself: the runtime repeats that one as the file places it."""
        p = self.plan
        gcc = any(a.path == GCC_RUNTIME + "/" for a in p.artifacts)  # on a Debian or Ubuntu runtime (plan.py)
        if not gcc and (p.package_manager != "apt" or not any(a.loader_cache for a in p.artifacts)):
            return []
        if not gcc and any(posixpath.basename(c.name or "") == "ldconfig" for d in p.decisions for c in d.commands):
            return []
        out = [self.line(f"{self.kw('run')} ldconfig")]
        if last.user and last.user not in _ROOT:  # as root, then the user is restored
            out = [self.line(f"{self.kw('user')} 0"), *out, self.line(f"{self.kw('user')} {self._user_text(last)}")]
        why = ("the runtime runs ldconfig after the copy of GCC's run-time libraries into /usr/local/lib64, with the "
               "loader's configuration of that folder, so that the program loads them rather than the release's older "
               "ones, as in the gcc image") if gcc else (
               "the runtime runs ldconfig after the copy of /usr/local, which a make install filled: an ldconfig the "
               "install ran listed its libraries in the builder's loader cache, which the copy does not bring")
        self.changes.append(Change("runtime", why, last.group.inst.start_line))
        return out

    def _user_text(self, last: Decision) -> str:
        """The user the runtime goes back to, as the original's last USER before ``last`` wrote it
        (``USER $USER`` stays so, and the runtime's USER reads as the original's)."""
        users = [d for d in self.plan.decisions if d.group.inst.cmd == "user"
                 and d.group.inst.start_line <= last.group.inst.start_line]
        if users and users[-1].group.inst.value:
            return " ".join(users[-1].group.inst.value)
        return last.user or "0"

    def _extra_packages(self, versions: dict[int, Version]) -> list[str]:
        """The packages no runtime version installs (run-time libraries, tools): one install of their own; and, where
        it comes first, those the setup before any install needs (a version's install of them comes after it)."""
        done = {pkg for v in versions.values() for pkg in v.installs
                if package_name(pkg) not in self.plan.packages_first}
        extra = sorted((pkg for pkg in self.plan.packages if pkg not in done), key=_sort_key)  # as tally wants
        if self.plan.ldd_folders and self.plan.libraries is Libraries.COPIED:
            assert not extra, extra  # the plan copies libraries only where the runtime installs no package
            self.changes.append(Change("packages", f"the runtime copies the libraries the builder copied into "
                                                   f"{linked.LIBRARIES} to /, and runs ldconfig"))
            gap = self.style.newline if self._uses_blank_lines() else ""
            return [gap + self.line(f"{self.kw('copy')} --from={self.builder_name} {linked.LIBRARIES}/ /"),
                    self.line(f"{self.kw('run')} ldconfig")]
        if self.plan.ldd_folders:
            env = "".join(f"{k}={shlex.quote(v)} " for k, v in self.plan.package_env)
            self.changes.append(Change("packages", f"the runtime installs the packages the builder listed in "
                                                   f"{linked.LIST}"))
            gap = self.style.newline if self._uses_blank_lines() else ""  # two kinds: a group each, as tally wants
            install = linked.apk_runtime_install if self.plan.package_manager == "apk" else linked.runtime_install
            return [gap + self.line(f"{self.kw('copy')} --from={self.builder_name} {linked.LIST} {linked.LIST}"),
                    gap + self.line(f"{self.kw('run')} {install(extra, env)}")]
        return [self._install(extra)] if extra else []

    def _install(self, packages: Iterable[str]) -> str:
        p = self.plan
        pkgs = " ".join(packages)
        env = "".join(f"{k}={shlex.quote(v)} " for k, v in p.package_env)  # DEBIAN_FRONTEND, ACCEPT_EULA...
        if p.package_manager == "apk":
            return self.line(f"{self.kw('run')} {env}apk add --no-cache {pkgs}")
        if p.package_manager == "rpm":
            rpm = self._rpm_command()
            return self.line(f"{self.kw('run')} {env}{rpm} install -y {pkgs} && {rpm} clean all")
        return self.line(f"{self.kw('run')} apt-get update && {env}apt-get install -y --no-install-recommends "
                         f"{pkgs} && rm -rf /var/lib/apt/lists/*")

    def _rpm_command(self) -> str:
        """The rpm package manager the file installs with (dnf on Fedora images that have no yum); else yum."""
        names = (c.name for d in self.plan.decisions for c, claim in zip(d.commands, d.claims, strict=False)
                 if claim.packages is not None and claim.packages.manager == "rpm")
        return next((n for n in names if n in ("yum", "dnf", "microdnf")), "yum")

    def _explain_packages(self) -> None:
        p = self.plan
        dropped = [d for d in p.dropped_packages if d not in p.removed_later]
        if dropped:
            self.changes.append(Change("packages", "left the build-only packages " + ", ".join(dropped)
                                       + " in the builder: the build needs them, the program at run time does not"))
        installed = {package_name(k) for k in p.packages}
        # one the runtime installs for a setup it repeats (wget for `wget ... | apt-key add -`) is said by its own note
        removed = [r for r in p.removed_later if package_name(r) not in installed]
        if removed:
            self.changes.append(Change("packages", "the runtime does not install " + ", ".join(removed)
                                       + ": the file removes them in a later RUN than the one that installs them, "
                                         "whose layer still holds them"))
        behind: dict[tuple[tuple[str, ...], bool], list[str]] = {}  # -dev packages of the same libraries, one line
        for dev, libs in p.library_map:
            named = tuple(lib for lib in libs if lib in installed)
            if named:
                behind.setdefault((named, has_run_time_part(dev)), []).append(dev)
            elif libs:
                self.changes.append(Change("packages", f"the runtime installs no package for {dev}: "
                                           + _not_installed_because(libs, p)))
        for (named, part), devs in behind.items():
            verb = "builds" if len(devs) == 1 else "build"
            what = f"the run-time part of {_in_words(devs)}, which {verb}" if part else \
                f"the shared libraries behind {_in_words(devs)}"
            self.changes.append(Change("packages", f"the runtime installs {', '.join(named)}, {what}"))

    def _with_runtime_user(self, body: list[str]) -> list[str]:
        """``runtime_user`` (configuration): a runtime that would run as root runs as this user."""
        user = self.runtime_user
        if not user or any(d.group.inst.cmd == "user" for d in self.plan.decisions):
            return body
        image = self.plan.runtime_image
        lines: list[str] = []
        if not user.split(":")[0].isdigit():
            if "distroless" in image or image == "scratch":
                if user not in ("nonroot", "nonroot:nonroot"):
                    raise CannotRefactor(f"runtime_user {user!r}: {image} has no user database to add it to; "
                                         "use a numeric id")
            elif "alpine" in image:
                lines.append(self.line(f"{self.kw('run')} addgroup -S {user} && adduser -S -G {user} {user}"))
            else:
                lines.append(self.line(f"{self.kw('run')} groupadd --system {user} "
                                       f"&& useradd --system --gid {user} --no-create-home {user}"))
        lines.append(self.line(f"{self.kw('user')} {user}"))
        self.changes.append(Change("runtime", f"the runtime runs as {user} (runtime_user), not as root"))
        at = len(body)
        for k, text in enumerate(body):
            first = text.lstrip().split(None, 1)[0].lower() if text.strip() else ""
            if first in ("cmd", "entrypoint", "healthcheck", "expose", "#"):
                at = k
                break
        return body[:at] + lines + body[at:]

    def _copied_again(self, index: int, d: Decision, dest_abs: str) -> bool:
        """``COPY requirements.txt .`` before ``COPY . .`` into the same folder: the runtime, which does not
        install between them, needs only the second."""
        inst = d.group.inst
        sources = inst.value[:-1]
        if inst.cmd in ("copy", "add") and _context_folder_source(inst) == ".":
            return self._whole_context_again(index, d, dest_abs)
        if not sources or any(s.startswith(("/", "..")) or "$" in s or s in (".", "./") for s in sources) \
                or inst.cmd not in ("copy", "add") or inst.flag("from") is not None \
                or (inst.cmd == "add" and any("://" in s or ADD_UNPACKS.search(s) for s in sources)):
            return False
        # the WORKDIR, written as a path (`COPY package.json /server` in /server: rp20node khoa1412001/BE-EasyCar), is
        # a folder: WORKDIR made it
        into_folder = inst.value[-1].endswith("/") or len(sources) > 1 or inst.value[-1] in (".", "./") \
            or dest_abs == posixpath.normpath(d.workdir)
        # `COPY production-requirements.txt /app/requirements.txt` renames: `COPY . /app/` does not bring that name
        if not into_folder and posixpath.basename(dest_abs) != posixpath.basename(sources[0].rstrip("/")):
            return False
        folder = dest_abs if into_folder else posixpath.dirname(dest_abs)
        for k, later in enumerate(self.plan.decisions[index + 1:], index + 1):
            source = _context_folder_source(later.group.inst)
            if source is not None:
                written = later.dest if later.dest is not None else later.group.inst.value[-1]
                target = posixpath.normpath(posixpath.join(later.workdir, written))
                # setup between them that names the files (`chmod 644 requirements.txt`), which the runtime repeats
                # where the later COPY has not brought them yet
                files = [posixpath.join(folder, posixpath.basename(src.rstrip("/"))) for src in sources]
                touched = any(c.role is Role.SETUP and any(inside(f, p) for p in c.paths for f in files)
                              for b in self.plan.decisions[index + 1:k] for c in b.claims)
                if target == folder and not touched and \
                        all(posixpath.normpath(posixpath.dirname(s.rstrip("/")) or ".") == source for s in sources):
                    self.changes.append(Change("runtime", f"the runtime does not repeat the {inst.cmd.upper()} at "
                                                          f"line {inst.start_line}: the {later.group.inst.cmd.upper()} "
                                                          f"at line {later.group.inst.start_line} brings the same "
                                                          "files, and nothing is installed between them there",
                                               inst.start_line))
                    return True
        return False

    def _whole_context_again(self, index: int, d: Decision, dest_abs: str) -> bool:
        """``COPY . /app`` written again later into the same folder (``COPY . /app``, ``COPY requirements.txt``,
        ``pip install``, ``COPY . /app``: read26 38b4e3ab), with no RUN the runtime repeats between them: the runtime
        needs only the second."""
        for k, later in enumerate(self.plan.decisions[index + 1:], index + 1):
            inst = later.group.inst
            if _context_folder_source(inst) != "." or inst.flags != d.group.inst.flags:
                continue
            written = later.dest if later.dest is not None else inst.value[-1]
            if posixpath.normpath(posixpath.join(later.workdir, written)) == dest_abs:
                if _repeats_a_run(self.plan.decisions[index + 1:k]):
                    return False
                self.changes.append(Change("runtime", f"the runtime does not repeat the {d.group.inst.cmd.upper()} "
                                                      f"at line {d.group.inst.start_line}: the {inst.cmd.upper()} at "
                                                      f"line {inst.start_line} brings the same files, and the runtime "
                                                      "runs nothing between them", d.group.inst.start_line))
                return True
        return False

    def _artifacts(self) -> list[Artifact]:
        arts = self._held_artifacts()
        # the staging folder, copied to /, inside a folder the runtime copies whole (/opt): the builder moves it out
        # of there after the build (:meth:`_after_build`), or the runtime would hold its files twice
        return [dataclasses.replace(a, path=STAGED_APART) if a.path == STAGING and self._moves_staging(arts) else a
                for a in arts]

    def _moves_staging(self, arts: list[Artifact]) -> bool:
        """Whether the builder moves the staging folder to STAGED_APART after the build: the runtime copies it to /
        and copies a folder that holds it (/opt, where a `tar xzf` unpacked), and no instruction names
        STAGED_APART (else the copy keeps both), and the commands after the last build step run as root, who may
        move it (a RUN after a USER app may not)."""
        return any(a.path == STAGING and a.target != STAGING for a in arts) \
            and any(a.path != STAGING and inside(STAGING, a.path) for a in arts) \
            and not any(inside(STAGED_APART, a.path) for a in arts) \
            and not any(_NAMES_STAGED_APART.search(i.text) for i in self.plan.stage.instructions) \
            and (self.plan.decisions[self.plan.last_build].user or "root") in _ROOT

    def _held_artifacts(self) -> list[Artifact]:
        arts: list[Artifact] = []
        for a in self.plan.artifacts:
            # a folder copied elsewhere (a staged install's /opt/staged, to /) is not covered by the copy of a folder
            # that holds it (/opt, where a `tar xzf` in /opt unpacked): that copy leaves it at /opt/staged
            lands = a.dest or a.path  # a file copied into a folder (`/opt/package-files/`) keeps its name there
            lands = posixpath.join(lands, posixpath.basename(a.path)) if lands.endswith("/") else lands
            if lands == a.path and any(o is not a and inside(a.path, o.path) and o.path != a.path
                                       for o in self.plan.artifacts):
                continue
            if any(o.path == a.path for o in arts):
                continue
            arts.append(a)
        return arts

    def _read_by_database_setup(self, index: int, dest_abs: str) -> bool:
        """Whether the database setup of a RUN after the COPY, which the runtime repeats, reads a file it copies
        (``psql -f /src/schema.sql``)."""
        return any(inside(p, dest_abs) for d in self.plan.decisions[index + 1:] if d.where is not Where.TEST
                   and any(c.starts for c in d.claims) for c in d.claims for p in c.paths)

    def _copied_by_setup(self, index: int, dest_abs: str) -> bool:
        """Whether setup after the COPY that the runtime repeats copies or moves a file it brings elsewhere (``cp
        $APPSRC_DIR/bin/entrypoint.sh /bin/`` after ``COPY ./ $APPSRC_DIR/``, the sources of a Go build): the runtime
        needs the COPY too, else the command fails (hunt: `cp: cannot stat`). Its sources are the words before the
        last, as the walk resolved them. Not where the files beside the sources the runtime copies instead
        (:meth:`_run_time_files`) hold them (adv-s37 H), nor for a COPY into / (every path is inside it)."""
        if dest_abs == "/":
            return False
        narrowed = next((f for f in self.plan.run_time_files if f.index == index), None)
        landed = [posixpath.join(t, posixpath.basename(src.rstrip("/"))) if t.endswith("/") else t
                  for src, t in (narrowed.entries if narrowed else ())]
        sources = [p for d in self.plan.decisions[index + 1:] if d.where in (Where.BOTH, Where.RUNTIME)
                   for c, cl in zip(d.commands, d.claims, strict=True)
                   if c.name in _COPIERS and cl.role is Role.SETUP and len(cl.paths) >= 2 for p in cl.paths[:-1]]
        return any(inside(p, dest_abs) and not any(inside(p, t) for t in landed) for p in sources)

    def _covered(self, index: int, d: Decision) -> bool:
        """A context COPY the runtime does not need: covered by a copied folder, or a build input of a
        compiled program."""
        inst = d.group.inst
        if inst.cmd not in ("copy", "add") or inst.flag("from") is not None:
            return False
        dest = d.dest if d.dest is not None else (inst.value[-1] if inst.value else "")  # `COPY . $APP_HOME`
        dest_abs = posixpath.normpath(posixpath.join(d.workdir, dest))
        if _carried_context_copy(self.plan, index, d, dest_abs, self.copied):
            return True
        if self._copied_again(index, d, dest_abs):
            return True
        if self._read_by_database_setup(index, dest_abs) or self._copied_by_setup(index, dest_abs):
            return False
        if self.plan.kind not in COMPILED and index < self.plan.last_build and self._sources_of_a_build(d):
            return True
        if self.plan.kind in COMPILED and index < self.plan.last_build:
            # a build input of a compiled program; files put elsewhere (config in /etc) stay
            # with no WORKDIR the build runs in /: only the whole context copied there is its input (a start
            # script or a server's configuration copied into / or /etc is not), or sources by their names (main.go)
            build_dirs = {x.workdir for x in self.plan.decisions if x.role is Role.BUILD}
            if not _context_root_copy(inst) and not build_inputs_only(inst.value[:-1], self.plan.kind):
                build_dirs -= {"/"}
            covered = any(inside(dest_abs, w) for w in build_dirs)
            if covered:
                self._check_program_kept(index, d, dest_abs)
            return covered
        return False

    def _sources_of_a_build(self, d: Decision) -> bool:
        """A context COPY of sources alone, by their names, into a folder a build of their language works in, on an
        image of no compiled family (``COPY main.go /`` before Debian's Go builds it): the builder's only."""
        inst = d.group.inst
        if len(inst.value) < 2:
            return False
        dest = posixpath.normpath(posixpath.join(d.workdir, d.dest if d.dest is not None else inst.value[-1]))
        return any(build_inputs_only(inst.value[:-1], c.ecosystem) and inside(dest, x.workdir)
                   for x in self.plan.decisions if x.role is Role.BUILD for c in x.claims if c.role is Role.BUILD)

    def _check_programs_made(self) -> None:
        """A file the CMD or ENTRYPOINT runs by its path that the runtime neither copies from the builder nor gets
        from the build context, named by a RUN that stays in the builder, is one that build step may make there
        (``make -e OUTPUTFLAGS="-o /app"`` + ``ENTRYPOINT ["/app"]``, dev file 26496b25): where the build writes
        it is not known, and the runtime would lack it."""
        decisions = self.plan.decisions
        for line, path in programs_run(decisions):
            if any(inside(path, a.target) or inside(path, a.path) for a in self.copied) \
                    or any(inside(path, dest) for dest in _runtime_context_dests(decisions)):
                continue
            named = re.compile(r"(?<![\w./-])" + re.escape(path) + r"(?![\w./-])")
            maker = next((d for d in decisions if d.where is Where.BUILDER and d.group.inst.cmd == "run"
                          and named.search(d.group.inst.original)), None)
            if maker is not None:
                raise CannotRefactor(f"the command at line {line} runs {path}, which the RUN at line "
                                     f"{maker.group.inst.start_line} names: that build step may make it there, where "
                                     "the tool does not know it writes, and the runtime would lack it")

    def _check_program_kept(self, index: int, d: Decision, dest_abs: str) -> None:
        """A context COPY the runtime leaves out as a compiled build's input must not bring what the CMD or
        ENTRYPOINT runs (``CMD ["/go/src/app/docker/run.sh"]`` after ``COPY . /go/src/app``): with the build
        context, the runtime copies the files beside the sources (:meth:`_run_time_files`); without it, which of
        the context's files the program needs is not known."""
        if any(f.index == index for f in self.plan.run_time_files) \
                or any(unsafe_path(a.path) or unsafe_path(a.target) for a in self.copied):
            return  # an output the tool cannot write in a COPY: :meth:`_copies` names that cause
        inst = d.group.inst
        for line, path in context_programs(self.plan.decisions, self.copied):
            if inside(path, dest_abs):
                raise CannotRefactor(f"the command at line {line} runs {path}, which the {inst.keyword.upper()} at "
                                     f"line {inst.start_line} brings from the build context with the build's "
                                     "sources; without the build context, which of its files the program needs "
                                     "is not known")


_BUILDER_ENV = {"CGO_ENABLED": "the binary must not need the C library, so it runs on a minimal image",
                "GOFLAGS": "the binary leaves out its symbol table and debug information (-ldflags=-s), as a release "
                           "build does"}


def _path_kept(decisions: Sequence[Decision], at: int, env: Environment) -> None:
    """The environment's ENV (a venv's PATH), written at decision ``at``, must leave the folders of the PATH the
    program runs with: a file that sets PATH anew without $PATH after it (the environment's folder of commands
    would fall off) is left alone. A PATH the file sets before it keeps its folders, after the environment's."""
    if not any(k == "PATH" for k, _ in env.env):
        return
    for d in decisions[at:]:
        inst = d.group.inst
        values = [v for k, v in (env_pairs(inst) if inst.cmd == "env" else ()) if k == "PATH"]
        if not all(_extends_path(v) for v in values):
            raise CannotRefactor(f"ENV at line {inst.start_line} sets PATH anew after the installs the tool "
                                 "would put in a virtual environment: its folder of commands would fall off the "
                                 "PATH the program runs with")


def _extends_path(value: str) -> bool:
    """Whether an ENV's PATH value holds the PATH before it as a folder list of its own (``/x:$PATH``), not
    glued to a folder (``/x$PATH``, whose first folder would change) nor in single quotes (not expanded)."""
    if "'" in value:
        return False
    return any(entry in ("$PATH", "${PATH}") for entry in value.replace('"', "").split(":"))


def _updates_apt(cmd: Command) -> bool:
    """``apt-get update``, ``apt update``: the command fetches the package lists."""
    return cmd.name in ("apt-get", "apt", "aptitude") and "update" in cmd.args


def _has_inner_comments(inst: Instruction) -> bool:
    """Whether a comment line stands inside the instruction's continuation."""
    return not inst.heredocs and any(line.lstrip().startswith("#") for line in split_lines(inst.text)[1:])


def _inner_comments_out(inst: Instruction) -> str:
    """The instruction's text without the comment lines inside its continuation (``# for nokogiri`` above a
    package): they stay with the original in the builder, so that no comment is written twice. Without its
    empty continuation lines either (BuildKit's NoEmptyContinuation): the parser drops them, so the meaning
    is the same."""
    lines = split_lines(inst.text)  # only \n ends a line: str.splitlines also splits at \x1e, \v, \x85...
    if inst.heredocs or len(lines) < 2:
        return inst.text
    inner = [line for line in lines[1:-1] if line.strip() and not line.lstrip().startswith("#")]
    last = lines[-1] if not lines[-1].lstrip().startswith("#") else ""
    return lines[0] + "".join(inner) + last


def _stage_pairs(stage: Stage) -> Iterable[tuple[Instruction, bool, bool, Instruction]]:
    """(instruction, blank line before the next one, comment line before it, next instruction) through
    the stage."""
    prev: Instruction = stage.from_
    blank = comment = False
    for item in stage.body:
        if isinstance(item, Blank):
            blank = True
        elif isinstance(item, Comment):
            comment = True
        elif isinstance(item, Instruction):
            yield prev, blank, comment, item
            prev, blank, comment = item, False, False


def _blank_after_from(stage: Stage) -> bool:
    """Whether the file puts a blank line between its FROM and the instruction after it."""
    first = next(iter(_stage_pairs(stage)), None)
    return first is not None and first[1]


@dataclass(frozen=True, slots=True)
class _Grouping:
    """How far the file's blank lines follow tally's newline-between-instructions (grouped)."""

    split: bool  # a blank line between any two instructions of different kinds
    join: bool  # no blank line between two instructions of one kind, unless a comment opens a group there


def _grouping(stage: Stage) -> _Grouping:
    pairs = list(_stage_pairs(stage))
    differ = [blank for a, blank, _, b in pairs if a.cmd != b.cmd]
    split = bool(differ) and all(differ)
    join = any(blank for _, blank, _, _ in pairs) and all(
        not blank or comment for a, blank, comment, b in pairs if a.cmd == b.cmd)
    return _Grouping(split, join)


def _regroup(text: str, newline: str, grouping: _Grouping) -> str:
    """The stage ``text`` in the file's grouped rhythm: with ``split``, a blank line (above the comments)
    between instructions of different kinds; with ``join``, none between two of one kind without a comment
    between them. The other blank and comment lines stay as they are."""
    stage = parse(text).stages[0]
    out = [stage.from_.text]
    between: list[Blank | Comment] = []
    prev = stage.from_
    for item in stage.body:
        if isinstance(item, Blank | Comment):
            between.append(item)
            continue
        blank = any(isinstance(i, Blank) for i in between)
        comment = any(isinstance(i, Comment) for i in between)
        if item.cmd != prev.cmd and grouping.split and not blank:
            between.insert(0, Blank(newline))
        elif item.cmd == prev.cmd and grouping.join and blank and not comment:
            between = []
        out += [i.text for i in between] + [item.text]
        between, prev = [], item
    return "".join(out + [i.text for i in between])


_WORKDIR = re.compile(r"\s*workdir\s+(\S+)", re.IGNORECASE)


def _until_absolute_workdir(decisions: Sequence[Decision], base_env: Sequence[tuple[str, str]]) -> list[Decision]:
    """The decisions before the first absolute WORKDIR (all of them when there is none); one that starts with a
    variable is absolute where the variable's value is, as ENV or ARG before it or the base image set it
    (``$GOPATH/src/app`` on golang; not ``ENV APP=app``, then ``WORKDIR $APP``: adv-s38)."""
    out: list[Decision] = []
    env = dict(base_env)
    for d in decisions:
        inst = d.group.inst
        if inst.cmd in ("env", "arg"):
            env.update(env_pairs(inst))
        if inst.cmd == "workdir" and inst.value and _absolute_path(inst.value[0], env):
            break
        out.append(d)
    return out


def _relies_on_workdir(d: Decision) -> bool:
    """Whether an instruction's meaning depends on the folder it runs in: a relative COPY target or WORKDIR,
    the image's command, a RUN the runtime repeats that uses relative paths."""
    inst = d.group.inst
    if inst.cmd in ("copy", "add", "workdir"):
        return bool(inst.value) and not inst.value[-1].startswith("/")
    if inst.cmd == "run":
        return d.where is not Where.BUILDER and any(c.relative for c in d.claims)
    return inst.cmd in ("cmd", "entrypoint", "healthcheck")


def _absolute_path(value: str, env: Mapping[str, str]) -> bool:
    """Whether a WORKDIR's value is an absolute path: written so, or starting with a variable whose value is."""
    if value.startswith("/"):
        return True
    m = re.match(r"\$\{?(\w+)", value)
    return m is not None and env.get(m.group(1), "").startswith("/")


def _superseded_workdirs(body: list[str], newline: str, env: Mapping[str, str]) -> list[str]:
    """A WORKDIR right before another, absolute WORKDIR serves nothing in the runtime (the builder's
    source folders): it is left out, its blank line kept (``env``: the values a WORKDIR's variable may take)."""
    def supersedes(earlier: str, later: str) -> bool:
        m = _WORKDIR.match(later)
        return bool(m and _absolute_path(m.group(1), env) and _WORKDIR.match(earlier) and "\\" not in earlier)
    return _without_superseded(body, newline, supersedes)


def _without_superseded(body: list[str], newline: str, supersedes: Callable[[str, str], bool]) -> list[str]:
    """``body`` without each instruction the next one ``supersedes`` (earlier, later), its blank line kept."""
    out: list[str] = []
    for text in body:
        if out and supersedes(out[-1], text):
            lead = newline if out[-1].startswith(newline) and not text.startswith(newline) else ""
            out[-1] = lead + text
            continue
        out.append(text)
    return out


_USER = re.compile(r"\s*user\s+\S+\s*$", re.IGNORECASE)


def _superseded_users(body: list[str], newline: str) -> list[str]:
    """A USER right before another USER serves nothing in the runtime (the original's ``USER root`` before the COPY
    and RUN the builder keeps, the tool's own return to the user before a USER of the file): it is left out, its
    blank line kept."""
    return _without_superseded(body, newline, lambda earlier, later: bool(_USER.fullmatch(earlier)
                                                                          and _USER.fullmatch(later)))


def _without_no_cache_dir(inst: Instruction, commands: Sequence[Command]) -> Instruction:
    """The RUN without pip's ``--no-cache-dir`` (shell form only: else as it is)."""
    words = [(w.start, w.end) for c in commands if tool_of(c) is Tool.PIP for w in c.argv[1:]
             if w.value == "--no-cache-dir"]
    if not words or inst.json or inst.heredocs or not inst.value:
        return inst
    script = inst.value[0]
    offset = len(inst.original.rstrip(GO_SPACE)) - len(script)
    if inst.original[offset:offset + len(script)] != script:
        return inst
    try:
        return splice(inst, [(offset + s, offset + e, "") for s, e in remove_word_spans(script, words)])
    except CannotEdit:
        return inst


_RUN_LINE = re.compile(r"\s*run\b", re.I)


def _carried_context_copy(plan: Plan, index: int, d: Decision, dest: str, copied: Sequence[Artifact]) -> bool:
    """A context COPY into a folder the runtime copies whole from the builder, which has its files already: before
    the last build, or after it where the builder keeps it too and no RUN the runtime repeats comes between the build
    and it (read25 68347cec: `COPY . /app/` after `yarn`, which copied /app whole, written again after that copy)."""
    # (strictly inside a path the runtime copies, the path is a folder, whole or not: 3a277635's /home/web2py, which
    # `mv` made of an unpacked archive)
    if not any(inside(dest, a.path) and (a.whole_dir or dest != a.path.rstrip("/")) for a in copied):
        return False
    if index < plan.last_build:
        return True
    return d.where is Where.BOTH and index > plan.last_build \
        and not _repeats_a_run(plan.decisions[plan.last_build + 1:index])


def _repeats_a_run(decisions: Sequence[Decision]) -> bool:
    """Whether the runtime repeats a RUN of ``decisions`` (or part of one)."""
    return any(d.group.inst.cmd == "run" and d.where is not Where.BUILDER for d in decisions)


def _args_read_by_programs(decisions: Sequence[Decision]) -> set[str]:
    """The ARGs in the environment of a program of the project the runtime repeats (``ARG MODEL_URL`` then
    ``RUN python app/server.py``): the program may read any of them, as it did in the original."""
    read: set[str] = set()
    in_scope: set[str] = set()
    for d in decisions:
        if d.group.inst.cmd == "arg":
            in_scope |= {name for name, _ in env_pairs(d.group.inst)}
        elif d.where in (Where.BOTH, Where.RUNTIME) and any(cl.role is Role.SETUP and cl.reads_env for cl in d.claims):
            read |= in_scope
    return read


def _arguments_used(decisions: Sequence[Decision], used: set[str]) -> list[Decision]:
    """The ARG instructions the runtime needs: those it uses, and those their defaults use."""
    args = [d for d in decisions if d.group.inst.cmd == "arg"]
    wanted: list[Decision] = []
    grew = True
    while grew:
        grew = False
        for d in args:
            if d not in wanted and any(w.split("=", 1)[0] in used for w in d.group.inst.value):
                wanted.append(d)
                used |= variables_used(d.group.inst.original)
                grew = True
    return [d for d in args if d in wanted]


def _runtime_context_dests(decisions: Sequence[Decision]) -> list[str]:
    """The absolute destinations of the COPY and ADD instructions from the build context the runtime has."""
    out = []
    for d in decisions:
        inst = d.group.inst
        if inst.cmd in ("copy", "add") and d.where is not Where.BUILDER and d.where is not Where.TEST \
                and inst.flag("from") is None and len(inst.value) >= 2:
            dest = inst.value[-1]
            out.append(posixpath.normpath(posixpath.join(d.workdir, dest)))
    return out


def _context_folder_source(inst: Instruction) -> str | None:
    """The folder of the build context a COPY or ADD of one folder brings whole (``COPY . .``: "."; ``COPY server/
    .``: "server"), or None: another kind (a file, a pattern, a variable, from a stage)."""
    if inst.cmd not in ("copy", "add") or inst.flag("from") is not None or len(inst.value) != 2:
        return None
    source = inst.value[0]
    if source in (".", "./"):
        return "."
    if not source.endswith("/") or source.startswith(("/", "..")) or any(c in source for c in "$*?[\\"):
        return None
    return posixpath.normpath(source)


def _context_root_copy(inst: Instruction) -> bool:
    return _context_folder_source(inst) == "."


def _open_ended(inst: Instruction, escape: str) -> bool:
    """Whether the instruction is still open at the end of the file (its last line continues it, or is
    a comment or blank line inside its continuation): text written after it would join it."""
    if inst.heredocs or not inst.lines:
        return False
    last = inst.lines[-1].rstrip("\r\n")
    if len(inst.lines) > 1 and (not last.strip(" \t") or last.lstrip(" \t").startswith("#")):
        return True
    return last.rstrip(" \t").endswith(escape)


__all__ = ["Blank", "CannotRefactor", "Change", "Composer", "DEFAULT_STAGE_NAMES"]


def _why_recommends(named: str) -> str:
    """Why an install that names ``named`` (GTK, TeX Live or ImageMagick: :func:`keeps_recommends`) needs the
    packages it recommends."""
    name = package_name(named).lower()
    if name.startswith("imagemagick"):
        return ("ImageMagick's bring the programs it converts with, ghostscript among them (a PDF's thumbnail fails "
                "without it: read32 2d629af3), and its extra coders")
    if name.startswith("texlive"):
        return ("TeX Live's recommend the fonts and packages documents use (texlive-latex-extra: "
                "texlive-fonts-recommended, without which a document set in T1 Times fails)")
    return (f"a file names {named} for a program apt does not know of (a prebuilt Electron, Chromium or Firefox), "
            "which links it, and GTK's recommended packages bring libraries such programs load (GTK 3's bring "
            "at-spi2-core, and with it libxtst6, which Electron links; librsvg2-common, the SVG loader of its icons)")


def _run_time_files_why(inst: Instruction, found: RunTimeFiles) -> str:
    """Why the runtime repeats (part of) the context COPY ``inst`` of a compiled program's build folder."""
    what = f"the {inst.keyword.upper()} at line {inst.start_line}"
    if found.unread:
        return (f"the runtime repeats {what} as written: the program runs in the folder it fills, and may read files "
                "there beside the sources (templates, assets), which the tool cannot tell apart without the build "
                "context")
    if found.read_there:
        return (f"the runtime repeats {what} as written: the program runs in the folder it fills, which brings files "
                f"besides the sources ({few(found.read_there, 3)}) that it may read; so does a file the repository "
                "leaves out and a user puts there before building (a configuration made from an example), which "
                "a list of the files the context holds now would miss")
    if found.absent:
        path, where = found.absent[0]
        return (f"the runtime repeats {what} as written: the program runs in the folder it fills, and reads {path} "
                f"there ({where} reads it), which the build context does not hold now: a file the "
                "repository leaves out and a user puts there before building, which the original image has")
    return f"the runtime repeats what {what} brings besides the sources (the program may read it at run time)"
