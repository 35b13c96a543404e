"""BuildKit cache mounts for the builder's RUNs (``--buildkit``), so that a rebuild reuses downloads.

A package manager's download folder is mounted as a BuildKit cache (``RUN --mount=type=cache,
target=...``): it lives outside the image, survives a changed layer, and is shared by the builds of the
machine. A mount hides what the folder held in the image, so a folder is mounted only where that
cannot change the build:

- a pure cache (pip's, npm's, Go's build cache, apt's downloaded packages) is read by the tool alone,
  which refills what is missing;
- a download folder a later step builds from (Go modules, Cargo's registry, the Maven repository,
  Gradle's caches) is mounted only when every later build or test RUN runs the tool itself (and so gets
  the same mount), and no artifact or COPY lies in it.

Only RUNs as root get mounts (a cache mount belongs to root, and another user's home is not known).
The default folders are the tools' documented defaults, or what the file's ENV says.
"""

from __future__ import annotations

import enum
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .analysis import env_pairs, expand
from .shell import Command
from .tree import Dockerfile, Instruction

_ROOT_USERS = (None, "", "root", "0", "0:0", "root:root")


class Tool(enum.Enum):
    PIP = "pip"
    NPM = "npm"
    YARN = "yarn"
    PNPM = "pnpm"
    APT = "apt"
    GO = "go"
    CARGO = "cargo"
    MAVEN = "maven"
    GRADLE = "gradle"


class Reach(enum.Enum):
    """Who reads a cache folder."""

    TOOL = "tool"  # only the tool, which downloads again what is missing
    BUILD = "build"  # later build steps read what the tool downloaded (modules, crates, jars)


class Mode(enum.Enum):
    """Whether the output uses BuildKit syntax (configuration ``buildkit``, flag ``--buildkit``)."""

    AUTO = "auto"  # when the input already does (RUN --mount and other RUN flags, a syntax directive, heredocs)
    ON = "on"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Cache:
    tool: Tool
    target: str
    reach: Reach
    locked: bool = False  # sharing=locked: the tool cannot share the folder with a parallel build (apt)

    @property
    def flag(self) -> str:
        sharing = ",sharing=locked" if self.locked else ""
        return f"--mount=type=cache,target={self.target}{sharing}"


# verbs that download (None: the bare command, `yarn`)
_VERBS: dict[Tool, frozenset[str | None]] = {
    Tool.PIP: frozenset({"install", "wheel", "download"}),
    Tool.NPM: frozenset({"ci", "install", "i", "add", "update", "rebuild"}),
    Tool.YARN: frozenset({None, "install", "add", "upgrade"}),
    Tool.PNPM: frozenset({"install", "i", "add", "fetch", "update"}),
    Tool.APT: frozenset({"install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep"}),
    Tool.GO: frozenset({"build", "install", "get", "mod", "test", "run", "generate", "vet", "list"}),
    Tool.CARGO: frozenset({"build", "fetch", "install", "test", "run", "check", "vendor", "doc"}),
}
_NAMES = {"npm": Tool.NPM, "yarn": Tool.YARN, "pnpm": Tool.PNPM, "apt-get": Tool.APT, "apt": Tool.APT,
          "go": Tool.GO, "cargo": Tool.CARGO, "mvn": Tool.MAVEN, "mvnw": Tool.MAVEN, "gradle": Tool.GRADLE,
          "gradlew": Tool.GRADLE}
_PIP = re.compile(r"pip[0-9.]*")
_PYTHON = re.compile(r"python[0-9.]*")


def tool_of(cmd: Command) -> Tool | None:
    """The tool a command runs when it downloads (``pip install``, ``npm ci``, ``go build``...), else None."""
    words = [w.value for w in cmd.argv]
    name = cmd.name or ""
    if _PYTHON.fullmatch(name) and words[1:3] == ["-m", "pip"]:
        name, words = "pip", words[2:]
    tool = Tool.PIP if _PIP.fullmatch(name) else _NAMES.get(name)
    if tool is None:
        return None
    verbs = _VERBS.get(tool)
    if verbs is None:  # maven, gradle: every run resolves its plugins and dependencies
        return tool
    verb = next((w for w in words[1:] if w is None or not w.startswith("-")), None)
    return tool if verb in verbs else None


