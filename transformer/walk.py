"""The walk over a single stage: where each instruction goes and what each command of a RUN does.

One handler per instruction kind (a dispatch table, as BuildKit's parser has one per instruction).
The walk tracks what every instruction sees (WORKDIR, ENV, USER), asks the passes about every
shell command, and answers with :class:`Walked` (the decisions and what they add up to) or a
:class:`Skip` (why the file is left alone).
"""

from __future__ import annotations

import dataclasses
import enum
import posixpath
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch

from .analysis import (
    ContextReader,
    RunContext,
    RunFacts,
    clean,
    cmake_source,
    context_location,
    database_files,
    env_pairs,
    expand,
    forces,
    makes_parents,
    package_users,
    positional,
    read_run,
    stage_commands,
    tar_operation,
    unwrapped,
    users_made,
)
from .arguments import evaluate_word
from .claims import (
    COMPILED,
    PACKAGE_FILES,
    STAGING,
    SYSTEM_FOLDER_NAMES,
    Artifact,
    Claim,
    Copied,
    Environment,
    Housekeeping,
    Makefiles,
    PackageOp,
    Pass,
    Role,
    staged_path,
)
from .commands import INTERPRETER, RUNTIME_BLOCKERS, argv_of, image_lines, is_shell, known_installer, unwrapped_line
from .images import ImageRef, data
from .linked import LIST as RUNTIME_LIST
from .official import Inherited
from .shell import Command, Word, parse_shell
from .tree import Blank, Comment, Instruction, Item

# the folders the builder's own added steps write in (a tracked install's staging folder, the files of downloaded
# packages, the list of run-time packages ldd finds, and the scratch folder they work in)
_BUILDER_FOLDERS = (STAGING, PACKAGE_FILES, RUNTIME_LIST, "/tmp")
METADATA = frozenset({"expose", "volume", "label", "healthcheck", "stopsignal", "cmd", "entrypoint", "maintainer"})
CARRIED = frozenset({"env", "workdir", "user", "shell", "arg"})
# every instruction BuildKit knows (FROM starts a stage): any other stops the build with "unknown instruction"
INSTRUCTIONS = METADATA | CARRIED | {"from", "copy", "add", "run", "onbuild"}


class Where(enum.Enum):
    BUILDER = "builder"  # stays in the builder only
    BOTH = "both"  # stays in the builder, and the runtime repeats it
    RUNTIME = "runtime"  # moves to the runtime
    TEST = "test"  # moves to the test stage


@dataclass(frozen=True, slots=True)
class Group:
    """An instruction with the blank and comment lines right above it."""

    before: tuple[Blank | Comment, ...]
    inst: Instruction


@dataclass(frozen=True, slots=True)
class Decision:
    group: Group
    where: Where
    role: Role | None = None
    claims: tuple[Claim, ...] = ()
    commands: tuple[Command, ...] = ()
    workdir: str = "/"
    user: str | None = None
    run: RunFacts | None = None  # a RUN as read into shell commands
    # a COPY or ADD's destination as written, the stage's ENV and ARGs expanded (None: another instruction)
    dest: str | None = None

    @property
    def splittable(self) -> bool:
        """Whether the runtime can take part of this RUN: shell form, its commands read straight from it."""
        run = self.run
        return run is not None and not self.group.inst.json and not self.group.inst.heredocs \
            and run.commands == run.script.commands


@dataclass(frozen=True, slots=True)
class Skip:
    reason: str
    line: int = 0
    # a stage would gain nothing (the same base, no build-only package, no cache): the reason to give before a
    # blocker the walk deferred (Walked.deferred), which would matter only where stages gain something
    no_gain: bool = False


class _Stop(Exception):
    def __init__(self, skip: Skip) -> None:
        self.skip = skip


def group_body(items: tuple[Item, ...]) -> tuple[list[Group], tuple[Blank | Comment, ...]]:
    groups: list[Group] = []
    pending: list[Blank | Comment] = []
    for item in items:
        if isinstance(item, Instruction):
            groups.append(Group(tuple(pending), item))
            pending = []
        else:
            pending.append(item)
    return groups, tuple(pending)


@dataclass(frozen=True, slots=True)
class Walked:
    """The decisions of a stage and what its build steps add up to."""

    decisions: tuple[Decision, ...]
    package_ops: tuple[PackageOp, ...]
    artifacts: tuple[Artifact, ...]
    first_build: int  # index in decisions of the first BUILD RUN (-1: none)
    last_build: int
    builder_env: tuple[tuple[str, str], ...]
    has_tests: bool
    has_cmd: bool
    notes: tuple[str, ...]
    # the environments the build installs into, each made before its decision (one per ecosystem: pip's user base
    # and a gem home may share a stage)
    environments: tuple[tuple[int, Environment], ...] = ()
    caches: tuple[str, ...] = ()  # download caches the original leaves in its layers
    # the Go workspace the stage ends with (GOPATH, the base image's or the file's) when it is not inside the Go
    # installation (GOROOT): what the build leaves there is the project's, not a toolchain
    workspace: str = ""
    copied: tuple[Copied, ...] = ()  # the COPY and ADD instructions that take from the build context
    cache_mb: float = 0.0  # a lower bound of the caches' size in MB (Claim.cache_mb)
    # why the file is left alone unless stages would gain nothing (an unknown image's WORKDIR): the walk went on as
    # if the blocker were not there, so that the plan can tell (skip2 R4: 06e9d3aa's reason named the WORKDIR, where
    # the same image as runtime would gain nothing)
    deferred: Skip | None = None


@dataclass
class _State:
    workdir: str
    # text that `echo`/`printf` write into a file (`echo 'make install' >> /init.sh`): a script a CMD may run
    written: dict[str, list[str]] = field(default_factory=dict)
    env: list[tuple[str, str]] = field(default_factory=list)
    user: str | None = None
    decisions: list[Decision] = field(default_factory=list)
    package_ops: list[PackageOp] = field(default_factory=list)
    artifacts: list[Artifact] = field(default_factory=list)
    builder_env: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    first_build: int = -1
    last_build: int = -1
    has_tests: bool = False
    has_cmd: bool = False
    environments: dict[str, tuple[int, Environment]] = field(default_factory=dict)  # by the ecosystem's pass
    # the decision of the first pip upgrade of pip itself into the image's Python, before any environment (-1: none)
    installer_upgrade: int = -1
    caches: list[str] = field(default_factory=list)
    cache_mb: float = 0.0
    shell_vars: list[str] = field(default_factory=list)  # set in a RUN's shell: empty in the RUNs after it
    makefiles: list[tuple[str, Makefiles]] = field(default_factory=list)
    installed_from: list[str] = field(default_factory=list)  # the folders a staged `make install` ran in
    # staged unpacks (and copies): their folder, the archive they read (removed after them: not what they unpacked),
    # their line, what put the files there
    unpacked: list[tuple[str, str, int, str]] = field(default_factory=list)
    fetched: list[tuple[str, str]] = field(default_factory=list)  # files downloaded (ADD URL, curl -o): path, URL
    added: list[tuple[int, str]] = field(default_factory=list)  # ADD URL: its decision, the file's path
    # package files installed (dpkg -i x.deb): their file names and lines; and their paths, which the runtime,
    # installing them from the builder's copy, does not copy as build outputs
    package_files: list[tuple[str, str, int]] = field(default_factory=list)
    consumed: set[str] = field(default_factory=set)
    homes: list[tuple[str, str]] = field(default_factory=list)  # the users the file makes, and their homes
    database_files: list[str] = field(default_factory=list)  # SQLite files the RUNs name (RunContext.database_files)
    shell: tuple[str, int] | None = None  # the program a SHELL instruction runs shell-form RUNs with, and its line
    links: dict[str, str] = field(default_factory=dict)  # commands the file links into a folder of PATH: their target
    # what the COPYs and ADDs took from the build context: their sources, the absolute folder or file they name as
    # the destination, and whether it is a folder (ending in / or with several sources)
    from_context: list[Copied] = field(default_factory=list)
    # the commands the runtime has because it repeats the step that installs them (`pip install poetry`)
    runtime_commands: set[str] = field(default_factory=set)


@dataclass
class _InRun:
    """What reading a RUN's commands carries from one command to the next."""

    ctx: RunContext  # what the command sees
    outside: RunContext  # what the RUN's own commands see, while a su's script runs
    claims: list[Claim] = field(default_factory=list)
    unnamed: int = 0  # the archives the claims so far unpacked in / without a name for the folder they made
    kept: list[tuple[str, str]] = field(default_factory=list)  # set in a su's shell, lasting beyond it (the tool's ENV)
    block: tuple[int, str] | None = None  # the `su USER -c` whose script the commands come from
    previous: Command | None = None
    made: set[str] = field(default_factory=set)  # variables given a value a command makes (`deps=$(cat deps.txt)`)
    subshells: list[tuple[int, str]] = field(default_factory=list)  # `(cd x && make)`: where each ends, the folder left