class Folders:
    """Where each tool keeps its cache, for a RUN as root that sees ``env`` on an image of ``family``."""

    def __init__(self, env: dict[str, str], family: str) -> None:
        self.env = env
        self.family = family

    def _set(self, name: str) -> str | None:
        value = self.env.get(name)
        return value.rstrip("/") if value and value.startswith("/") and "$" not in value else None

    def of(self, tool: Tool) -> tuple[Cache, ...] | None:
        """The caches of ``tool`` (None: turned off by the file, or in a folder the tool cannot tell)."""
        return getattr(self, f"_{tool.value}")()  # type: ignore[no-any-return]

    def _pip(self) -> tuple[Cache, ...] | None:
        if "PIP_NO_CACHE_DIR" in self.env:
            return None
        return (Cache(Tool.PIP, self._set("PIP_CACHE_DIR") or "/root/.cache/pip", Reach.TOOL),)

    def _npm(self) -> tuple[Cache, ...]:
        found = self._set("npm_config_cache") or self._set("NPM_CONFIG_CACHE") or "/root/.npm"
        return (Cache(Tool.NPM, found, Reach.TOOL),)

    def _yarn(self) -> tuple[Cache, ...]:  # yarn 1, the one Node.js images ship: root's cache is in /usr/local
        found = self._set("YARN_CACHE_FOLDER") or "/usr/local/share/.cache/yarn"
        return (Cache(Tool.YARN, found, Reach.TOOL),)

    def _pnpm(self) -> tuple[Cache, ...]:
        found = self._set("npm_config_store_dir") or "/root/.local/share/pnpm/store"
        return (Cache(Tool.PNPM, found, Reach.TOOL),)

    def _apt(self) -> tuple[Cache, ...]:
        # the downloaded .deb files only: the package lists are what a later apt-get install reads
        return (Cache(Tool.APT, "/var/cache/apt", Reach.TOOL, locked=True),)

    def _go(self) -> tuple[Cache, ...]:
        gopath = self._set("GOPATH") or ("/go" if self.family == "golang" else "/root/go")
        modules = self._set("GOMODCACHE") or f"{gopath}/pkg/mod"
        return (Cache(Tool.GO, modules, Reach.BUILD),
                Cache(Tool.GO, self._set("GOCACHE") or "/root/.cache/go-build", Reach.TOOL))

    def _cargo(self) -> tuple[Cache, ...]:
        home = self._set("CARGO_HOME") or ("/usr/local/cargo" if self.family == "rust" else "/root/.cargo")
        return (Cache(Tool.CARGO, f"{home}/registry", Reach.BUILD), Cache(Tool.CARGO, f"{home}/git", Reach.BUILD))

    def _maven(self) -> tuple[Cache, ...]:
        home = self._set("MAVEN_CONFIG") or "/root/.m2"
        return (Cache(Tool.MAVEN, f"{home}/repository", Reach.BUILD),)

    def _gradle(self) -> tuple[Cache, ...]:
        home = self._set("GRADLE_USER_HOME") or "/root/.gradle"
        return (Cache(Tool.GRADLE, f"{home}/caches", Reach.BUILD), Cache(Tool.GRADLE, f"{home}/wrapper", Reach.BUILD))


def uses_buildkit(tree: Dockerfile) -> bool:
    """Whether the file already needs BuildKit: a ``# syntax=`` directive, a RUN flag (``--mount``,
    ``--network``, ``--security``) or a heredoc."""
    if any(d.name.lower() == "syntax" for d in tree.directives):
        return True
    return any(_buildkit_syntax(i) for s in tree.stages for i in s.instructions)


def _buildkit_syntax(inst: Instruction) -> bool:
    """Whether an instruction is written as only BuildKit reads it: a RUN flag (``--mount``, ``--network``,
    ``--security``) or a heredoc."""
    return bool((inst.cmd == "run" and inst.flags) or inst.heredocs)


# COPY and ADD flags the classic builder reads too; every other flag of theirs is BuildKit's (--link, --chmod...)
_CLASSIC_COPY_FLAGS = ("--chown", "--from")


def needs_buildkit(tree: Dockerfile) -> bool:
    """Whether only BuildKit builds the file: a RUN flag (``--mount``...), a heredoc, or a COPY/ADD flag the
    classic builder does not know. A ``# syntax=`` directive alone does not: the classic builder ignores it."""
    for inst in (i for s in tree.stages for i in s.instructions):
        if _buildkit_syntax(inst):
            return True
        if inst.cmd in ("copy", "add") and any(not f.startswith(_CLASSIC_COPY_FLAGS) for f in inst.flags):
            return True
    return False


def _mounted(inst: Instruction, target: str) -> bool:
    """Whether the RUN already mounts something at ``target``."""
    for flag in inst.flags:
        if flag.startswith("--mount="):
            keys = dict(kv.partition("=")[::2] for kv in flag[len("--mount="):].split(","))
            where = keys.get("target") or keys.get("dst") or keys.get("destination") or ""
            if where and posixpath.normpath(where) == posixpath.normpath(target):
                return True
    return False