class Walker:
    """Walks a stage's instructions in order; ``walk`` returns :class:`Walked` or :class:`Skip`. It starts
    with what the base image gives (its WORKDIR, USER and ENV: GOPATH on golang), when the image is known."""

    def __init__(self, image: ImageRef, kind: str, passes: tuple[Pass, ...], read_context: ContextReader,
                 escape: str, base: Inherited | None = None, workdir_known: bool = True) -> None:
        self.image = image
        # the base image's WORKDIR is known (an official image's, or none), until the file sets its own
        self.workdir_known = workdir_known
        self.deferred: Skip | None = None  # Walked.deferred
        self.kind = kind
        self.passes = passes
        self.read_context = read_context
        self.escape = escape
        self.s = _State(base.workdir or "/" if base is not None else "/")
        self.base_workdir = base.workdir or "/" if base is not None else None  # None: an image not known
        if base is not None:  # values that change with every release stand for the newest: not for this tag
            self.s.env = [(k, v) for k, v in base.env if k not in base.versioned_env]
            self.s.user = base.user
        self.runs: tuple[tuple[str | None, ...], ...] = ()
        self.cmd: Instruction | None = None
        self.entrypoint: Instruction | None = None
        self.writes: tuple[str, ...] = ()
        self.stage_commands: tuple[Command, ...] = ()
        self.volumes: tuple[Instruction, ...] = ()
        self.shaping_volumes: frozenset[int] = frozenset()  # the lines of the VOLUMEs a RUN follows
        self.handlers: dict[str, Callable[[Group], None]] = {
            **dict.fromkeys(METADATA, self._metadata),
            **dict.fromkeys(CARRIED, self._carried),
            "copy": self._copy,
            "add": self._copy,
            "run": self._run,
            "onbuild": self._onbuild,
        }

    def walk(self, groups: list[Group]) -> Walked | Skip:
        self.runs = image_lines(g.inst for g in groups)
        self.cmd = next((g.inst for g in reversed(groups) if g.inst.cmd == "cmd"), None)
        self.entrypoint = next((g.inst for g in reversed(groups) if g.inst.cmd == "entrypoint"), None)
        self.cmd_is_arguments = self.entrypoint is not None and _takes_cmd_as_arguments(self.entrypoint)
        self.builds_by_name: tuple[Skip, str] | None = None  # the command's run-time build (_command_first)
        self.exposes_ssh = any(p.split("/")[0] == "22" for g in groups if g.inst.cmd == "expose"
                               for p in g.inst.value)
        self.jupyter = next((g.inst.start_line for g in groups if g.inst.cmd == "run" and _sets_up_jupyter(g.inst)),
                            None)
        self.writes = tuple(g.inst.text for g in groups if g.inst.cmd in ("copy", "add", "run"))
        self.stage_commands = stage_commands(g.inst for g in groups if g.inst.cmd == "run")
        self.volumes = tuple(g.inst for g in groups if g.inst.cmd == "volume")
        # a VOLUME a RUN follows shapes the build (the classic builder makes its folder and drops what a RUN writes
        # there): the builder keeps it where it stands
        last_run = max((i for i, g in enumerate(groups) if g.inst.cmd == "run"), default=-1)
        self.shaping_volumes = frozenset(g.inst.start_line for g in groups[:last_run] if g.inst.cmd == "volume")
        try:
            self._dapper_first(groups)
            self._command_first()
            for group in groups:
                handler = self.handlers.get(group.inst.cmd, self._unknown)
                handler(group)
        except _Stop as stop:
            return self._first_cause(self.deferred or stop.skip)
        s = self.s
        self._builder_downloads()
        self._removed_copies()
        self._context_removals()
        # /tmp is no place for the runtime, unless the image's command runs from there (`./target/release/app`
        # in WORKDIR /tmp)
        named = {posixpath.normpath(posixpath.join(s.workdir, w)) for run in self.runs for w in run
                 if w and "/" in w and "$" not in w}
        # a source tree fetched there whose folder the image works in (`git clone URL /tmp/tool`, `WORKDIR
        # /tmp/tool`, `CMD ["python3", "tool.py"]`) is the app's
        artifacts = tuple(a for a in s.artifacts if not _scratch(a.path) or any(inside(n, a.path) for n in named)
                          or (a.fetched and self.runs and inside(s.workdir, a.path)) or a.for_runtime)
        artifacts = tuple(a for a in artifacts if not self._unpacked_download(a))
        installed = [a.path for a in artifacts if self._installed_sources(a, named)]
        artifacts = tuple(a for a in artifacts if not any(inside(a.path, f) for f in installed))
        beside = _env_beside_build(s.decisions, artifacts, tuple(s.env), self.escape, s.from_context)
        if beside is not None:
            return self.deferred or beside
        s.decisions = _opaque_setup_moved(s.decisions, s.last_build)
        return Walked(tuple(s.decisions), tuple(s.package_ops), artifacts, s.first_build, s.last_build,
                      tuple(s.builder_env), s.has_tests, s.has_cmd, tuple(s.notes), tuple(s.environments.values()),
                      tuple(dict.fromkeys(s.caches)), _workspace(dict(s.env)), tuple(s.from_context),
                      cache_mb=s.cache_mb, deferred=self.deferred and self._first_cause(self.deferred))

    def _installed_sources(self, artifact: Artifact, named: set[str]) -> bool:
        """Sources the file fetched into a folder of their own (``git clone``, an archive unpacked in /) and built,
        whose ``make install`` the builder staged: the runtime gets what the install installed, not the build tree
        (FFmpeg's objects and static libraries, and the build's other outputs there). Kept when the image's command
        names a path in them, or a variable (PATH) does."""
        if not artifact.fetched or not any(inside(f, artifact.path) for f in self.s.installed_from) \
                or inside(self.s.workdir, artifact.path):  # the command's own folder (relative paths read there)
            return False
        values = [part for _, v in self.s.env for part in v.split(":")]
        return not any(inside(n, artifact.path) for n in named) and not any(inside(v, artifact.path)
                                                                            for v in values if v.startswith("/"))

    # instruction kinds ------------------------------------------------------
    def _add(self, group: Group, where: Where, role: Role | None = None, claims: tuple[Claim, ...] = (),
             run: RunFacts | None = None) -> None:
        s = self.s
        commands = run.commands if run is not None else ()
        inst = group.inst
        dest = expand(inst.value[-1], tuple(s.env), self.escape) if inst.cmd in ("copy", "add") and inst.value \
            else None
        s.decisions.append(Decision(group, where, role, claims, commands, s.workdir, s.user, run, dest))

    def _idle_blocker(self, inst: Instruction, argvs: list[tuple[str | None, ...]]) -> str | None:
        """A CMD that does nothing (``CMD /bin/true``, ``CMD ["true"]``) and no ENTRYPOINT: as a file with no CMD,
        the image is run with its users' own commands (or is a base or data image), which may need any tool the
        build installed. One that only keeps the container up (``tail -f /dev/null``, ``sleep infinity``) makes a
        container its users run their commands in (``docker exec``): a development environment."""
        if inst.cmd != "cmd" or self.entrypoint is not None or len(argvs) != 1 or not argvs[0]:
            return None
        words = (posixpath.basename(argvs[0][0] or ""), *argvs[0][1:])
        if words in (("true",), (":",)):
            return ("a command that does nothing: the image is run with its users' own commands (or is a base or "
                    "data image), which may need any tool the build installed")
        if words in _KEEP_ALIVE or _follows_no_log(words):
            return ("a command that only keeps the container running: its users run their own commands in it "
                    "(docker exec), which may need any tool the build installed (a development environment)")
        return None

    @staticmethod
    def _dapper_first(groups: list[Group]) -> None:
        """An ENV that sets a variable of Rancher's Dapper makes the image a build environment, whatever its steps:
        checked before the walk, so that the reason names it, not a step before it the tool cannot place (skip41
        2f425961: `bats/install.sh` at line 23, DAPPER_SOURCE at line 27)."""
        for inst in (g.inst for g in groups if g.inst.cmd == "env"):
            dapper = next((k for k, _ in env_pairs(inst) if k in _DAPPER), None)
            if dapper is not None:
                raise _Stop(Skip(f"ENV at line {inst.start_line} sets {dapper}: the image is a build environment "
                                 "for Dapper, which runs the project's build scripts in it with the tools the file "
                                 "installs", inst.start_line))

    def _command_first(self) -> None:
        """The image's last CMD and ENTRYPOINT checked before the walk: a command that makes the image a
        development environment (an interactive shell, a notebook server, an SSH server, a keep-alive) is the
        real cause, which the reason names, not the first build step before it the tool cannot place. Only what
        holds whatever the build did (not a subcommand a repeated install keeps, nor a build script the file
        built)."""
        commands = (self.entrypoint, None if self.cmd_is_arguments else self.cmd)
        lines = [(inst, self._with_cmd(inst)) for inst in commands if inst is not None]
        found = [(inst, why) for inst, argvs in lines
                 if (why := self._idle_blocker(inst, argvs) or self._ssh_blocker(argvs) or _named_blocker(argvs)
                     or _login_shell(argvs))] \
            or [(inst, why) for inst, argvs in lines if (why := self._notebook_blocker(argvs))]
        self.builds_by_name = next(((Skip(f"{inst.keyword.upper()} at line {inst.start_line}: {built[0]}",
                                          inst.start_line), built[1])
                                    for inst, argvs in lines if (built := _build_by_name(argvs))), None)
        if found:
            inst, blocker = found[0]
            raise _Stop(Skip(f"{inst.keyword.upper()} at line {inst.start_line}: {blocker}", inst.start_line))

    def _first_cause(self, skip: Skip) -> Skip:
        """``skip``, or the image's command that builds at run time by its program's name where the skip is of a step
        before it whose reason does not name that program (skip1 W1: a bower install or SDKMAN's installer named
        for a `CMD ["make", "run"]` or `CMD ["./gradlew"]`; a reason that says the program runs cargo stays)."""
        found = self.builds_by_name
        if found is None or not 0 < skip.line < found[0].line or re.search(
                rf"(?<![\w.-]){re.escape(posixpath.basename(found[1]))}(?![\w-])", skip.reason):
            return skip
        return found[0]

    def _notebook_blocker(self, argvs: list[tuple[str | None, ...]]) -> str | None:
        """An image that installs or configures Jupyter, whose command starts programs the tool cannot see (a
        process manager's, a shell script's) or none (`cd ~`): a notebook image, whose users install packages and
        build at run time (dev 24fe9c5e: `pip3 install jupyter`, ENTRYPOINT /entrypoint.sh; 6c6ec0b1: the
        notebook's config, supervisord)."""
        if self.jupyter is None:
            return None
        names = [posixpath.basename(argv[0] or "") if argv else "" for argv in argvs]
        for argv, name in zip(argvs, names, strict=True):
            what = ("a process manager, whose programs its configuration names" if name in _PROCESS_MANAGERS else
                    "a shell script" if name.endswith(".sh") or _runs_script_file(argv) else
                    "a shell builtin, which starts no program"
                    if names and all(n in _BUILTINS for n in names) else None)
            if what is not None:
                return (f"the image sets up Jupyter (the RUN at line {self.jupyter}), and its command, `{name}`, is "
                        f"{what}: a notebook image, whose users install packages and build at run time")
        return None

    def _ssh_blocker(self, argvs: list[tuple[str | None, ...]]) -> str | None:
        """A process manager as the command (supervisord, runit) in an image that exposes SSH's port: its
        programs, in a configuration the tool does not read, include an SSH server, which users log into."""
        if not self.exposes_ssh:
            return None
        for argv in argvs:
            if argv and posixpath.basename(argv[0] or "") in _PROCESS_MANAGERS:
                return (f"{posixpath.basename(argv[0] or '')} starts the programs of its configuration, and the image "
                        "exposes SSH's port (22): an SSH server among them, whose users log in and run their own "
                        "commands, which may need any tool the build installed (a remote development or build "
                        "machine)")
        return None

    def _metadata(self, group: Group) -> None:
        inst = group.inst
        if inst.cmd == "cmd" and self.cmd_is_arguments:
            self.s.has_cmd = True
        elif inst.cmd in ("cmd", "entrypoint"):
            self.s.has_cmd = True
            argvs = self._with_cmd(inst)
            blocker = (self._idle_blocker(inst, argvs) or self._ssh_blocker(argvs)
                       or runtime_blocker(argvs, self._built(), frozenset(self.s.runtime_commands),
                                          whole=inst.cmd == "cmd")
                       or self._written_blocker(argvs)
                       or self._context_blocker(argvs) or self._build_path_blocker(argvs))
            if blocker:
                raise _Stop(Skip(f"{inst.keyword.upper()} at line {inst.start_line}: {blocker}", inst.start_line))
        self._add(group, Where.BOTH if self._shapes_the_build(inst) else Where.RUNTIME)

    def _shapes_the_build(self, inst: Instruction) -> bool:
        """Whether the builder keeps a VOLUME where it stands: a RUN follows it (the classic builder makes its folder,
        and drops what a RUN writes there), and it holds none of the folders the builder's own added steps write
        after it (the staging folder of a tracked install, the list of run-time packages), which it would drop."""
        return inst.start_line in self.shaping_volumes and not any(
            inside(ours, v) for v in self._volume_paths(inst) for ours in _BUILDER_FOLDERS)

    def _with_cmd(self, inst: Instruction) -> list[tuple[str | None, ...]]:
        """The command lines an instruction runs; a bare shell ENTRYPOINT (``["/bin/sh"]``) runs with the stage's
        exec-form CMD as its arguments (``CMD ["./start.sh"]``): a script, not an interactive shell."""
        argvs = [unwrapped_line(argv) for argv in argv_of(inst)]  # gosu app go run .: go run
        cmd = argv_of(self.cmd) if inst.cmd == "entrypoint" and self.cmd is not None and self.cmd.json else []
        if len(argvs) != 1 or len(argvs[0]) != 1 or argvs[0][0] is None or not is_shell(posixpath.basename(
                argvs[0][0])) or len(cmd) != 1 or not cmd[0] or (cmd[0][0] or "-").startswith("-"):
            return argvs
        return [argvs[0] + cmd[0]]

    def _built(self) -> frozenset[str]:
        """The programs the file's builds made so far, by their path and by their path in the WORKDIR's terms
        (``go build -o /build``): a command running one runs the app, whatever its name."""
        s = self.s
        paths = {a.target for a in s.artifacts if not a.whole_dir}
        return frozenset(paths | {"./" + posixpath.relpath(p, s.workdir) for p in paths if inside(p, s.workdir)})

    def _build_path_blocker(self, argvs: list[tuple[str | None, ...]]) -> str | None:
        """Why a command the CMD finds on PATH is a build script: the file puts a folder of build scripts on PATH
        (``ENV PATH ${HOLOGRAM_DIR}/buildscripts:$PATH``, then ``ENTRYPOINT ["start.sh"]``)."""
        folders = [f for f in dict(self.s.env).get("PATH", "").split(":")
                   if _BUILD_FOLDER.match(posixpath.basename(f.rstrip("/")))]
        for argv in argvs:
            if folders and argv and argv[0] is not None and "/" not in argv[0] and not is_shell(argv[0]):
                return (f"the command runs {argv[0]} from PATH, where the file puts {folders[0]}, a folder of build "
                        "scripts by its name: the image builds at run time, and may need every build tool the file "
                        "installs")
        return None

    def _written_blocker(self, argvs: list[tuple[str | None, ...]]) -> str | None:
        """Why a script the file writes with echo/printf, which the CMD runs, needs the build tools at run time."""
        for argv in argvs:
            words = argv[1:2] if argv and argv[0] is not None and is_shell(posixpath.basename(argv[0])) else argv[:1]
            for word in [w for w in words if w is not None]:  # argv_of gives base names: /init.sh is init.sh
                for path, texts in self.s.written.items():
                    if path != posixpath.join(self.s.workdir, word) and posixpath.basename(path) != word:
                        continue
                    why = runtime_blocker([_argv(c) for t in texts for c in parse_shell(t).commands],
                                          kept=frozenset(self.s.runtime_commands))
                    if why:
                        return f"{why} (in {path}, which the file writes)"
        return None

    def _context_blocker(self, argvs: list[tuple[str | None, ...]]) -> str | None:
        """Why a shell script of the build context that the CMD runs (``./entrypoint.sh``, ``sh start.sh``) needs
        the build tools at run time (``dotnet ef database update`` before the app)."""
        for argv in argvs:
            if not argv or argv[0] is None:
                continue
            shell = is_shell(posixpath.basename(argv[0]))
            word = (argv[1] if len(argv) > 1 and not (argv[1] or "-").startswith("-") else None) if shell \
                else argv[0] if "/" in argv[0] else None
            if word is None or "$" in word:
                continue
            path = posixpath.normpath(posixpath.join(self.s.workdir, word))
            text = self._context_script(path) if path not in self._built() else None  # (one a build made there)
            if text is None or not _shell_script(text):
                continue
            why = runtime_blocker([_argv(c) for c in parse_shell(text).commands],
                                  kept=frozenset(self.s.runtime_commands))
            if why:
                return f"{why} (in {path}, from the build context)"
        return None

    def _carried(self, group: Group) -> None:
        inst, s = group.inst, self.s
        if inst.cmd in ("workdir", "user") and not inst.value:
            raise _Stop(Skip(f"{inst.keyword.upper()} at line {inst.start_line} names nothing (the build stops "
                             "there)", inst.start_line))
        if inst.cmd == "workdir" and inst.value:
            self.workdir_known = self.workdir_known or inst.value[0].startswith("/")
            s.workdir = clean(posixpath.join(s.workdir, expand(inst.value[0], tuple(s.env), self.escape)))
        elif inst.cmd == "user" and inst.value:
            s.user = expand(inst.value[0], tuple(s.env), self.escape)
        elif inst.cmd in ("env", "arg"):
            s.env += [(k, expand(v, tuple(s.env), self.escape)) for k, v in env_pairs(inst)]
        elif inst.cmd == "shell" and inst.value:
            s.shell = (re.split(r"[/\\]", inst.value[0])[-1].lower(), inst.start_line)
        self._add(group, Where.BOTH)

    def _copy(self, group: Group) -> None:
        source = group.inst.flag("from") or ""
        repo = ImageRef.parse(source).repo
        if repo in data("commands.json")["build_tool_images"]:
            self._add(group, Where.BUILDER)  # COPY --from=composer:2 /usr/bin/composer: a build tool
            return
        # COPY --from=ghcr.io/astral-sh/uv /uv /uvx /bin/: repeated in the runtime, whose command may run uv (`uv run`)
        self.s.runtime_commands.update(data("commands.json")["command_images"].get(repo, ()) if source else ())
        fetched = self._added_url(group.inst)
        if fetched is not None:
            self.s.fetched.append(fetched)
            installer = known_installer(fetched[1])
            if installer is not None and not installer.setup:  # ADD URL /cmake-installer.sh: a build tool's
                self._add(group, Where.BUILDER)
                return
            self.s.added.append((len(self.s.decisions), fetched[0]))
        self._from_context(group.inst)
        self._add(group, Where.BOTH)

    def _from_context(self, inst: Instruction) -> None:
        """Notes what a COPY or ADD takes from the build context (not from a stage or an image, a URL, an archive
        ADD unpacks, or a heredoc), for the scripts a RUN runs (:meth:`_context_script`)."""
        if inst.flag("from") or inst.heredocs or len(inst.value) < 2:
            return
        words = [expand(v, tuple(self.s.env), self.escape) for v in inst.value]
        if any("$" in w or "://" in w for w in words) or \
                (inst.cmd == "add" and any(ADD_UNPACKS.search(w) for w in words[:-1])):
            return
        *sources, dest = words
        full = posixpath.normpath(posixpath.join(self.s.workdir, dest))
        self.s.from_context.append((tuple(sources), full, dest.endswith("/") or len(sources) > 1))

    def _context_script(self, path: str) -> str | None:
        """The text of the file at ``path`` in the image, when the last COPY or ADD that put a file there took it
        from the build context (and no step downloaded one there since); None when not known."""
        if any(where == path for where, _ in self.s.fetched):
            return None
        for sources, dest, folder in reversed(self.s.from_context):
            for source in reversed(sources):
                rel = self._context_path(source, dest, folder, path)
                text = self.read_context(rel) if rel is not None else None
                if text is not None:
                    return text
        return None

    def _context_path(self, source: str, dest: str, folder: bool, path: str) -> str | None:
        """The path in the build context of the file a COPY of ``source`` to ``dest`` puts at ``path``; None when
        it puts none there (or a pattern names its sources)."""
        src = posixpath.normpath(source.lstrip("/")).removeprefix("./")
        if any(c in src for c in "*?["):
            return None
        under = posixpath.relpath(path, dest) if path.startswith(dest.rstrip("/") + "/") else None
        if src in ("", ".") or self.read_context(src + "/") is not None:  # a folder: its files go into dest
            return None if under is None else posixpath.normpath(posixpath.join(src, under)).removeprefix("./")
        named = path == posixpath.join(dest, posixpath.basename(src)) or (path == dest and not folder)
        return src if named else None

    def _builder_downloads(self) -> None:
        """An archive ``ADD URL /tmp/`` downloads that only RUNs the builder keeps read (``tar xzf
        /tmp/apache-maven-3.3.3-bin.tar.gz``, a staged unpack) is the builder's alone: the runtime gets what
        they made, not the download again. So is one outside the scratch folders that such a RUN removes too
        (``ADD URL /x/redigo.zip``, then ``unzip /x/redigo.zip -d /x && ... && rm -rf /x``): the original's image
        has it no more."""
        decisions = self.s.decisions
        for index, path in self.s.added:
            name = posixpath.basename(path)
            readers = [d for d in decisions[index + 1:] if name in self._text(d)
                       or _names_by_pattern(d.group.inst.original, path)]
            if readers and all(d.where is Where.BUILDER and d.group.inst.cmd == "run" for d in readers) \
                    and (_scratch(path) or any(_removes(d, path) for d in readers)):
                decisions[index] = dataclasses.replace(decisions[index], where=Where.BUILDER)

    def _text(self, d: Decision) -> str:
        """A step's text with the file's variables' values (``tar xzf /tmp/apache-maven-$MAVEN_VERSION-bin.tar.gz``
        names the download ``ADD`` put at /tmp/apache-maven-3.2.2-bin.tar.gz)."""
        return expand(d.group.inst.original, tuple(self.s.env), self.escape)

    def _unpacked_download(self, artifact: Artifact) -> bool:
        """An archive the build downloaded and unpacks (``curl -o go1.6.2.tar.gz ... && tar -C /usr/local -xzf
        go1.6.2.tar.gz``) that only RUNs the builder keeps name: the runtime gets what the unpack made, if anything,
        not the archive again (the CMD, an ENV or a step the runtime repeats naming it keeps it)."""
        name = posixpath.basename(artifact.path)
        if artifact.whole_dir or not _ARCHIVE_FILE.search(name):
            return False
        readers = [d for d in self.s.decisions if name in d.group.inst.original]
        return bool(readers) and all(d.where is Where.BUILDER and d.group.inst.cmd == "run" for d in readers) and any(
            _extracts(c) and name in {posixpath.basename(a or "") for a in c.args} for d in readers for c in d.commands)

    def _removed_copies(self) -> None:
        """A COPY from the build context into a folder a later RUN of the builder's alone deletes (``COPY .
        /znc-src`` ... ``cmake`` ... ``rm -rf /znc-src``) is the builder's alone: the image the file makes has none
        of it. Only when no step the runtime repeats between them names or works in that folder."""
        decisions = self.s.decisions
        for index, d in enumerate(decisions):
            dest = _context_copy_dest(d, self.s.env, self.escape, add=True)
            if dest is None:
                continue
            for later in decisions[index + 1:]:
                if later.where is not Where.BUILDER and self._reaches(later, dest):
                    break
                if later.where is Where.BUILDER and later.group.inst.cmd == "run" and _deletes(later, dest, self.s.env):
                    if not self._parent_used(decisions[index + 1:], later, dest):
                        decisions[index] = dataclasses.replace(d, where=Where.BUILDER)
                    else:
                        at = decisions.index(later)
                        decisions[at] = _deletion_repeated(later, dest)
                    break
                if later.where is Where.BUILDER and later.group.inst.cmd == "run" and _empties(later, dest, self.s.env):
                    # `ADD . /tmp` ... `rm -rf /tmp/*`: the folder stays with the files the pattern leaves (dotfiles)
                    at = decisions.index(later)
                    decisions[at] = _deletion_repeated(later, dest)
                    break

    def _context_removals(self) -> None:
        """``COPY . /app`` ... ``pip install -r requirements.txt && rm -rf .git tests``: files of the build context
        a RUN deletes with ``rm -f``, read as the build's cleanup of its working folder, are files the runtime
        gets again from the context COPY it repeats: it repeats the deletion too (the original has neither the
        repository's history nor a settings file deleted so that the defaults apply). Not what a build step made
        there (a build output, or a folder holding one) that the runtime copies. So too the folder that holds a
        context COPY or ADD (``ADD . /go/src/x`` ... ``rm -Rf /go`` after the build, in a RUN the runtime repeats a
        part of: the sources stayed), and a folder a build step after the rm fills again (``rm -rf /opt && mkdir -p
        /opt`` before ``ADD . /opt`` and ``pip install -e .``; ``rm -rf node_modules && npm install``): the runtime
        copies the builder's into its own, and a copy adds to what is there (the image's files, the context's)."""
        decisions = self.s.decisions
        made = _made_around(decisions)
        copies: list[tuple[Decision, str]] = []  # the COPYs and ADDs of context files, with the folder each fills
        for index, d in enumerate(decisions):
            dest = _context_copy_dest(d, self.s.env, self.escape, root=True, add=True)
            if dest is not None:
                copies.append((d, dest))
                continue
            if d.group.inst.cmd != "run":
                continue
            claims = list(d.claims)
            for k, (cmd, cl) in enumerate(zip(d.commands, d.claims, strict=True)):
                roots = _find_deletes(cmd, d.workdir)
                if roots and cl.role is Role.NEUTRAL and all(
                        any(inside(r, dest) and (dest != "/" or r != "/") for _, dest in copies) for r in roots) \
                        and not any(inside(r, a.path) or inside(a.path, r) for r in roots for a in self.s.artifacts):
                    # `find . -name '*.pyc' -delete` in the folder a context COPY or ADD filled: the runtime, which
                    # copies the same files, deletes them too (dev file 443f1b42)
                    claims[k] = _rm_repeated(cl, roots, "`find` deletes files of the build context, which the "
                                             "runtime copies too", any(not r.startswith("/") for r in _find_roots(cmd)))
                    continue
                words = positional(cmd.args)
                if cmd.name != "rm" or cl.role is not Role.NEUTRAL or not cl.removes or len(cl.removes) != len(words) \
                        or not (forces(cmd.args) or self._context_holds(cl.removes)) \
                        or any(a is not None and any(ch in a for ch in "*?[") for a in cmd.args) \
                        or any(ch in r for r in cl.removes for ch in "$*?[") \
                        or any(_cleanup(r, made[(index, k)], self.s.artifacts) for r in cl.removes):
                    continue
                literal = all(a is not None and "$" not in a for a in cmd.args)
                # (`rm -rf $workdir`: a word of the stage's ARG or ENV, which the runtime has too)
                known = literal or all(v in dict(self.s.env) for v in re.findall(
                    r"\$\{?(\w+)", " ".join(x.text for x in cmd.argv)))
                relative = any(not (w or "").startswith("/") for w in words)
                # into /, only a file or folder right under it (`COPY . .` in / + `rm -f .npmrc`): not the system's;
                # or the folder that holds the copy (`ADD . /go/src/x` ... `rm -Rf /go`, in a RUN the runtime
                # repeats a part of, 5c13fb58)
                if literal and copies and all(any(
                        inside(r, dest) and r != dest and (dest != "/" or posixpath.dirname(r) == "/")
                        and _may_bring(c, dest, r, self.read_context) for c, dest in copies)
                        or any(inside(dest, r) and dest != "/" for _, dest in copies) for r in cl.removes):
                    claims[k] = _rm_repeated(cl, cl.removes, "`rm` deletes files of the build context, which the "
                                             "runtime copies too", relative, add_force=not forces(cmd.args))
                elif known and index <= self.s.last_build and all(any(inside(p, r) for p in made[(index, k)][1])
                                                        for r in cl.removes) \
                        and not all(self._made_by_file(r, copies) for r in cl.removes):
                    # `rm -rf /opt && mkdir -p /opt` before the build fills /opt (3653b1db): what the image had there
                    claims[k] = _rm_repeated(cl, cl.removes, "`rm` deletes a folder of the image a build step fills "
                                             "again: the runtime deletes its own before it copies the builder's, "
                                             "as a copy adds to what is there", relative,
                                             add_force=not forces(cmd.args))
            if claims != list(d.claims):
                decisions[index] = dataclasses.replace(d, claims=tuple(claims))

    def _made_by_file(self, path: str, copies: Sequence[tuple[Decision, str]]) -> bool:
        """Whether ``path`` lies in a working folder the file made on a known image, where the context COPYs before
        put only other files (``WORKDIR /app``, ``COPY package*.json ./``, ``rm -rf node_modules && npm install``):
        the runtime, which makes that folder anew, has nothing there to delete."""
        return self.base_workdir is not None and any(
            inside(path, dest) and dest != self.base_workdir and dest == d.workdir for d, dest in copies) \
            and not any(inside(path, dest) and _may_bring(d, dest, path, self.read_context) for d, dest in copies)

    def _context_holds(self, paths: Sequence[str]) -> bool:
        """Whether the build context holds each of ``paths`` where a COPY before took it from (``COPY . /app`` +
        ``rm ./conf/local.py``: conf/local.py): an `rm` without -f of them cannot fail in the runtime, which copies
        them too (without -f, a file a build step made instead would stop it)."""
        read = self.read_context
        if self.kind in COMPILED:
            return False  # the runtime does not copy a compiled program's sources again: no file to delete there
        for path in paths:
            where = context_location(self.s.from_context, path, read)
            if where is None or (read(where) is None and read(where.rstrip("/") + "/") is None):
                return False
        return bool(paths)

    @staticmethod
    def _parent_used(later: Sequence[Decision], deleting: Decision, dest: str) -> bool:
        """Whether setup after the COPY works in the folder above the one the RUN deletes, which the COPY made
        and the deletion leaves (``COPY backend /data/go/src/x`` ... ``rm -r /data/go && mkdir /data/certs``: without
        the COPY, the runtime has no /data for mkdir)."""
        gone = [r for c in deleting.claims for r in c.removes if inside(dest, r)]
        parents = {posixpath.dirname(r) for r in gone} - {"/"}
        return any(inside(p, parent) and not any(inside(p, r) for r in gone) for d in later for c in d.claims
                   if c.role is Role.SETUP for p in c.paths for parent in parents)

    def _reaches(self, d: Decision, folder: str) -> bool:
        """Whether a step names ``folder`` (as written or with the file's variables), works in it or sets up a path
        inside it."""
        text = d.group.inst.original
        return folder in text or folder in expand(text, tuple(self.s.env), self.escape) \
            or inside(d.workdir, folder) or any(inside(p, folder) for c in d.claims for p in c.paths)

    def _added_url(self, inst: Instruction) -> tuple[str, str] | None:
        """(where, URL) of the file ``ADD URL DEST`` downloads (one URL, into a folder when DEST ends with ``/``)."""
        words = [expand(v, tuple(self.s.env), self.escape) for v in inst.value]
        if inst.cmd != "add" or len(words) != 2 or not re.match(r"^https?://", words[0]) or "$" in "".join(words):
            return None
        dest = posixpath.join(self.s.workdir, words[1])
        if words[1].endswith("/"):
            name = re.sub(r"[?#].*$", "", words[0]).rstrip("/").rsplit("/", 1)[-1]
            dest = posixpath.join(dest, name)
        return posixpath.normpath(dest), words[0]

    def _onbuild(self, group: Group) -> None:
        inst = group.inst
        raise _Stop(Skip("ONBUILD: the image is a base for other builds, which may need its tools", inst.start_line))

    def _unknown(self, group: Group) -> None:
        inst = group.inst
        raise _Stop(Skip(f"line {inst.start_line}: unknown instruction {inst.keyword}", inst.start_line))

    def _run(self, group: Group) -> None:
        inst, s = group.inst, self.s
        if s.shell is not None and not inst.json and not is_shell(s.shell[0]):
            raise _Stop(Skip(f"RUN at line {inst.start_line}: the SHELL at line {s.shell[1]} runs it with "
                             f"{s.shell[0]}, whose scripts the tool does not read (it reads POSIX shells' scripts)",
                             inst.start_line))
        facts = read_run(inst, tuple(s.env), workdir=s.workdir, scripts=self._context_script)
        if not facts.readable:
            raise _Stop(Skip(f"RUN at line {inst.start_line}: {facts.problem}", inst.start_line))
        # a variable an earlier RUN's shell set is empty here (`buildDeps=...` there, `apt-get purge $buildDeps` here)
        ended = tuple((k, "") for k in dict.fromkeys(s.shell_vars) if k not in dict(s.env))
        ctx = RunContext(self.image, self.kind, s.workdir, ended + tuple(s.env), s.user, self.read_context,
                         tuple(a.path for a in s.artifacts), run_workdir=s.workdir, runs=self.runs, writes=self.writes,
                         stage_commands=self.stage_commands,
                         installed=tuple(p for op in s.package_ops if op.action == "install" for p in op.packages),
                         removed=tuple(r for d in s.decisions for c in d.claims for r in c.removes),
                         makefiles=tuple(s.makefiles), fetched=tuple(s.fetched), homes=tuple(s.homes),
                         database_files=tuple(s.database_files), copied=tuple(s.from_context),
                         repositories=_repositories(s.decisions), volumes=self._volumes(),
                         workdir_known=self.workdir_known or s.workdir != "/",
                         installed_apart=any(c.staged is not None and not c.staged.unpacked
                                             for d in s.decisions for c in d.claims))
        claims = self._claims(inst, facts, ctx)
        self._note_written(facts.commands)
        s.decisions = _drop_removed_setup(s.decisions, _removed_whole(facts.commands, claims, ctx.env),
                                          tuple(zip(facts.commands, claims, strict=True)))
        index = len(s.decisions)
        s.package_ops += [dataclasses.replace(c.packages, layer=index) for c in claims if c.packages]
        left = _caches_left(claims)
        s.caches += [c.leaves_cache for c in left if c.leaves_cache]
        s.cache_mb += sum(c.cache_mb for c in left)
        role, where = _role_of({c.role for c in claims} - {Role.NEUTRAL})
        if role is Role.BUILD:
            self._check_workdir(inst, claims)
            self._build(index, claims)
        else:  # `RUN rm -rf /build`: a build output a later step removes is not in the builder to copy
            s.artifacts = [a for a in s.artifacts if not any(inside(a.path, r) for c in claims for r in c.removes)]
            s.has_tests = s.has_tests or role is Role.TEST
        s.artifacts = [a for a in s.artifacts if not any(fnmatch(a.path, c) for c in s.consumed)]
        self._add(group, where, role, tuple(claims), facts)

    def _check_workdir(self, inst: Instruction, claims: list[Claim]) -> None:
        """A build step that leaves its outputs in the folder it runs in (`npm install`: /node_modules) on an image
        the tool does not know, before any WORKDIR of the file: that image may set a WORKDIR of its own
        (nodesource/node sets /usr/src/app), so where the outputs are is not known (dev 06e9d3aa: the runtime's
        COPY of /node_modules failed)."""
        if self.workdir_known or self.s.workdir != "/":
            return
        text = expand(inst.original, tuple(self.s.env), self.escape)
        removed = [r for c in claims for r in c.removes]  # (`dpkg -i node.deb && rm node.deb`: skip1 49bbb975)
        relative = next((a.path for c in claims if c.role is Role.BUILD for a in c.artifacts
                         if posixpath.dirname(a.path) == "/" and a.path != "/" and not _names_absolute(text, a.path)
                         and not any(inside(a.path, r) for r in removed)), None)
        if relative is not None and self.deferred is None:  # (deferred: Walked.deferred)
            self.deferred = Skip(f"RUN at line {inst.start_line}: the build leaves {relative[1:]} in the folder it "
                                 f"runs in, and {self.image.shown} is an image the tool does not know, whose own "
                                 "WORKDIR (the file sets none before it) may not be /: where the outputs are is not "
                                 "known", inst.start_line)

    def _note_written(self, commands: Sequence[Command]) -> None:
        for c in commands:
            if c.name not in ("echo", "printf") or any(w.value is None for w in c.argv):
                continue
            for m in filter(None, map(_REDIRECT.match, c.redirects)):
                op, target = m.group(1).strip(), m.group(2)
                if op in (">", ">>") and "$" not in target:
                    text = " ".join(w.value or "" for w in c.argv[1:] if not (w.value or "").startswith("-"))
                    self.s.written.setdefault(posixpath.join(self.s.workdir, target), []).append(text)

    # RUN ---------------------------------------------------------------------
    def _claims(self, inst: Instruction, facts: RunFacts, ctx: RunContext) -> list[Claim]:
        """The claims of a RUN's commands, in order; raises _Stop where one cannot be placed."""
        r = _InRun(ctx, ctx)
        for k, c in enumerate(facts.commands):
            self._enter(r, k, c, facts, inst)
            claim = self._settled(r, c, self._claim(r, k, c, facts, inst), inst)
            _check_made_setup(r, c, claim, inst)
            r.claims.append(claim)
            seen = self._record(r, c, claim, inst)
            one = self._name_from_root(r, k, seen, facts)
            if c.name == "cd" and (c.depth == 0 or (c.subshell_end >= 0 and r.block is None)):
                self._cd(r, c, one)
        claims = _removed_setup(r.claims, facts.commands)
        blocked = next((c for c in claims if c.role is Role.BLOCKED), None)
        if blocked is not None:
            raise _Stop(Skip(f"RUN at line {inst.start_line}: {blocked.reason}", inst.start_line))
        return claims

    @staticmethod
    def _enter(r: _InRun, k: int, c: Command, facts: RunFacts, inst: Instruction) -> None:
        """What command ``k`` (``c``) sees: the folder a subshell it follows left, the user and settings of the su
        shell it runs in (or outside it), the pipe it reads."""
        while r.subshells and c.start >= r.subshells[-1][0]:  # a subshell's `cd` ends with it
            r.ctx = dataclasses.replace(r.ctx, workdir=r.subshells.pop()[1])
        here = facts.switched[k] if facts.switched else None
        if here != r.block:  # a su's shell starts or ends: its `cd` and shell settings stay in it
            if r.block is not None:
                r.ctx = dataclasses.replace(r.ctx, user=r.outside.user, workdir=r.outside.workdir,
                                            env=r.outside.env + tuple(r.kept))
            r.outside, r.kept = r.ctx, []
            if here is not None:
                r.ctx = dataclasses.replace(r.ctx, user=here[1],
                                            env=r.ctx.env + tuple(_switched_env(inst, here[1], r.ctx)))
            r.block = here
        previous = r.previous
        piped = previous if previous is not None and previous.connector == "|" else None
        after = previous.connector if previous is not None else None
        head = (r.ctx.pipe_head, r.ctx.pipe_after) if piped is not None else (c, after)
        r.ctx = dataclasses.replace(r.ctx, piped_from=unwrapped(resolved(piped, dict(r.ctx.env))) if piped else None,
                                    after=after, pipe_head=head[0], pipe_after=head[1])
        r.previous = c

    def _claim(self, r: _InRun, k: int, c: Command, facts: RunFacts, inst: Instruction) -> Claim:
        """The passes' claim of ``c``; raises _Stop for a command no pass places, or one whose folder or packages
        are not known."""
        ctx = r.ctx
        claim = claim_command(c, ctx, self.passes)
        if claim is None and _linked(c, self.s.links) is not c:  # `ckan-pip install`: the venv's pip it links to
            claim = claim_command(_linked(c, self.s.links), ctx, self.passes)
        if claim is not None and r.block is not None and r.block[1] not in ("root", "0"):  # files the user owns
            claim = dataclasses.replace(claim, artifacts=tuple(dataclasses.replace(a, owner=r.block[1])
                                                               for a in claim.artifacts))
        elif claim is not None and r.block is None and ctx.user in (None, "", "root", "0"):
            # made by root before a USER: the runtime's copy, which may come after that USER, keeps root's files
            # (`curl -o /usr/local/bin/jq` before `USER node`: not node's to overwrite)
            claim = dataclasses.replace(claim, artifacts=tuple(a if a.owner else dataclasses.replace(a, owner="root")
                                                               for a in claim.artifacts))
        if claim is not None and not c.argv and facts.commands == facts.script.commands:
            claim = dataclasses.replace(claim, sets_env=claim.sets_env + _temporary_folders(c, facts.script.text))
        if claim is None or claim.role is Role.BLOCKED:
            why = _not_understood(c, r.made) if claim is None else claim.reason
            script = facts.script_of(k)
            where = f" (a command of the script `{script}` runs, read from the build context)" if script else ""
            raise _Stop(Skip(f"RUN at line {inst.start_line}: {why}{where}", inst.start_line))
        if any(a.path.startswith("?") for a in claim.artifacts) or any(p.startswith("?") for p in claim.paths):
            raise _Stop(Skip(f"RUN at line {inst.start_line}: `{c.name}` runs after a `cd` to a folder the "
                             "tool cannot know, so where it writes is not known", inst.start_line))
        if claim.packages is not None and claim.packages.unknown:
            raise _Stop(Skip(f"RUN at line {inst.start_line}: " + _unknown_packages(claim.packages.unknown,
                                                                                     r.made), inst.start_line))
        r.made |= {k for k, v in c.assignments if v is None}
        if c.name == "export":
            r.made |= {a.split("=", 1)[0] for a in (w.text for w in c.argv[1:]) if "=" in a}
        return _run_where_it_ran(claim, c)

    def _settled(self, r: _InRun, c: Command, claim: Claim, inst: Instruction) -> Claim:
        """``claim`` as the files earlier steps unpacked or staged make it (a change to a staged unpack is mirrored
        into the builder's copy, or stops the walk), with the stage's record of them updated."""
        s = self.s
        changed = _changes_unpacked(unwrapped(resolved(c, dict(r.ctx.env))), r.ctx, s.unpacked)
        if changed is not None:
            mirrored = _mirrored(claim, c, resolved(c, dict(r.ctx.env)), r.ctx, s.unpacked) if r.block is None \
                else None
            if mirrored is None:
                raise _Stop(Skip(f"RUN at line {inst.start_line}: {changed}", inst.start_line))
            claim = mirrored
        if claim.staged is not None and claim.staged.unpacked:
            s.unpacked.append((claim.staged.unpacked, claim.staged.archive, inst.start_line, claim.staged.what))
        elif claim.staged is not None:
            r.ctx = dataclasses.replace(r.ctx, installed_apart=True)
            s.installed_from.append(r.ctx.workdir)
        s.installed_from += claim.installed_sources
        stash = next((p for p in claim.removes if inside(PACKAGE_FILES, p)), None) if s.package_files else None
        if stash is not None:
            raise _Stop(Skip(f"RUN at line {inst.start_line}: `{c.name}` removes {stash}, where the builder keeps "
                             "the package files the stage installs for the runtime, which installs them too",
                             inst.start_line))
        if c.name == "rm":  # `rm -rf kubernetes-tools*`: the build outputs its patterns match go too
            claim = _glob_removed(claim, resolved(c, dict(r.ctx.env)), r.ctx)
        r.ctx = dataclasses.replace(r.ctx, gone=_gone(r.ctx.gone, unwrapped(resolved(c, dict(r.ctx.env))), r.ctx))
        return claim

    def _record(self, r: _InRun, c: Command, claim: Claim, inst: Instruction) -> Command:
        """What ``claim`` tells the commands after it (and the stage): settings, links, database files, users,
        Makefiles, servers, downloads and outputs. Returns ``c`` with the variables it sees resolved."""
        s = self.s
        if claim.role is Role.SETUP:
            s.runtime_commands.update(claim.runtime_commands)
        if claim.packages is not None and claim.packages.files:
            self._package_files(claim.packages, r.ctx, inst)
        if claim.upgrades_installer and s.installer_upgrade < 0 and claim.ecosystem not in s.environments:
            s.installer_upgrade = len(s.decisions)
        if claim.packages is not None and claim.packages.action == "install":
            r.ctx = dataclasses.replace(r.ctx, installed_here=r.ctx.installed_here + tuple(claim.packages.packages))
        # NodeSource's setup before `apt-get install nodejs && npm install -g ...` in the same RUN
        repository = _repository(inst.start_line, c, claim)
        if repository is not None:
            r.ctx = dataclasses.replace(r.ctx, repositories=(*r.ctx.repositories, repository))
        if claim.environment is not None:
            added = self._set_up(claim.ecosystem, claim.environment, claim.reason, inst)
            r.kept += added
            r.ctx = dataclasses.replace(r.ctx, env=r.ctx.env + tuple(added))
        if claim.sets_env:  # `poetry config virtualenvs.create false`: seen by the commands after it
            if claim.housekeeping is not Housekeeping.SHELL:
                s.env += claim.sets_env
                r.kept += claim.sets_env
            elif r.block is None:  # a shell variable ends with its RUN (one of su's shell, with that shell)
                s.shell_vars += [k for k, _ in claim.sets_env]
            r.ctx = dataclasses.replace(r.ctx, env=r.ctx.env + claim.sets_env)
        if claim.run_env:  # `. /venv/bin/activate`: seen by the commands after it in this RUN (or su's shell)
            r.ctx = dataclasses.replace(r.ctx, env=r.ctx.env + claim.run_env)
        seen = resolved(c, dict(r.ctx.env))  # the stage's ENV does not change below: one reading serves all
        s.links.update(_links_made(unwrapped(seen), r.ctx))
        self._record_names(r, seen, claim)
        return seen

    def _record_names(self, r: _InRun, seen: Command, claim: Claim) -> None:
        """The database files, users, Makefiles, servers, downloads and outputs ``seen`` (with ``claim``) makes."""
        s = self.s
        named = database_files(seen, r.ctx.workdir)
        if named:  # `rm -f db/production.sqlite3`: where the app keeps its database, for a task after it
            s.database_files += named
            r.ctx = dataclasses.replace(r.ctx, database_files=r.ctx.database_files + named)
        users = users_made(unwrapped(seen)) + package_users(claim.packages)
        if users:  # `useradd -m app`: $HOME of the commands that run as app is /home/app
            s.homes += users
            r.ctx = dataclasses.replace(r.ctx, homes=tuple(s.homes))
        if claim.makefiles is not None:  # `./configure`, `cmake ..`: a later `make install` reads it
            s.makefiles.append(claim.makefiles)
            r.ctx = dataclasses.replace(r.ctx, makefiles=tuple(s.makefiles))
        if claim.starts:  # `service mysql start`: the `mysql` clients after it talk to that server
            r.ctx = dataclasses.replace(r.ctx, servers=r.ctx.servers + (claim.starts,))
        if claim.fetched is not None:  # `curl -o setup.sh URL`: a later `bash setup.sh` runs what came from URL
            s.fetched.append(claim.fetched)
            r.ctx = dataclasses.replace(r.ctx, fetched=tuple(s.fetched))
        if claim.artifacts:
            r.ctx = dataclasses.replace(r.ctx, outputs=r.ctx.outputs + tuple(a.path for a in claim.artifacts))

    def _name_from_root(self, r: _InRun, k: int, seen: Command, facts: RunFacts) -> bool:
        """Names the folder one archive unpacked in / made by what the build does with it (moves or removes it;
        with several archives, which of them made it is not known). Returns whether exactly one is unnamed."""
        s = self.s
        claim = r.claims[-1]
        r.unnamed += sum(a.unnamed for a in claim.artifacts)  # kept as the claims come (a sum over all is quadratic)
        one = r.unnamed + sum(a.unnamed for a in s.artifacts) == 1
        moved = _moved_from_root(seen, r.ctx) if one else None
        how = "is moved"
        if moved is None and one:
            # `tar xzf radicale.tar.gz && pip3 install ./Radicale-3 && rm -r Radicale-3`: the folder it made
            earlier = [resolved(e, dict(r.ctx.env)) for e in facts.commands[:k]]
            moved, how = _removed_from_root(seen, r.ctx, earlier), "is removed"
        if moved is not None:  # `unzip web2py.zip && mv web2py-R-2.9 /home/web2py`: the folder it made
            if any(ch in moved for ch in "*?["):  # what `mv apache-tomcat* /opt/tomcat` moves is gone from /
                r.claims[-1] = dataclasses.replace(claim, removes=(*claim.removes, moved))
            r.claims = [dataclasses.replace(cl, artifacts=_named(cl.artifacts, moved, how)) for cl in r.claims]
            r.unnamed = sum(a.unnamed for cl in r.claims for a in cl.artifacts)
            s.artifacts = list(_named(tuple(s.artifacts), moved, how))
            r.ctx = dataclasses.replace(r.ctx, outputs=tuple(moved if o == "/" else o for o in r.ctx.outputs))
        return one

    def _cd(self, r: _InRun, c: Command, one: bool) -> None:
        """The commands after a `cd` run there (those of its subshell, for a `cd` right inside one); a `cd` into
        the folder of / one archive made names it."""
        if c.depth and not (r.subshells and r.subshells[-1][0] == c.subshell_end):
            r.subshells.append((c.subshell_end, r.ctx.workdir))
        folder = _cd(resolved(c, dict(r.ctx.env)), r.ctx)
        top = "/" + folder.strip("/").split("/", 1)[0]  # `cd /opencv*/cmake_binary`: the folder of / it is in
        if r.ctx.workdir == "/" and folder.startswith("/") and _names_an_archive(top) and one:
            r.claims = [dataclasses.replace(cl, artifacts=_named(cl.artifacts, top)) for cl in r.claims]
            self.s.artifacts = list(_named(tuple(self.s.artifacts), top))
            r.ctx = dataclasses.replace(r.ctx, outputs=tuple(top if o == "/" else o for o in r.ctx.outputs))
        r.ctx = dataclasses.replace(r.ctx, workdir=folder)

    def _volumes(self) -> tuple[str, ...]:
        """The folders the stage's VOLUMEs declare, read with the stage's ENV so far."""
        return tuple(v for inst in self.volumes for v in self._volume_paths(inst))

    def _volume_paths(self, inst: Instruction) -> tuple[str, ...]:
        return tuple(clean(posixpath.join("/", expand(v, tuple(self.s.env), self.escape))) for v in inst.value)

    def _set_up(self, ecosystem: str, environment: Environment, why: str, inst: Instruction) -> list[tuple[str, str]]:
        """The environment a build step installs into, set up before its decision the first time it is asked for:
        the settings it adds to the stage's ENV. One per ecosystem: a second folder for the same installer (pip's
        user base, then a virtual environment) would split what one program needs between two. Not in a folder
        a VOLUME declares: a volume mounted there at run time (`-v $PWD:/opt`) would hide what the file installs
        elsewhere."""
        s = self.s
        volume = next((v for v in self._volumes() if inside(environment.path, v)), None)
        if volume is not None:
            raise _Stop(Skip(f"RUN at line {inst.start_line}: {why}, but {environment.path} is in the folder "
                             f"{volume} that the VOLUME declares: a volume mounted there at run time would hide "
                             "what the file installs outside it", inst.start_line))
        made = s.environments.get(ecosystem)
        if made is not None and made[1] is not environment:
            raise _Stop(Skip(f"RUN at line {inst.start_line}: {why}, but the stage already installs into "
                             f"{made[1].path}, set up before it: the tool sets up one such folder per stage and "
                             "language", inst.start_line))
        if made is not None:
            return []
        # `RUN pip install --upgrade pip` before the first install: the environment is made before that upgrade, which
        # then upgrades the environment's pip, the one the installs run with (not the older one ensurepip gives it)
        at = s.installer_upgrade if s.installer_upgrade >= 0 and environment.create.startswith("python -m venv ") \
            else len(s.decisions)
        s.environments[ecosystem] = (at, environment)
        added = [(k, expand(v, tuple(s.env), self.escape)) for k, v in environment.builder_env + environment.env]
        s.env += added
        return added

    def _package_files(self, op: PackageOp, ctx: RunContext, inst: Instruction) -> None:
        """The package files an install reads: the builder keeps a copy of each by its file name, so two files of
        one name (or pattern) in two folders would give the runtime one of them twice."""
        s = self.s
        for w in op.files:
            name, path = posixpath.basename(w.names[0]), ctx.abspath(w.names[0])
            clash = next((line for other, where, line in s.package_files
                          if where != path and (fnmatch(name, other) or fnmatch(other, name))), None)
            if clash is not None:
                raise _Stop(Skip(f"RUN at line {inst.start_line}: it installs a package file named {name}, as the RUN "
                                 f"at line {clash} does one of that name from another folder: the builder keeps one "
                                 "copy of each by its name for the runtime", inst.start_line))
            s.package_files.append((name, path, inst.start_line))
            s.consumed.add(path)

    def _build(self, index: int, claims: list[Claim]) -> None:
        s = self.s
        if s.first_build < 0:
            s.first_build = index
        s.last_build = index
        for c in claims:
            s.artifacts += c.artifacts
            if c.removes:  # a build output removed afterwards (the sources once installed) is not copied
                s.artifacts = [a for a in s.artifacts if not any(inside(a.path, r) for r in c.removes)]
            s.builder_env += [e for e in c.builder_env if e not in s.builder_env]
            if c.note and c.note not in s.notes:
                s.notes.append(c.note)


# the top folders of the file system: an archive unpacked in / does not make them
_SYSTEM_TOP = frozenset({"/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/media", "/mnt", "/opt", "/proc",
                         "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var"})


def _repositories(decisions: Sequence[Decision]) -> tuple[tuple[int, tuple[str, ...] | None], ...]:
    """The package repositories the steps set up for apt (:attr:`RunContext.repositories`): a known installer's
    (NodeSource's), with its packages; ``add-apt-repository`` and a setup that writes apt's sources, with None."""
    return tuple(found for d in decisions for c, cl in zip(d.commands, d.claims, strict=True)
                 if (found := _repository(d.group.inst.start_line, c, cl)) is not None)


def _repository(line: int, c: Command, cl: Claim) -> tuple[int, tuple[str, ...] | None] | None:
    """The package repository the command ``c`` (claimed ``cl``) of the RUN at ``line`` sets up for apt, as
    :attr:`RunContext.repositories` holds it: (line, its packages, or None where not known); None: it sets up none."""
    if cl.role is not Role.SETUP:
        return None
    if cl.repository:
        return line, tuple(p for p, _ in cl.repository)
    if c.name == "add-apt-repository" or any(inside(p, "/etc/apt/sources.list") or inside(p, "/etc/apt/sources.list.d")
                                             for p in cl.paths):
        return line, None
    return None