def _overlaps(a: str, b: str) -> bool:
    a, b = posixpath.normpath(a), posixpath.normpath(b)
    return a == b or a.startswith(b.rstrip("/") + "/") or b.startswith(a.rstrip("/") + "/")


@dataclass(frozen=True, slots=True)
class Step:
    """A RUN of the builder or test stage, as the mount planner needs it."""

    inst: Instruction
    commands: tuple[Command, ...]
    user: str | None
    builds: bool  # a build or test step: it may read what an earlier step downloaded
    editable: bool = True  # its commands can be edited (shell form): pip's --no-cache-dir can go


def _env_before(instructions: Iterable[Instruction], escape: str) -> list[dict[str, str]]:
    """The environment each instruction sees (ENV and ARG defaults before it)."""
    env: list[tuple[str, str]] = []
    out = []
    for inst in instructions:
        out.append(dict(env))
        if inst.cmd in ("env", "arg"):
            env += [(k, expand(v, tuple(env), escape)) for k, v in env_pairs(inst)]
    return out


class Planner:
    """Which cache mounts each step gets."""

    def __init__(self, family: str, escape: str, guarded: Sequence[str]) -> None:
        self.family = family
        self.escape = escape
        self.guarded = tuple(guarded)  # folders no mount may cover: what the runtime copies, what COPY writes

    def plan(self, instructions: Sequence[Instruction], steps: dict[int, Step]) -> dict[int, tuple[Cache, ...]]:
        """Mounts by index in ``instructions`` (the stage's, in order; ``steps`` are its RUNs)."""
        envs = _env_before(instructions, self.escape)
        wanted: dict[int, list[Cache]] = {}
        for k, step in sorted(steps.items()):
            if step.user not in _ROOT_USERS:
                continue
            folders = Folders(envs[k], self.family)
            for tool in dict.fromkeys(t for c in step.commands if (t := tool_of(c)) is not None):
                caches = folders.of(tool) or ()
                wanted.setdefault(k, []).extend(c for c in caches if self._safe(c, k, steps))
        return {k: tuple(dict.fromkeys(v)) for k, v in wanted.items() if v}

    def _safe(self, cache: Cache, k: int, steps: dict[int, Step]) -> bool:
        if any(_overlaps(cache.target, g) for g in self.guarded) or _mounted(steps[k].inst, cache.target):
            return False
        if cache.tool is Tool.PIP and not steps[k].editable and any(
                tool_of(c) is Tool.PIP and any(w.value == "--no-cache-dir" for w in c.argv) for c in steps[k].commands):
            return False  # the cache stays off
        if cache.reach is Reach.TOOL:
            return True
        # downloads a later step builds from: on every step that runs the tool (a mount on a later one only
        # would hide what an earlier one left in the image), and every build step from the first on is one
        users = [j for j, s in steps.items() if any(tool_of(c) is cache.tool for c in s.commands)]
        return all(steps[j].user in _ROOT_USERS for j in users) and all(
            j in users for j, s in steps.items() if j > min(users) and s.builds)


def with_mounts(inst: Instruction, caches: Sequence[Cache], newline: str) -> str:
    """The RUN's text with the cache mounts' flags after its keyword (:func:`with_flags`)."""
    return with_flags(inst, [c.flag for c in caches], newline)


def with_flags(inst: Instruction, flags: Sequence[str], newline: str) -> str:
    """The RUN's text with ``flags`` after its keyword: on a line of their own each, the command
    on the next line, indented as the RUN's continuation lines are (a heredoc's RUN keeps one line)."""
    first = inst.lines[0]
    lead = first[: len(first) - len(first.lstrip(" \t"))]
    after_kw = len(lead) + len(inst.keyword)
    rest = first[after_kw:].lstrip(" \t")
    if inst.heredocs:
        return first[:after_kw] + " " + " ".join(flags) + " " + rest + "".join(inst.lines[1:]) + \
            "".join(h.source for h in inst.heredocs)
    cont = f" {inst.escape}{newline}{_indent(inst)}"
    if rest.rstrip(" \t\r\n") == inst.escape:  # `RUN \` with the command on the next line
        return first[:after_kw] + " " + cont.join(flags) + " " + rest + "".join(inst.lines[1:])
    return first[:after_kw] + " " + cont.join(flags) + cont + rest + "".join(inst.lines[1:])


def _indent(inst: Instruction) -> str:
    for line in inst.lines[1:]:
        body = line.strip(" \t\r\n")
        if body and not body.startswith("#"):
            return line[: len(line) - len(line.lstrip(" \t"))]
    return "    "


__all__ = ["Cache", "Folders", "Mode", "Planner", "Reach", "Step", "Tool", "tool_of", "uses_buildkit",
           "with_flags", "with_mounts"]