def _switched_env(inst: Instruction, user: str, ctx: RunContext) -> list[tuple[str, str]]:
    """What su changes in the environment of the commands it runs as ``user``: HOME (the home folder the
    file gave the user), USER and LOGNAME. A user whose home the file does not show leaves the RUN alone."""
    home = ctx.user_home("root" if user == "0" else user)
    if home is None:
        raise _Stop(Skip(f"RUN at line {inst.start_line}: `su {user} -c` runs commands as {user}, whose home "
                         "folder the file does not show (a user the base image has, or one made without a "
                         "known home)", inst.start_line))
    return [("HOME", home), ("USER", user), ("LOGNAME", user)]


_MKTEMP = re.compile(r"""^([A-Za-z_][A-Za-z0-9_]*)=("?)\$\(mktemp -d\)\2$""")


def _temporary_folders(cmd: Command, script: str) -> tuple[tuple[str, str], ...]:
    """``TMP_DIR=$(mktemp -d)``: a folder mktemp makes under /tmp (the name stands for the one it picks), so
    the commands after a ``cd "$TMP_DIR"`` write scratch files."""
    m = _MKTEMP.match(script[cmd.start:cmd.end].strip())
    return ((m.group(1), "/tmp/tmp.XXXXXXXXXX"),) if m else ()


# the folders of the images' PATH, where a link names a command
_PATH_FOLDERS = frozenset({"/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"})


def _links_made(cmd: Command, ctx: RunContext) -> dict[str, str]:
    """``ln -s /usr/lib/ckan/venv/bin/pip /usr/local/bin/ckan-pip``: the command a symbolic link into a folder of
    PATH names (ckan-pip), and the program it runs (the link's target, absolute and known)."""
    if cmd.name != "ln" or cmd.depth:
        return {}
    flags = "".join(a[1:] for a in cmd.args if a is not None and re.fullmatch(r"-[a-zA-Z]+", a))
    words = [a for a in cmd.args if a is None or not a.startswith("-")]
    if "s" not in flags or len(words) != 2 or any(w is None or "$" in w for w in words):
        return {}
    target, link = str(words[0]), ctx.abspath(str(words[1]))
    if not target.startswith("/"):
        return {}
    if link in _PATH_FOLDERS:
        return {posixpath.basename(target): target}
    return {posixpath.basename(link): target} if posixpath.dirname(link) in _PATH_FOLDERS else {}


def _linked(cmd: Command, links: dict[str, str]) -> Command:
    """A command run by the name of a link the file made (``ckan-pip install``) read as the program it links to
    (``/usr/lib/ckan/venv/bin/pip install``), which it is."""
    first = cmd.argv[0] if cmd.argv else None
    if first is None or first.value is None or "/" in first.value or first.value not in links:
        return cmd
    return dataclasses.replace(cmd, argv=(dataclasses.replace(first, value=links[first.value]), *cmd.argv[1:]))


def _check_made_setup(r: _InRun, c: Command, claim: Claim, inst: Instruction) -> None:
    """A setup the runtime repeats, named with a variable the RUN set before it to a value made at build time."""
    named = sorted({a or b for t in (*(w.text for w in c.argv), *c.redirects) for a, b in _VARIABLE.findall(t)}
                   & r.made) if claim.role is Role.SETUP and c.depth == 0 else []
    known = dict(r.ctx.env)
    named = [n for n in named if known.get(n) is None]  # `export GROUP=app`: a value the file gives
    if named:
        # `export GNUPGHOME="$(mktemp -d)" && chmod 600 "$GNUPGHOME"`: the runtime would repeat the setup
        # without the value, which its own command made in the builder (`chmod 600 ""` fails there)
        shown = " ".join(w.text for w in c.argv)[:60]
        raise _Stop(Skip(f"RUN at line {inst.start_line}: `{shown}` sets up what the runtime needs, named with "
                         f"${named[0]}, which the RUN sets to a value made at build time (a command's output or "
                         "other variables): the runtime cannot repeat it with that value", inst.start_line))


def _not_understood(cmd: Command, made: set[str]) -> str:
    """Why no pass claims a command: words made at build time (what a command prints, a variable the RUN sets
    from it), or a command the tool does not know."""
    shown = " ".join(w.text for w in cmd.argv)[:60]
    printed = next((w.text for w in cmd.argv if "$(" in w.text or "`" in w.text), None)
    if printed is not None:
        return (f"`{shown}` takes its words from what a command prints at build time ({printed[:40]}), which the "
                "tool does not run: what it does is not known")
    names = {a or b for w in cmd.argv for a, b in _VARIABLE.findall(w.text)}
    named = sorted(names & made)
    if named:
        return (f"`{shown}` names its files with ${named[0]}, which the RUN sets to a value made at build time "
                "(a command's output, a loop or other variables): what it does is not known")
    return f"`{shown}` is not understood; the tool cannot tell whether the runtime needs it"


def _unknown_packages(word: str, made: set[str]) -> str:
    """Why the packages a word of a package command names are not known."""
    if "$(" in word or "`" in word:
        return f"the packages `{word}` names are what a command prints at build time, which the tool does not run"
    m = _VARIABLE.search(word)
    name = (m.group(1) or m.group(2)) if m else ""
    if name in made:
        return (f"the packages of `{word}` are not known: the RUN gives it a value the tool does not work out (made "
                "with a command, a loop or other variables)")
    return (f"the packages of `{word}` are not known: the file gives it no value (no ENV, ARG or assignment "
            "before it)")


def _names_an_archive(folder: str) -> bool:
    """Whether a `cd` from / goes into a folder an archive unpacked in / may have made (``cd redis-4.0``)."""
    return posixpath.dirname(folder) == "/" and folder not in _SYSTEM_TOP and "?" not in folder


def _extracts(cmd: Command) -> bool:
    """Whether ``cmd`` unpacks an archive (``tar -xzf``, ``tar xvf``, ``tar --extract``, ``unzip``, ``7z x``), not
    makes one."""
    if cmd.name in ("tar", "bsdtar"):
        return tar_operation(cmd.args, "x", "--extract", "--get")
    return cmd.name == "unzip" or (cmd.name in ("7z", "7za") and "x" in cmd.args[:1])


_ARCHIVE_FILE = re.compile(r"\.(tar(\.[a-z0-9]+)?|tgz|tbz2?|txz|zip)$")  # an archive file: not the folder it makes


def _removed_from_root(cmd: Command, ctx: RunContext, before: Sequence[Command]) -> str | None:
    """The folder of / a recursive ``rm`` removes that may be what an archive unpacked in / made: the one name of /
    among its words that is no output the tool knows nor an archive file, and that a command of the RUN before it
    used (``pip3 install ./Radicale-3 && rm -r radicale.tar.gz Radicale-3``); else None."""
    if cmd.name != "rm" or not any(a is not None and (re.fullmatch(r"-[a-zA-Z]*[rR][a-zA-Z]*", a) or a == "--recursive")
                                   for a in cmd.args):
        return None
    words = [a for a in cmd.args if a is None or not a.startswith("-")]
    if any(w is None or "$" in w or any(ch in w for ch in "*?[") for w in words):
        return None
    tops = [p for w in words if w is not None and (p := posixpath.normpath(ctx.abspath(w))) not in ctx.outputs
            and _names_an_archive(p) and not _scratch(p) and not _ARCHIVE_FILE.search(p)]
    if len(tops) != 1:
        return None
    top = tops[0]
    used = any(v is not None and "$" not in v and inside(posixpath.normpath(ctx.abspath(v)), top)
               for e in before if e.name not in ("rm", "cd") for v in e.args)
    return top if used else None


def _glob_removed(claim: Claim, cmd: Command, ctx: RunContext) -> Claim:
    """The claim of an ``rm`` with the build outputs its patterns (``kubernetes-tools*``) match, or hold, among
    what it removes (the claim reads a pattern as the folder its text before ``*`` names)."""
    patterns = [ctx.abspath(a) for a in cmd.args if a is not None and not a.startswith("-") and "$" not in a
                and any(ch in a for ch in "*?[")]
    matched = tuple(o for o in ctx.outputs
                    if o != "/" and o not in claim.removes and any(_matches(o, p) for p in patterns))
    return dataclasses.replace(claim, removes=claim.removes + matched) if matched else claim


def _matches(path: str, pattern: str) -> bool:
    """Whether ``path`` is, or lies in, a path the shell pattern ``pattern`` matches (one part of a path for one; a
    hidden name only for a part that starts with a dot, as the shell matches)."""
    parts, wanted = path.strip("/").split("/"), pattern.strip("/").split("/")
    return len(parts) >= len(wanted) and all(fnmatch(p, w) and (not p.startswith(".") or w.startswith("."))
                                             for p, w in zip(parts, wanted, strict=False))


def _named(artifacts: tuple[Artifact, ...], folder: str, how: str = "goes into") -> tuple[Artifact, ...]:
    """The archive unpacked in / taken as the folder the build goes into (or moves, or copies from): an
    archive holds one folder."""
    verb = {"goes into": "the build goes into", "is moved": "the build moves", "is removed": "the build uses and "
            "removes"}.get(how, "the build uses")
    return tuple(Artifact(folder, reason=f"{a.reason.split(' (', 1)[0]}; {verb} {folder}, taken "
                          "as the folder it makes", whole_dir=True, fetched=True) if a.unnamed else a
                 for a in artifacts)


_MOVERS = frozenset({"mv", "cp"})


def _moved_from_root(cmd: Command, ctx: RunContext) -> str | None:
    """The folder of / a `mv` or `cp` in / takes its sources from (``mv web2py-R-2.9 /home/web2py``,
    ``mv docker/* /usr/local/bin``), when that folder may be what an archive unpacked in / made; else None."""
    if cmd.name not in _MOVERS or ctx.workdir != "/":
        return None
    words = [w for w in cmd.args if w is not None and not w.startswith("-")]
    if len(words) < 2 or len(words) != len([w for w in cmd.args if w is None or not w.startswith("-")]):
        return None
    tops = {"/" + ctx.abspath(w).strip("/").split("/", 1)[0] for w in words[:-1] if "$" not in w}
    if len(tops) != 1 or len(words[:-1]) != len([w for w in words[:-1] if "$" not in w]):
        return None
    top = tops.pop()
    # `mv apache-tomcat* /opt/tomcat`: one pattern of / that moves the folder the archive made (the pattern names it)
    pattern = cmd.name == "mv" and len(words) == 2 and "/" not in words[0].strip("/")
    return top if _names_an_archive(top) and ("*" not in top or pattern) else None


# commands that change files (as their words name them): one that changes what an archive unpacked among the
# system's files after the builder unpacked its staged copy would leave the change out of the runtime
_CHANGERS = frozenset({"mv", "rm", "chmod", "chown", "chgrp", "ln", "cp", "sed", "patch", "touch", "install",
                       "rsync", "strip", "unlink", "rmdir", "find", "truncate", "setcap"})
# what the build's housekeeping deletes (package lists and caches): not what an archive brings
_HOUSEKEEPING = ("/var/lib/apt/lists", "/var/cache")


def _changes_unpacked(cmd: Command, ctx: RunContext, unpacked: Sequence[tuple[str, str, int, str]]) -> str | None:
    """Why the command changes what an archive unpacked (and staged a copy of) into a system's folder: the
    staged copy the runtime gets would not have the change (None when it does not)."""
    if cmd.name not in _CHANGERS or not unpacked:
        return None
    words = [a for a in cmd.args if a is None or not a.startswith("-")]
    if cmd.name in ("ln", "cp", "install", "rsync"):
        words = words[-1:]  # what they write: the last word (the others are read)
    for w in words:
        path = ctx.abspath(w) if w is not None and "$" not in w else None
        for folder, archive, line, made in unpacked:
            if cmd.name == "rm" and path == archive:
                continue
            if path is None or (inside(path, folder) and not _scratch(path)
                                and not any(inside(path, h) for h in _HOUSEKEEPING)):
                what = " ".join(x.text for x in cmd.argv)[:60]
                return (f"`{what}` changes what {made} at line {line} put into {folder}, after "
                        f"the builder made a copy of it apart from the system's files: the runtime, which gets "
                        "that copy, would miss the change")
    return None


# what the builder repeats on the staged copy of an unpack: the command, its options (letters of one cluster each)
_MIRRORED = {"mv": "fv", "cp": "rRapfv", "chmod": "Rfv", "ln": "sfnv", "rm": "rRfv"}


def _mirrored(claim: Claim, cmd: Command, seen: Command, ctx: RunContext,
              unpacked: Sequence[tuple[str, str, int, str]]) -> Claim | None:
    """The claim of a command that changes what an archive unpacked among the system's files (``mv
    /usr/local/gradle-$V /usr/local/gradle``, ``chmod +x /usr/bin/chromedriver``), with the builder running it on
    the staged copy too (the paths prefixed by the staging folder), so that the runtime's copy has the change;
    the runtime does not repeat it (but for ``rm -f``, which the runtime's own files may need). None when the
    tool cannot tell the copy would equal the original's files."""
    mirror = _staged_change(cmd, seen, ctx, unpacked)
    if mirror is None or claim.builder_insert is not None or claim.staged is not None:
        return None
    insert = (cmd.start, mirror + " && ")
    reason = "it changes what an earlier step put among the system's files: the builder changes the staged copy the " \
             "runtime gets the same way"
    if cmd.name == "rm" or claim.role is Role.BUILD:  # a cleanup's claim has no reason of its own to give
        return dataclasses.replace(claim, builder_insert=insert, reason=claim.reason or reason)
    return Claim(Role.BUILD, claim.ecosystem, reason, builder_insert=insert)


def _staged_change(cmd: Command, seen: Command, ctx: RunContext,
                   unpacked: Sequence[tuple[str, str, int, str]]) -> str | None:
    """``cmd`` on the staged copy (``mv /opt/staged/usr/local/gradle-$V /opt/staged/usr/local/gradle``): a plain
    mv/cp/chmod/ln -s/rm -f whose paths (``seen``: with the values the tool knows) are literal and inside a folder
    an archive was unpacked into; None otherwise."""
    name = cmd.name or ""
    letters = _MIRRORED.get(name)
    if letters is None or cmd.argv[0].text != name or len(seen.argv) != len(cmd.argv) or cmd.depth or \
            cmd.negated or cmd.connector == "|" or ctx.piped_from is not None or cmd.redirects or \
            cmd.assignments or ctx.workdir.startswith("?"):
        return None
    words = list(zip(cmd.argv[1:], seen.argv[1:], strict=True))
    options = [v for _, w in words if (v := w.value or "").startswith("-")]
    operands = [(w, v.value or "") for w, v in words if not (v.value or "").startswith("-")]
    if any(len(o) < 2 or o.startswith("--") or not set(o[1:]) <= set(letters) for o in options):
        return None
    flags = "".join(o[1:] for o in options)
    fixed: list[Word] = []  # words kept as written (chmod's mode, ln's target)
    if name == "chmod":
        fixed, operands = [operands[0][0]] if operands else [], operands[1:]
    elif name == "ln":
        if "s" not in flags or len(operands) != 2:
            return None
        fixed, operands = [operands[0][0]], operands[1:]
    elif name == "rm" and "f" not in flags:
        return None
    elif name in ("mv", "cp") and len(operands) != 2:
        return None
    if not operands or not all(_inside_unpacked(v, ctx, unpacked) and w.text and w.text[0] not in "~-"
                               and not any(ch in v for ch in "*?[") for w, v in operands):
        return None
    last, value = operands[-1]
    into = name in ("mv", "cp", "ln") and ctx.abspath(value).rstrip("/") in _STANDARD_FOLDERS
    if name in ("mv", "cp", "ln") and not into and (last.text != value or value.endswith("/") or
                                                    posixpath.basename(value) in SYSTEM_FOLDER_NAMES):
        return None  # where it writes: a plain name, not a folder the staged copy may lack
    if into and last.text.rstrip("/") != value.rstrip("/"):
        return None
    staged = [w.text if v.startswith("/") else posixpath.join(ctx.workdir, w.text) for w, v in operands]
    if into:  # `cp go-ipfs/ipfs /usr/local/bin`: into the staged copy of that folder, made first
        staged[-1] = staged[-1].rstrip("/") + "/"
    text = " ".join([name, *options, *(w.text for w in fixed),
                     *(staged_path(t.rstrip("/")) + ("/" if t.endswith("/") else "") for t in staged)])
    folder = ctx.abspath(value).rstrip("/") if into else posixpath.dirname(ctx.abspath(value))
    if name in ("mv", "cp", "ln") and (into or folder not in {f for f, _, _, _ in unpacked}):
        return f"mkdir -p {staged_path(folder)} && {text}"
    return text


# the folders of the system a copy's destination word may name without a trailing slash
_FOLDERS_OF_SYSTEM = frozenset({"/", "/bin", "/etc", "/home", "/opt", "/root", "/sbin", "/srv", "/tmp", "/usr",
                                "/usr/bin", "/usr/lib", "/usr/local", "/usr/local/bin", "/usr/local/lib",
                                "/usr/local/sbin", "/usr/local/share", "/usr/sbin", "/usr/share", "/var", "/var/lib",
                                "/var/www"})
# folders every image has: a file copied, moved or linked into one lands inside it
_STANDARD_FOLDERS = frozenset({"/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/lib", "/usr/share", "/usr/local/bin",
                               "/usr/local/lib", "/usr/local/share"})


def _inside_unpacked(value: str, ctx: RunContext, unpacked: Sequence[tuple[str, str, int, str]]) -> bool:
    if not value or "$" in value:
        return False
    path = ctx.abspath(value)
    return any(inside(path, folder) and path != folder for folder, _, _, _ in unpacked)


def _workspace(env: dict[str, str]) -> str:
    """GOPATH (its first entry), unless it is the Go installation or inside it (``GOPATH=/usr/local/go``)."""
    first = env.get("GOPATH", "").split(":")[0]
    if not first.startswith("/") or "$" in first:
        return ""
    path = posixpath.normpath(first)
    return "" if inside(path, posixpath.normpath(env.get("GOROOT") or "/usr/local/go")) else path


def _env_beside_build(decisions: Sequence[Decision], artifacts: Sequence[Artifact], env: tuple[tuple[str, str], ...],
                      escape: str, copied: Sequence[Copied]) -> Skip | None:
    """Why the file is left alone when an ENV names a folder of the tree an out-of-source build works in (the
    folder above its build folder), which the runtime neither copies nor gets from the context: cmake's superbuilds
    download and install their projects beside the build folder (``PYTHONPATH=/code/SuperBuild/src/opensfm``,
    ``LD_LIBRARY_PATH=/code/SuperBuild/install/lib`` with ``cd SuperBuild/build && cmake .. && make``), and what
    the build leaves there is not known."""
    copied_whole = {a.path for a in artifacts if a.whole_dir}
    trees = [(source, build) for source, build in _out_of_source_builds(decisions)
             if build in copied_whole and source != "/"]
    if not trees:
        return None
    for d in decisions:
        inst = d.group.inst
        if inst.cmd != "env":
            continue
        for _, value in env_pairs(inst):
            for part in expand(value, env, escape).split(":"):
                if not part.startswith("/") or "$" in part:
                    continue
                path = posixpath.normpath(part)
                if any(inside(path, a.path) or inside(a.path, path) for a in artifacts) or \
                        any(inside(path, dest) for _, dest, _ in copied):
                    continue
                tree = next(((t, b) for t, b in trees if inside(path, t)), None)
                if tree is not None:
                    return Skip(f"ENV at line {inst.start_line} names {path}, in {tree[0]}, the source folder "
                                f"cmake builds in {tree[1]}, of which the runtime copies only the build folder: "
                                "what else the build writes beside it (a cmake superbuild downloads and installs "
                                "its projects there) is not known", inst.start_line)
    return None


def _out_of_source_builds(decisions: Sequence[Decision]) -> list[tuple[str, str]]:
    """(source folder, build folder) of each cmake the stage runs on a source folder above its build folder
    (``cd build && cmake ..``, ``cmake -S .. -B .``)."""
    out = []
    for d in decisions:
        for cmd, cl in zip(d.commands, d.claims, strict=True):
            if cmd.name != "cmake" or not cl.artifacts:
                continue
            build, src = cl.artifacts[0].path, cmake_source(cmd.args)
            if src is None or "$" in src:
                continue
            folder = posixpath.normpath(posixpath.join(build, src))
            if inside(build, folder) and folder != build:
                out.append((folder, build))
    return out


def _deletion_repeated(d: Decision, folder: str) -> Decision:
    """The deleting RUN of a context COPY the runtime keeps for the folder above (``COPY backend /data/go/src/x``
    ... ``mv /data/go/bin/x /usr/local/bin && rm -r /data/go && mkdir /data/certs``), with its ``rm`` of the
    copied folder repeated by the runtime too: read as the cleanup of a build folder, it followed the build, and
    the runtime kept the sources the original deletes."""
    claims = list(d.claims)
    for k, (cmd, cl) in enumerate(zip(d.commands, d.claims, strict=True)):
        gone = tuple(r for r in cl.removes if inside(folder, r))
        if gone and cl.role is Role.NEUTRAL and cmd.name == "rm":
            claims[k] = _rm_repeated(cl, gone, "`rm` deletes the context files the runtime copies too", cl.relative)
    return dataclasses.replace(d, claims=tuple(claims))


def _touches(path: str, other: str) -> bool:
    return inside(path, other) or inside(other, path)


def _cleanup(path: str, made: tuple[tuple[str, ...], tuple[str, ...]], artifacts: Sequence[Artifact]) -> bool:
    """Whether an ``rm`` of ``path`` deletes what a build step made (a build output, or a folder holding one), not
    only files of the build context: one the commands before it make that the runtime copies, or one that no command
    after it makes (``rm -rf node_modules && npm install`` deletes the context's copy of what the build makes
    anew)."""
    before, after = made
    copied = {a.path for a in artifacts}  # (one a later step removed is not: `make` in /go/src/x, then `rm -Rf /go`)
    return any(_touches(path, p) for p in before if p in copied) or any(
        _touches(path, a.path) and not any(_touches(path, p) for p in after) for a in artifacts)


def _made_around(decisions: Sequence[Decision]) -> dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]]:
    """The paths of the build outputs the commands before each command of the stage's RUNs make, and of those
    the commands after it make, by (decision, command) index."""
    out: dict[tuple[int, int], tuple[tuple[str, ...], tuple[str, ...]]] = {}
    made: tuple[str, ...] = ()
    for index, d in enumerate(decisions):
        for k, cl in enumerate(d.claims):
            out[(index, k)] = (made, ())
            made += tuple(a.path for a in cl.artifacts)
    made = ()
    for index in range(len(decisions) - 1, -1, -1):
        d = decisions[index]
        for k in range(len(d.claims) - 1, -1, -1):
            out[(index, k)] = (out[(index, k)][0], made)
            made = tuple(a.path for a in d.claims[k].artifacts) + made
    return out


def _find_roots(cmd: Command) -> list[str]:
    """The folders ``find`` walks, as written (the words before its first test or option); none when one is not a
    plain word."""
    out: list[str] = []
    for a in cmd.args:
        if a is None or any(ch in a for ch in "*?[$"):
            return []
        if a.startswith(("-", "(", "!")):
            break
        out.append(a)
    return out


def _find_deletes(cmd: Command, workdir: str) -> tuple[str, ...]:
    """The absolute folders a ``find`` that deletes what it finds (``-delete``, ``-exec rm``) walks; () for another
    command, or a find whose folders are not known."""
    args = [a or "" for a in cmd.args]
    if cmd.name != "find" or not ("-delete" in args or any(
            a in ("-exec", "-execdir") and k + 1 < len(args) and posixpath.basename(args[k + 1]) == "rm"
            for k, a in enumerate(args))):
        return ()
    if args[:1] and args[0] in ("-L", "-H", "-P", "-O", "-D"):
        return ()
    roots = _find_roots(cmd) or (["."] if args[:1] and args[0].startswith("-") else [])
    if not roots or not workdir.startswith("/"):
        return ()
    return tuple(posixpath.normpath(posixpath.join(workdir, r)) for r in roots)


def _run_where_it_ran(claim: Claim, c: Command) -> Claim:
    """A setup that runs a tool on the project's files (``python manage.py migrate``, ``php artisan config:cache``,
    ``python main.py --download``) reads its words relative to the folder it runs in: the runtime repeats it after
    the `cd` before it (dev file 2bf36737: `cd /opt/pcapoptikon/ && python manage.py migrate` was repeated without the
    `cd`, in /)."""
    if claim.role is not Role.SETUP or claim.relative or not claim.tools:
        return claim
    program = c.argv[0].text if c.argv else ""
    words = [a for a in c.args if a is not None and not a.startswith("-")]
    script = INTERPRETER.match(posixpath.basename(program)) is not None and bool(words) \
        and not words[0].startswith("/")
    relative = script or ("/" in program and not program.startswith("/")) or any(
        w in (".", "..") or w.startswith(("./", "../")) for w in words)
    return dataclasses.replace(claim, relative=True) if relative else claim


def _rm_repeated(cl: Claim, paths: tuple[str, ...], reason: str, relative: bool = False,
                 add_force: bool = False) -> Claim:
    """An ``rm`` of context files the runtime copies too, which it repeats (setup of the paths it deletes): read
    alone, it was the build's cleanup (:meth:`Walker._context_removals`, :func:`_deletion_repeated`)."""
    return dataclasses.replace(cl, role=Role.SETUP, paths=paths, relative=relative, reason=reason, context_files=True,
                               add_force=add_force)


def _names_absolute(text: str, path: str) -> bool:
    """Whether ``text`` writes ``path`` as an absolute path (``-o /config.json``, ``cp a /app/x`` for /app), not as the
    end of another path or of a URL (``curl -O http://flv.io/snickers/config.json``, which writes config.json where it
    runs)."""
    return re.search(rf"(?<![^\s=\"'])({re.escape(path)})(?![\w.-])", text) is not None


def _deletes(d: Decision, folder: str, env: Sequence[tuple[str, str]] = ()) -> bool:
    """Whether a command of the RUN deletes ``folder`` itself (or a folder above it): ``rm -rf /src``, not ``rm -rf
    /src/*``, which leaves the folder (what a pattern names counts for nothing, nor does a command with a word the
    tool cannot read or a relative pattern; the other words of ``rm -rf /var/lib/apt/lists/* /src`` count); a word
    read with the stage's variables (``rm -rf $BUILD_DIR``, an ARG's default) counts."""
    for c, cl in zip(d.commands, d.claims, strict=True):
        args = resolved(c, dict(env)).args
        patterns = [a for a in args if a is not None and any(ch in a for ch in "*?[")]
        if not cl.removes or any(a is None for a in args) or any(not p.startswith("/") for p in patterns):
            continue
        named = {p.rstrip("*").rstrip("/") for p in patterns}  # what `rm`'s claim reads a pattern as
        if any(inside(folder, r) for r in cl.removes if r not in named and not any(ch in r for ch in "*?[")):
            return True
    return False


def _empties(d: Decision, folder: str, env: Sequence[tuple[str, str]] = ()) -> bool:
    """Whether an ``rm`` of the RUN deletes everything in ``folder`` but its dotfiles: ``rm -rf /tmp/*``."""
    pattern = folder.rstrip("/") + "/*"
    return any(c.name == "rm" and cl.removes and pattern in resolved(c, dict(env)).args
               for c, cl in zip(d.commands, d.claims, strict=True))


def _context_copy_dest(d: Decision, env: Sequence[tuple[str, str]], escape: str, root: bool = False,
                       add: bool = False) -> str | None:
    """The folder a plain COPY of build-context files into an absolute folder, or one of the working folder
    (``COPY . .``), fills (None for another kind, and for / unless ``root``); with ``add``, an ADD of files and
    folders of the context too (not of a URL, nor of an archive, which ADD unpacks)."""
    inst = d.group.inst
    if inst.cmd not in ("copy", "add") or d.where is not Where.BOTH or inst.flag("from") or inst.heredocs \
            or len(inst.value) < 2:
        return None
    if inst.cmd == "add" and (not add or any("://" in v or "$" in v or ADD_UNPACKS.search(v) or v.startswith("git@")
                                             for v in inst.value[:-1])):
        return None
    dest = expand(inst.value[-1], tuple(env), escape)
    if not dest.startswith("/") and d.workdir.startswith("/"):
        dest = posixpath.join(d.workdir, dest)  # `COPY . .` fills the working folder
    if "$" in dest or not dest.startswith("/") or (posixpath.normpath(dest) == "/" and not root):
        return None
    return posixpath.normpath(dest)


def _may_bring(d: Decision, dest: str, path: str, read: ContextReader) -> bool:
    """Whether the context COPY ``d`` into ``dest`` may put something at or inside ``path``: a folder's entries
    (``COPY . .``) may be anything; a file (by the context, or by a name with an extension where the context does
    not tell: ``COPY package*.json ./``) is only the entry of its name (simple-stat: `rm -rf node_modules` after it
    deleted nothing, and the runtime had repeated it)."""
    for source in d.group.inst.value[:-1]:
        src = posixpath.normpath(source.lstrip("/") or ".")
        name = posixpath.basename(src)
        folder = src == "." or "$" in src or source.endswith("/") or read(src + "/") is not None \
            or (read(src) is None and not re.fullmatch(r"[^.]+\.\w+", name))
        if folder or inside(path, posixpath.join(dest, name)) or fnmatch(posixpath.relpath(path, dest), name):
            return True
    return False


# archives ADD unpacks into its destination (a local one too: not the file a later copy of its folder brings)
ADD_UNPACKS = re.compile(r"\.(tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|lz|lzma|Z)$")


def _removes(d: Decision, path: str) -> bool:
    """Whether a command of the RUN ``d`` is an ``rm`` of ``path`` or of a folder that holds it, named as written
    (``rm -rf /x`` for /x/redigo.zip)."""
    return any(c.name == "rm" and any(a and not a.startswith("-") and "$" not in a
                                      and inside(path, posixpath.normpath(posixpath.join(d.workdir or "/", a)))
                                      for a in c.args) for c in d.commands)


def _names_by_pattern(text: str, path: str) -> bool:
    """Whether ``text`` names ``path`` by a pattern (``unzip /tmp/selfoss-*.zip`` for /tmp/selfoss-2.17.zip)."""
    return any(fnmatch(path, w) for w in re.findall(r"/[^\s;&|'\"]*[*?][^\s;&|'\"]*", text))


def _scratch(path: str) -> bool:
    return any(inside(path, s) for s in ("/tmp", "/var/tmp", "/dev", "/proc", "/run"))


def _removed_setup(claims: list[Claim], commands: Sequence[Command]) -> list[Claim]:
    """Setup of files the RUN deletes later (``chmod +x ~/miniconda.sh && ~/miniconda.sh -b && rm ~/miniconda.sh``)
    leaves nothing: the runtime, which lacks those files, does not repeat it (``mkdir build && cd build && ...
    && cd / && rm -rf /znc-src``, a folder made relative to a `cd`; ``cp /src/* /go/src/x && ... && rm -rf /go``,
    whose sources are only read); nor the removal of what such a setup
    made (``ln -s locale.h /usr/include/xlocale.h && ... && rm /usr/include/xlocale.h``: the runtime has no link
    to remove)."""
    out = list(claims)
    removes: list[str] = []  # what the claims after the current one remove (walked from the end: linear)
    for k in range(len(claims) - 1, -1, -1):
        c = claims[k]
        changed = c.paths[-1:] if commands[k].name == "cp" else c.paths  # `cp` reads its sources, changes its last
        if removes and c.role is Role.SETUP and changed and all(any(inside(p, r) for r in removes) for p in changed):
            out[k] = Claim(Role.NEUTRAL, c.ecosystem, removes=c.removes)
        elif removes and c.role is Role.SETUP and commands[k].name in ("cp", "mv") and len(c.paths) >= 2 and \
                all(any(inside(p, r) for r in removes) for p in c.paths[:-1]):
            out[k] = _put_in_place(commands[k], c)
        removes.extend(c.removes)
    made: list[str] = []  # what the dropped setup made anew (a link or a folder: nothing of the image replaced)
    for k, (c, cmd) in enumerate(zip(claims, commands, strict=True)):
        if made and c.role is Role.SETUP and c.removes and c.paths and \
                all(any(inside(p, m) for m in made) for p in c.paths):
            out[k] = Claim(Role.NEUTRAL, c.ecosystem, removes=c.removes)
        if out[k].role is Role.NEUTRAL and c.role is Role.SETUP and _makes_anew(cmd):
            made.extend(c.paths)
    return out


def _put_in_place(cmd: Command, claim: Claim) -> Claim:
    """``cp /palantiri/search.py . && rm -rf /palantiri``: a copy out of a folder the RUN deletes later reads files
    only the builder has (the runtime, which lacks the folder, could not repeat it); what it puts in place is a
    build output the runtime copies: the destination, or the files named after the sources in a destination
    folder (``.``, a word ending in ``/``, several sources, a folder of the system). Sources named by a pattern
    into a folder leave files the tool cannot name: the file is left alone, saying so."""
    *sources, dest = claim.paths
    words = [w for w in positional(cmd.args, frozenset({"-t", "--target-directory", "-S", "--suffix"}))]
    last = words[-1] if words else None
    into = last in (".", "..") or (last or "").endswith("/") or len(sources) > 1 or dest in _FOLDERS_OF_SYSTEM \
        or any(a in ("-t", "--target-directory") for a in cmd.args)
    shown = " ".join(w.text for w in cmd.argv)[:60]
    if into and any(ch in posixpath.basename(s) for s in sources for ch in "*?["):
        return Claim(Role.BLOCKED, "shell", f"`{shown}` copies files named by a pattern out of a folder the RUN "
                                            f"deletes into {dest}: which files it leaves there is not known")
    targets = [posixpath.join(dest, posixpath.basename(s)) for s in sources] if into else [dest]
    return Claim(Role.BUILD, "shell", f"`{shown}` copies files out of a folder the RUN deletes later, which the "
                                      "runtime lacks: what it puts in place is a build output",
                 artifacts=tuple(Artifact(t, reason="a file copied out of a folder the build deletes")
                                 for t in dict.fromkeys(targets)),
                 removes=claim.removes)


def _removed_whole(commands: Sequence[Command], claims: Sequence[Claim],
                   env: Sequence[tuple[str, str]] = ()) -> list[str]:
    """The folders and files a RUN's ``rm`` removes whole (``rm -rf /src``, or ``rm -rf $SRC`` read with the stage's
    variables; not ``rm -rf /src/*``, which leaves the folder itself)."""
    return [r for cmd, c in zip(commands, claims, strict=True) if cmd.name == "rm" and c.removes
            and not any(w.value is None or any(ch in w.value for ch in "*?[")
                        for w in resolved(cmd, dict(env)).argv[1:])
            for r in c.removes]


# setup that only makes a path or sets its mode: what it made goes with the folder a later RUN removes
_MAKES_PATHS = frozenset({"mkdir", "touch", "chmod"})


def _drop_removed_setup(decisions: list[Decision], removed: Sequence[str],
                        current: Sequence[tuple[Command, Claim]] = ()) -> list[Decision]:
    """The earlier decisions without what a later RUN's removal undoes, which the runtime would otherwise repeat: a
    folder made or a mode set in a folder removed whole (``RUN mkdir /src/build && cd /src/build && cmake .. && make
    install``, then ``RUN rm -rf /src``: the runtime lacks /src and could not make a folder in it), and a COPY into
    it (``COPY . MyProject`` ... ``RUN rm -rf MyProject``). Kept when a setup step the runtime repeats in between
    may use them (``current``: the removing RUN's own): one that writes into that folder (for a folder or a mode),
    any setup or package install (for a COPY: a script it runs, a list of packages it reads)."""
    if not removed:
        return decisions
    out = list(decisions)
    for k, d in enumerate(decisions):
        later = [(cmd, c) for e in decisions[k + 1:] for cmd, c in zip(e.commands, e.claims, strict=True)
                 if _may_read(c)] + [(cmd, c) for cmd, c in current if _may_read(c)]
        if _copied_into(d, removed):
            if all(_undone(cmd, c, removed) for cmd, c in later):
                out[k] = dataclasses.replace(d, where=Where.BUILDER)
            continue
        gone = [r for r in removed if not any(inside(p, r) for _, c in later for p in c.paths)]
        claims = tuple(Claim(Role.NEUTRAL, c.ecosystem, removes=c.removes) if _undone(cmd, c, gone) else c
                       for cmd, c in zip(d.commands, d.claims, strict=True))
        if claims != d.claims:
            out[k] = with_claims(d, claims)
    return out


def with_claims(d: Decision, claims: tuple[Claim, ...]) -> Decision:
    """``d`` with ``claims`` in place of its own, some of its setup made neutral: a RUN of setup alone is the
    builder's only once none is left (its role and place read again from what remains)."""
    if d.role is not Role.SETUP:
        return dataclasses.replace(d, claims=claims)
    role, where = _role_of({c.role for c in claims} - {Role.NEUTRAL})
    return dataclasses.replace(d, claims=claims, role=role, where=where)


def _may_read(claim: Claim) -> bool:
    """Whether a step the runtime repeats may read files a COPY put in place: setup, or a package install."""
    return claim.role is Role.SETUP or (claim.packages is not None and claim.packages.action == "install")


def _undone(cmd: Command, claim: Claim, removed: Sequence[str]) -> bool:
    """Whether ``claim`` of ``cmd`` makes paths or sets their modes (mkdir, touch, chmod) only inside ``removed``."""
    return claim.role is Role.SETUP and cmd.name in _MAKES_PATHS and bool(claim.paths) \
        and all(any(inside(p, r) for r in removed) for p in claim.paths)


def _copied_into(d: Decision, removed: Sequence[str]) -> bool:
    """Whether ``d`` is a COPY or ADD the runtime would repeat whose destination a later RUN removes whole
    (``COPY . MyProject``, then ``RUN rm -rf MyProject`` once the program is installed)."""
    inst = d.group.inst
    if inst.cmd not in ("copy", "add") or d.where is not Where.BOTH or inst.flag("from") or inst.heredocs \
            or len(inst.value) < 2 or "$" in inst.value[-1]:
        return False
    dest = posixpath.normpath(posixpath.join(d.workdir, inst.value[-1]))
    return any(inside(dest, r) for r in removed)


def _makes_anew(cmd: Command) -> bool:
    """``mkdir``, ``ln`` without -f: it makes a path that was not there (it fails on one that was)."""
    if cmd.name == "ln":
        return not forces(cmd.args)
    return cmd.name == "mkdir" and not makes_parents(cmd.args)


def _caches_left(claims: list[Claim]) -> list[Claim]:
    """The installs whose download caches a RUN leaves in its layer: not removed later in the RUN."""
    left: list[Claim] = []
    for c in claims:
        if c.leaves_cache:
            left.append(c)
        if c.removes:
            left = [x for x in left if not any(inside(x.leaves_cache or "", r) for r in c.removes)]
    return left


def _cd(cmd: Command, ctx: RunContext) -> str:
    """The folder ``cd`` moves to (``?`` when it cannot be known: the paths after it are not known either)."""
    words = [a for a in cmd.args if a is None or not a.startswith("-") or a == "-"]
    if not words:
        return ctx.home() or "?"
    target = words[0]
    if target is None:
        text = cmd.argv[-1].text.strip('"')
        target = re.sub(r"^\$(\{HOME\}|HOME\b)", "~", text) if text.startswith(("$HOME", "${HOME}")) else None
    if target is not None and target.startswith("~"):  # `cd ~/src`, `cd ~runner/pantheon`
        target = ctx.tilde(target)
    if target is None or "$" in target or target == "-" or "~" in target or target.startswith("?"):
        return "?"
    return ctx.abspath(target)


def _role_of(roles: set[Role]) -> tuple[Role, Where]:
    if Role.BUILD in roles or (Role.TEST in roles and Role.PACKAGES in roles):
        return Role.BUILD, Where.BUILDER
    if roles == {Role.TEST}:
        return Role.TEST, Where.TEST
    if Role.PACKAGES in roles:
        return Role.PACKAGES, Where.BUILDER
    if roles == {Role.SETUP}:
        return Role.SETUP, Where.BOTH
    if Role.TEST in roles:
        return Role.BUILD, Where.BUILDER
    return Role.NEUTRAL, Where.BUILDER


def claim_command(cmd: Command, ctx: RunContext, passes: tuple[Pass, ...]) -> Claim | None:
    """The first pass's claim on a command (an assignment alone has no effect of its own). Words made of
    variables whose values the stage shows (ENV, ARG defaults, assignments earlier in the RUN) are read
    with those values; a command run through ``sudo``, ``gosu``, ``env``... is claimed as itself."""
    if not cmd.argv:  # X=1: seen by the commands after it
        known = tuple((k, v) for k, v in cmd.assignments if v is not None)
        return Claim(Role.NEUTRAL, "shell", housekeeping=Housekeeping.SHELL, sets_env=known)
    wrapper = resolved(cmd, dict(ctx.env))
    cmd = unwrapped(wrapper)
    if not cmd.argv:
        return Claim(Role.NEUTRAL, "shell")
    own = tuple((k, v) for k, v in cmd.assignments if v is not None)
    if own:  # `GOPATH=/data/go go get ...`: the command runs with them
        ctx = dataclasses.replace(ctx, env=ctx.env + own)
    for p in passes:
        c = p.claim(cmd, ctx)
        if c is not None:
            return _through_built_wrapper(wrapper, cmd, ctx, c)
    return None


def _through_built_wrapper(wrapper: Command, cmd: Command, ctx: RunContext, claim: Claim) -> Claim:
    """``gosu nobody true`` right after the RUN downloads /usr/local/bin/gosu: a command that changes nothing run
    through a wrapper the build made checks that the wrapper runs, a test the builder keeps (the runtime, repeating
    it before the copies, has no gosu yet: "gosu: not found"; dev file 46aa0663acd0)."""
    if wrapper is cmd or claim.role is not Role.NEUTRAL or claim.paths or not wrapper.argv:
        return claim
    program = wrapper.argv[0].value or ""
    built = [o for o in ctx.outputs if (o == ctx.abspath(program) if "/" in program else
                                        posixpath.basename(o) == program)]
    if not built:
        return claim
    return Claim(Role.TEST, "shell", f"`{wrapper.name} ...` checks that {built[0]}, which the build made, runs")


_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))")


def resolve(word: Word, env: dict[str, str]) -> str | None:
    """The value of a word whose variables all have known values (no command substitution), or None.
    An unquoted variable whose value has blanks would split into several words: None."""
    if word.value is not None:
        return word.value
    text = word.text.replace("$$", "0")  # the shell's process number (`tmp.$$.json`): digits
    if "$(" in text or "`" in text or "$((" in text:
        return None
    names = [a or b for a, b in _VARIABLE.findall(text)]
    if (not names and "$$" not in word.text) or any(n not in env for n in names):
        return None
    value = evaluate_word(text, env)
    if "$" in value or ('"' not in text and any(c in value for c in " \t\n")):
        return None
    return value


def _gone(before: tuple[str, ...], cmd: Command, ctx: RunContext) -> tuple[str, ...]:
    """The paths deleted by name in the RUN so far (``rm -f /var/www``: not there after it), once ``cmd`` ran: those
    it names are dropped (it may make them again), those an ``rm`` of plain words (no pattern, no variable) deletes
    are added."""
    words = [w.value for w in cmd.argv[1:]]
    named = {ctx.abspath(w) for w in words if w and not w.startswith("-")}
    kept = tuple(p for p in before if not any(inside(n, p) for n in named))
    if cmd.name != "rm" or not cmd.argv or any(w is None or any(ch in w for ch in "*?[$~") for w in words):
        return kept
    return kept + tuple(ctx.abspath(w) for w in words if w and not w.startswith("-"))


def resolved(cmd: Command, env: dict[str, str]) -> Command:
    """The command with the words and redirect targets whose variables have known values read with them."""
    redirects = tuple(_resolved_redirect(r, env) for r in cmd.redirects)
    if redirects != cmd.redirects:
        cmd = dataclasses.replace(cmd, redirects=redirects)
    if all(w.value is not None for w in cmd.argv):
        return cmd
    words = tuple(w if w.value is not None else dataclasses.replace(w, value=resolve(w, env)) for w in cmd.argv)
    return dataclasses.replace(cmd, argv=_split_command(words, env))


_REDIRECT = re.compile(r"^(\d*(?:>>|>\||>|&>>|&>)\s*)(.+)$")


def _resolved_redirect(redirect: str, env: dict[str, str]) -> str:
    """``> $EPOINT`` with ``ENV EPOINT=/entry-point.sh``: ``> /entry-point.sh``; as written when a variable of the
    target has no known value (or the target is made by a command)."""
    m = _REDIRECT.match(redirect)
    if m is None or "$" not in m.group(2):
        return redirect
    value = resolve(Word(m.group(2), None, 0, 0), env)
    return redirect if value is None else m.group(1) + value


_ONE_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_PLAIN_WORDS = re.compile(r"[A-Za-z0-9_./:=+,@%-]+(?:[ \t]+[A-Za-z0-9_./:=+,@%-]+)*")


def _split_command(words: tuple[Word, ...], env: dict[str, str]) -> tuple[Word, ...]:
    """``$APT_INSTALL curl`` with ``APT_INSTALL="apt-get install -y"``: an unquoted variable that names the
    command splits into the words of its value, as the shell splits it. Only plain words (no quotes, globs
    or further variables); each new word spans the variable's text, where an edit after the verb goes."""
    first = words[0] if words else None
    if first is None:
        return words
    m = _ONE_VARIABLE.fullmatch(first.text) if first.value is None else None
    value = env.get(m.group(1) or m.group(2), "").strip() if m else ""
    if not value or not _PLAIN_WORDS.fullmatch(value):
        return words
    return tuple(dataclasses.replace(first, value=v) for v in value.split()) + words[1:]


# the variables of Rancher's Dapper (github.com/rancher/dapper), which builds a project inside the image the file makes:
# the project's source is mounted at DAPPER_SOURCE and its build scripts run there (ENTRYPOINT ./scripts/entry)
_DAPPER = frozenset({"DAPPER_SOURCE", "DAPPER_OUTPUT", "DAPPER_RUN_ARGS", "DAPPER_ENV", "DAPPER_DOCKER_SOCKET",
                     "DAPPER_CP", "DAPPER_MODE"})


# a script named for building (build.sh, ollvm-build.sh, build-linux-wheels.sh, compile.py, bin/docker/build): an
# image whose command runs one builds at run time, with the build tools the file installed
# (a part before it: letters but `_`, so that `_` and `-` only separate parts: a name of many `_` reads at once)
_BUILD_SCRIPT = re.compile(r"^(?:(?:[^\W_]|\.)*[-_])*(?:re)?(?:build|compile)(?:[-_][\w.-]+)?"
                           r"(?:\.(?:sh|bash|py|pl|rb))?$")
_BUILD_FOLDER = re.compile(r"^(?:build|ci)[-_]?scripts?$")
_SCRIPT_RUNNERS = frozenset({"python", "python2", "python3", "perl", "ruby"})


def _build_script_name(argv: tuple[str | None, ...], built: frozenset[str]) -> str | None:
    """The name of the build script a command line runs (``sh ./build.sh``, ``./compile.py``), not one of the
    programs the file built (``built``)."""
    name = posixpath.basename(argv[0] or "")
    script = argv[1] if (is_shell(name) or name in _SCRIPT_RUNNERS) and len(argv) > 1 else argv[0]
    if script is None or not _BUILD_SCRIPT.match(posixpath.basename(script)) \
            or script in built or posixpath.normpath(script) in built:
        return None
    return posixpath.basename(script)


def _build_script(argv: tuple[str | None, ...], built: frozenset[str]) -> str | None:
    script = _build_script_name(argv, built)
    return None if script is None else _build_script_reason(script)


def _build_script_reason(script: str) -> str:
    return (f"the command runs {script}, a build script by its name: the image builds at run time, and may need "
            "every build tool the file installs")


def _shell_script(text: str) -> bool:
    """Whether a file is a shell script: no ``#!`` line, or one naming a shell (``/bin/sh``, ``env bash``); not a
    program (a NUL byte: rp18 RicardoValladares/hola's committed Go binary `main`, whose bytes read as a command
    named build)."""
    if "\x00" in text:
        return False
    first = text.splitlines()[0] if text else ""
    words = [w for w in first[2:].split() if not w.startswith("-")]  # `#!/bin/bash -e`, `#!/usr/bin/env -S sh`
    if words and posixpath.basename(words[0]) == "env":
        words = words[1:]
    return not first.startswith("#!") or bool(words) and is_shell(posixpath.basename(words[0]))


# process managers a CMD may start the image's programs with, as their configuration says
_PROCESS_MANAGERS = frozenset({"supervisord", "runsvdir", "my_init", "s6-svscan"})
# commands that only keep a container running, for its users to run theirs in it
_KEEP_ALIVE = frozenset({("tail", "-f", "/dev/null"), ("tail", "-F", "/dev/null"), ("sleep", "infinity"),
                         ("sleep", "inf")})


def _follows_no_log(words: tuple[str | None, ...]) -> bool:
    """``tail -f FILE`` of a file no program writes, as a keep-alive (1fad3164's ``CMD tail -f LICENSE``, in a
    development image with sshd and compilers): not a log (a name with "log" in it, /var/log, /proc, /dev)."""
    if words[:1] != ("tail",) or any(w is None for w in words):
        return False
    flags = [w for w in words[1:] if w and w.startswith("-")]
    files = [w for w in words[1:] if w and not w.startswith("-")]
    return bool(flags) and set(flags) <= {"-f", "-F", "--follow", "--retry"} and len(files) == 1 \
        and "log" not in files[0].lower() and not files[0].startswith(("/var/", "/proc/", "/dev/", "/tmp/", "/run/"))


# shells whose scripts are not POSIX shell's (the tool does not read them), which people type into as into bash
_OTHER_SHELLS = frozenset({"fish", "tcsh", "csh"})


def _takes_cmd_as_arguments(entrypoint: Instruction) -> bool:
    """Whether the ENTRYPOINT takes the CMD as its program's arguments, not as a command it runs: a shell form
    ignores the CMD; an interpreter given its program (`python3 main.py`, `python -m app`, `node server.js`, `java
    -jar app.jar`) passes it on (rp22pydist yevzman/telegram_bot: `ENTRYPOINT ["python3","main.py"]` with
    `CMD ["bash"]`, skipped as an interactive shell). A shell or a script as the ENTRYPOINT may run the CMD
    (`exec "$@"`)."""
    if not entrypoint.json:
        return bool(" ".join(entrypoint.value).strip())
    argv = unwrapped_line(next(iter(argv_of(entrypoint)), ()))
    if len(argv) < 2 or argv[0] is None or argv[1] is None:
        return False
    name, first = posixpath.basename(argv[0]), argv[1]
    if name == "java":
        return "-jar" in argv
    if not INTERPRETER.match(name) or is_shell(name):
        return False
    return first == "-m" or not (first.startswith("-") or first.endswith(".sh"))


# the runtime blockers (data/commands.json) that make the image an environment its users work in, by how their
# reason starts: named before any build step (one that builds at run time, cargo or Gradle, has a build step
# before it that names the same tool in its own words)
_ENVIRONMENTS = ("an interactive shell", "a notebook server", "an IDE", "an init system", "an SSH server")


# shell builtins a command line may be made of, which start no program (`CMD ["cd", "~"]`)
_BUILTINS = frozenset({"cd", "source", "."})
# Jupyter's packages (pip's, conda's, Debian's) as arguments of an install, and its configuration files
_JUPYTER_PACKAGE = re.compile(r"\binstall\b[^&|;\n]*?(?<![\w./-])(jupyter|jupyterlab|notebook|ipython-notebook"
                              r"|jupyter-notebook|python3?-notebook)(?![\w./-])")
_JUPYTER_CONFIG = re.compile(r"\.jupyter/|jupyter_notebook_config|jupyter_server_config")


def _sets_up_jupyter(inst: Instruction) -> bool:
    """Whether a RUN installs Jupyter (``pip install jupyter``, ``apt-get install ipython-notebook``) or writes its
    configuration."""
    text = inst.original
    return bool(_JUPYTER_CONFIG.search(text) or _JUPYTER_PACKAGE.search(text.replace("\\\n", " ")))


def _named_blocker(argvs: list[tuple[str | None, ...]]) -> str | None:
    """Why a command line makes the image a development environment (an interactive shell, a notebook server, an
    IDE, an init system, an SSH server; data/commands.json's runtime_blockers), by the program's name alone, or
    None: not a subcommand (a repeated install may keep its command)."""
    for argv in argvs:
        why = _blocker_by_name(argv) if argv and argv[0] is not None and not _runs_script_file(argv) else None
        if why and why.startswith(_ENVIRONMENTS):
            return why
    return None


def _build_by_name(argvs: list[tuple[str | None, ...]]) -> tuple[str, str] | None:
    """Why a command line builds at run time by its program's name alone (make, cargo, ./gradlew: data/commands.json's
    runtime_blockers), whatever the build before it did, with the program: read before the walk, so that a skip of a
    step before it names it instead where that step's reason does not (:meth:`Walker._first_cause`). A build script
    by its name counts when its name says it is a script (``./build.sh``, skip41 770bae04), not a program the build
    may have made under that name (``go build -o build``)."""
    for argv in argvs:
        why = _blocker_by_name(argv) if argv and argv[0] is not None and not _runs_script_file(argv) else None
        if why:
            return why, argv[0] or ""
        script = _build_script_name(argv, frozenset()) if argv and argv[0] is not None else None
        if script is not None and _SCRIPT_SUFFIX.search(script):
            return _build_script_reason(script), script
    return None


# a script's name by its suffix (build.sh, compile.py), as a reason of _build_script names it
_SCRIPT_SUFFIX = re.compile(r"\.(?:sh|bash|py|pl|rb)$")


# su's options that make a login shell
_LOGIN = frozenset({"-", "-l", "--login"})


def _login_shell(argvs: list[tuple[str | None, ...]]) -> str | None:
    """A command line that is `su -l USER` (or `su - USER`) with no command: a login shell of that user, which whoever
    runs the image types into (skip2 3454a639: `CMD ["/bin/su", "-l", "pycbc"]`)."""
    for argv in argvs:
        if not argv or posixpath.basename(argv[0] or "") != "su":
            continue
        words = list(argv[1:])
        if any(w is None or w in ("-c", "--command") or (w or "").startswith("--command=") for w in words):
            continue
        if _LOGIN & {w for w in words if w is not None}:
            user = next((w for w in words if w and not w.startswith("-")), "root")
            return (f"an interactive shell: `su` starts a login shell of {user}, whoever runs the image types their "
                    "own commands, which may need any tool the build installed")
    return None


def _argv(cmd: Command) -> tuple[str | None, ...]:
    """A script's command line as :func:`runtime_blocker` reads it: one whose input a redirect gives (``python3 -
    <<'PY'``, ``python < setup.py``) runs that input, no console, and gets the ``-`` that names it (the parser leaves
    the word out before a here-document: rp19py Ceci2003/3d-printing-site was taken for Python's REPL)."""
    given = any(r.startswith("<") and not r.startswith("<(") for r in cmd.redirects)
    return (cmd.name, *cmd.args, "-") if given and "-" not in cmd.args else (cmd.name, *cmd.args)


def _runs_script_file(argv: tuple[str | None, ...]) -> bool:
    """Whether the command line is a shell given a script file (``sh start.sh``), not an interactive shell."""
    name = posixpath.basename(argv[0] or "")
    return (is_shell(name) or name in _OTHER_SHELLS) and len(argv) > 1


def _blocker_by_name(argv: tuple[str | None, ...]) -> str | None:
    """The runtime blocker (data/commands.json) the command line's program is, by its path or its name."""
    blockers, _ = RUNTIME_BLOCKERS()
    return blockers.get(argv[0] or "") or blockers.get(posixpath.basename(argv[0] or ""))


def runtime_blocker(argvs: list[tuple[str | None, ...]], built: frozenset[str] = frozenset(),
                    kept: frozenset[str] = frozenset(), whole: bool = True) -> str | None:
    """Why a CMD/ENTRYPOINT needs the build tools at run time (data/commands.json), or None. ``built``: the
    programs the file built (a script named for building among them is the app the build made); ``kept``: the
    commands the runtime has, installed by a step it repeats (`pip install poetry`), whose subcommands
    (`poetry run`) need nothing else of the build. ``whole``: the words are the whole command line (a CMD), not an
    ENTRYPOINT that `docker run` gives its arguments to (``ENTRYPOINT ["rake"]`` runs the task named there), for
    the subcommands that match the arguments exactly (``rake`` with none)."""
    _, subs = RUNTIME_BLOCKERS()
    for argv in argvs:
        if not argv or argv[0] is None:
            continue
        name = posixpath.basename(argv[0])
        script = _build_script(argv, built)
        if script is not None:
            return script
        if _runs_script_file(argv):
            continue
        by_name = _blocker_by_name(argv)
        if by_name:
            return by_name
        rest = " ".join(a or "" for a in argv[1:])
        if re.fullmatch(r"python[23](\.\d+)?", name):  # `python3 setup.py dist` as `python setup.py`
            name = "python"
        for sub, why in ({} if name in kept else subs.get(name, {})).items():
            if (whole and rest == sub[:-1]) if sub.endswith("$") else (rest == sub or rest.startswith(sub + " ")):
                return why
    return None


def inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


# setup commands whose effect a copied folder already carries (modes and links are copied; owners are
# not when the runtime runs as another user, so chown stays): command -> how many leading words are no path
_CARRIED_BY_COPY = {"mkdir": 0, "touch": 0, "chmod": 1, "ln": 0, "mv": 0, "cp": 0}
# the setup rules (data/commands.json) of commands that change only the files they name (`> f`, `sed -i f`, `tee f`)
WRITES_NAMED = frozenset({"redirect", "sed"})
# ... and those of them that set up their last word alone (the link, the destination of a move or copy)
_LAST_WORD = frozenset({"ln", "mv", "cp"})


def setup_rule(name: str) -> str | None:
    """The setup rule (data/commands.json) of a command: how it sets up the paths it names."""
    rule = data("commands.json")["setup"].get(name)
    return rule if isinstance(rule, str) else None


def carried(cm: Command, workdir: str, artifacts: Sequence[Artifact], resolved: Sequence[str] = (),
            before_copy: bool = False) -> bool:
    """Whether every path ``cm`` sets up lies inside a folder the runtime copies from the builder.
    ``resolved``: the paths as the walk resolved them (variables replaced), used when the words hold one.
    ``before_copy``: the command runs before the runtime copies the folders (at or before the last build step),
    so a file it only writes (``jq -r .sha v.json > /app/version``) is copied as the builder made it."""
    skip = _CARRIED_BY_COPY.get(cm.name or "")
    if skip is None:
        return before_copy and bool(resolved) and setup_rule(cm.name or "") in WRITES_NAMED \
            and all(any(inside(p, a.path) for a in artifacts) for p in resolved)
    words = [a for a in cm.args if a is None or not a.startswith("-")][skip:]
    if cm.name in _LAST_WORD:  # `mv -f /hue-4.1.0 /opt/hue` before the build fills /opt/hue: the copy has it
        if cm.name != "ln" and any(a in ("-t", "--target-directory") for a in cm.args):
            return False
        words = words[-1:] if len(words) >= 2 else [None]
        resolved = resolved[-1:]
    # (a relative word, as the walk resolved it: `cd /usr/local/bin && ln -s /usr/bin/python3 python`)
    if words and any(w is None or "$" in w or not w.startswith("/") for w in words) and len(resolved) == len(words):
        words = list(resolved)
    if not words or any(w is None or "$" in w for w in words):
        return False
    paths = [posixpath.normpath(posixpath.join(workdir, w)) for w in words if w is not None]
    if cm.name == "chmod" and any(a.whole_dir and p == a.target for p in paths for a in artifacts):
        return False  # the copy keeps the modes of the folder's files, not the folder's own (0755)
    # a folder that holds a copied artifact is made by the COPY itself (root, 0755, as mkdir does)
    return all(any(inside(p, a.path) or (cm.name == "mkdir" and inside(a.target, p)) for a in artifacts)
               for p in paths)


def _opaque_setup_moved(decisions: list[Decision], last_build: int) -> list[Decision]:
    """The decisions with each RUN after the last build step that only sets up, by a program of the project whose
    writes are not known (``manage.py shell``, ``python seed.py``: SETUP claims without paths), moved to the runtime:
    the runtime repeats it anyway, and its run in the builder would leave its effects in folders the runtime copies,
    where the repeat applies them a second time (read28 4eaf14c3: `create_superuser` on the copied SQLite database
    failed on the second run)."""
    if last_build < 0:
        return decisions
    out = [dataclasses.replace(d, where=Where.RUNTIME) if k > last_build and d.where is Where.BOTH
           and opaque_setup(d) else d for k, d in enumerate(decisions)]
    moved = next((k for k, d in enumerate(out) if d.where is Where.RUNTIME and opaque_setup(d)), None)
    if moved is None:
        return out
    # a RUN after it that only changes scratch files (`chmod 766 /tmp/scoreboard*`), which the tool leaves to the
    # builder: they may be what the moved program wrote (skip2 10d2bb28's database in /tmp), so it moves too
    return [dataclasses.replace(d, where=Where.RUNTIME) if k > moved and _changes_scratch_only(d) else d
            for k, d in enumerate(out)]


def _changes_scratch_only(d: Decision) -> bool:
    """A RUN the walk left to the builder whose commands are all NEUTRAL and name a path under /tmp."""
    return d.where is Where.BUILDER and d.group.inst.cmd == "run" and bool(d.claims) \
        and all(c.role is Role.NEUTRAL for c in d.claims) \
        and any(a is not None and a.startswith("/tmp/") for c in d.commands for a in c.args)


def opaque_setup(d: Decision) -> bool:
    """Whether a RUN only sets up, and by a program of the project whose writes are not known (no package install)."""
    return d.group.inst.cmd == "run" and bool(d.claims) \
        and all(c.role in (Role.SETUP, Role.NEUTRAL) and c.packages is None for c in d.claims) \
        and any((c.writes_unknown and c.ecosystem == "python") or (c.reads_env and c.role is Role.SETUP and not c.paths)
                for c in d.claims)


def repeats_setup(decisions: Sequence[Decision], artifacts: Sequence[Artifact], last_build: int = -1) -> bool:
    """Whether the runtime repeats some setup (a command no copied folder carries)."""
    return any(cl.role is Role.SETUP and not carried(c, d.workdir, artifacts, cl.paths, k <= last_build)
               for k, d in enumerate(decisions) for c, cl in zip(d.commands, d.claims, strict=True))
