"""Decisions: where each instruction of a single-stage file goes.

``make_plan`` walks the stage once, asks the passes about every shell command,
and answers with a :class:`Plan` (what goes to the builder, the test stage and
the runtime, which packages the runtime keeps, which artifacts it copies) or a
:class:`Skip` (why the file is left as it is).
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from .analysis import (
    Artifact,
    Claim,
    ContextReader,
    PackageOp,
    Role,
    RunContext,
    RunFacts,
    env_pairs,
    expand,
    read_from_context,
    read_run,
)
from .images import ImageRef, data, family_of, runtime_image
from .packages import runtime_libraries, runtime_packages
from .passes import PASSES
from .shell import Command, parse_shell, unwrap_shell_c
from .tree import Blank, Comment, Dockerfile, Instruction, Item, Stage

METADATA = frozenset({"expose", "volume", "label", "healthcheck", "stopsignal", "cmd", "entrypoint", "maintainer"})
CARRIED = frozenset({"env", "workdir", "user", "shell", "arg"})
COMPILED = frozenset({"go", "rust", "native", "jvm", "static"})
INHERITS_CMD = frozenset({"python", "node"})  # the slim image of these families has the same default command
USER_SETUP = frozenset({"useradd", "adduser", "groupadd", "addgroup", "usermod"})


class Where:
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
    where: str
    role: Role | None = None
    claims: tuple[Claim, ...] = ()
    commands: tuple[Command, ...] = ()
    workdir: str = "/"
    user: str | None = None


@dataclass(frozen=True, slots=True)
class Skip:
    reason: str
    line: int = 0


@dataclass(frozen=True, slots=True)
class Plan:
    stage: Stage
    decisions: tuple[Decision, ...]
    tail: tuple[Blank | Comment, ...]  # lines after the last instruction
    builder_image: str
    runtime_image: str
    kind: str
    packages: tuple[str, ...]  # what the runtime installs
    package_manager: str | None
    dropped_packages: tuple[str, ...]
    library_map: tuple[tuple[str, tuple[str, ...]], ...]
    artifacts: tuple[Artifact, ...]
    last_build: int  # index in decisions of the last BUILD RUN
    builder_env: tuple[tuple[str, str], ...]
    first_build: int
    builder_after: tuple[str, ...]
    runtime_setup: tuple[tuple[int, str], ...]  # (decision index, shell text): users a build RUN adds
    runtime_after: tuple[tuple[int, str], ...]  # the rest of its setup (folders, links, modes), after the copies
    package_env: tuple[tuple[str, str], ...]  # assignments the original package installs ran with
    has_tests: bool
    notes: tuple[str, ...] = ()


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


# setup commands whose effect a copied folder already carries (modes and links are copied; owners are
# not when the runtime runs as another user, so chown stays): command -> how many leading words are no path
_CARRIED_BY_COPY = {"mkdir": 0, "touch": 0, "chmod": 1, "ln": 0}


def _carried(cm: Command, ctx: RunContext, artifacts: list[Artifact]) -> bool:
    """Whether every path ``cm`` sets up lies inside a folder the runtime copies from the builder."""
    skip = _CARRIED_BY_COPY.get(cm.name or "")
    if skip is None:
        return False
    words = [a for a in cm.args if a is None or not a.startswith("-")][skip:]
    if cm.name == "ln":
        words = words[-1:] if len(words) >= 2 else [None]
    if not words or any(w is None or "$" in w for w in words):
        return False
    paths = [posixpath.normpath(posixpath.join(ctx.workdir, w)) for w in words if w is not None]

    def within(path: str, folder: str) -> bool:
        return path == folder or path.startswith(folder.rstrip("/") + "/")

    # a folder that holds a copied artifact is made by the COPY itself (root, 0755, as mkdir does)
    return all(any(within(p, a.path) or (cm.name == "mkdir" and within(a.target, p)) for a in artifacts)
               for p in paths)


def _setup_to_repeat(line: int, facts: RunFacts, claims: list[Claim], ctx: RunContext,
                     artifacts: list[Artifact]) -> tuple[str, str] | Skip:
    """The environment setup inside a build RUN, which the runtime must repeat: (the users and groups it
    adds, the rest: folders, links, modes), each as shell text; or why it cannot be taken out alone.
    Folders, files and links inside what the runtime copies come with the copy."""
    users: list[str] = []
    others: list[str] = []
    moved_dir = False
    for cm, cl in zip(facts.commands, claims, strict=True):
        if cm.name in ("cd", "pushd", "popd"):
            moved_dir = True
        if cl.role is not Role.SETUP:
            continue
        if cm.depth != 0 or not facts.script.text:
            return Skip(f"RUN at line {line}: it builds and also sets up the environment inside a condition, "
                        "loop or function; the runtime cannot repeat just that part", line)
        if moved_dir:
            return Skip(f"RUN at line {line}: it builds and also sets up the environment after a `cd`; the "
                        "runtime cannot repeat just that part", line)
        if cm.name in USER_SETUP:
            users.append(facts.script.text[cm.start:cm.end])
        elif not _carried(cm, ctx, artifacts):
            others.append(facts.script.text[cm.start:cm.end])
    return " && ".join(users), " && ".join(others)


def _claim(cmd: Command, ctx: RunContext, passes: tuple[ModuleType, ...]) -> Claim | None:
    if not cmd.argv:  # only assignments (X=1): no effect of its own beyond the RUN
        return Claim(Role.NEUTRAL, "shell")
    for p in passes:
        c = p.claim(cmd, ctx)
        if c is not None:
            return c
    return None


def _argv_of(inst: Instruction) -> list[tuple[str | None, ...]]:
    """The command lines an exec- or shell-form CMD/ENTRYPOINT/HEALTHCHECK runs."""
    value = inst.value
    if inst.cmd == "healthcheck":
        if not value or value[0].upper() != "CMD":
            return []
        value = value[1:]
    if inst.json:
        argv = tuple(value)
        if len(argv) >= 3 and posixpath.basename(argv[0]) in ("sh", "bash") and argv[1].startswith("-") \
                and "c" in argv[1]:
            return [c.args and (c.name, *c.args) or (c.name,) for c in parse_shell(argv[2]).commands]
        return [argv]
    out: list[tuple[str | None, ...]] = []
    for c in parse_shell(value[0] if value else "").commands:
        inner = unwrap_shell_c(c)
        cmds = inner.commands if inner is not None else (c,)
        out += [(cc.name, *cc.args) for cc in cmds]
    return out


def _runtime_blocker(argvs: list[tuple[str | None, ...]]) -> str | None:
    table = data("commands.json")
    blockers: dict[str, str] = table["runtime_blockers"]
    subs: dict[str, dict[str, str]] = table["runtime_blocker_subcommands"]
    for argv in argvs:
        if not argv or argv[0] is None:
            continue
        name = posixpath.basename(argv[0])
        if name in ("sh", "bash") and len(argv) > 1:
            continue
        if argv[0] in blockers:
            return blockers[argv[0]]
        if name in blockers:
            return blockers[name]
        rest = " ".join(a or "" for a in argv[1:])
        for sub, why in subs.get(name, {}).items():
            if rest == sub or rest.startswith(sub + " "):
                return why
    return None


def make_plan(
    tree: Dockerfile,
    *,
    read_context: ContextReader,
    image_map: dict[str, str] | None = None,
    disabled: frozenset[str] = frozenset(),
) -> Plan | Skip:
    if not tree.stages:
        return Skip("the file has no FROM")
    if len(tree.stages) > 1:
        return Skip("already multi-stage")
    stage = tree.stages[0]
    if stage.from_.flags and any(not f.startswith("--platform=") for f in stage.from_.flags):
        return Skip("FROM has flags the tool does not know", stage.from_.start_line)
    builder_image = stage.base_image
    esc = tree.escape
    preamble_env = _preamble_env(tree)  # the ARGs before FROM, at their defaults
    resolved_image = expand(builder_image, preamble_env, esc)
    ref = ImageRef.parse(resolved_image)
    if builder_image == "scratch":
        return Skip("the base image is scratch: nothing to slim")
    fam = family_of(ref)
    kind = fam.kind if fam else ""
    passes = tuple(p for p in PASSES if p.NAME not in disabled)
    groups, tail = group_body(stage.body)
    early = _cheap_skip(groups, kind)  # before any RUN is read: reading a huge RUN is the slow part
    if early is not None:
        return early
    workdir = data("images.json").get("workdirs", {}).get(ref.repo, "/")
    env: list[tuple[str, str]] = []
    user: str | None = None
    decisions: list[Decision] = []
    package_ops: list[PackageOp] = []
    artifacts: list[Artifact] = []
    web_artifacts: list[Artifact] = []
    builder_env: list[tuple[str, str]] = []
    builder_after: list[str] = []
    runtime_setup: list[tuple[int, str]] = []
    runtime_after: list[tuple[int, str]] = []
    natives: list[tuple[str, str]] = []
    needs_libc = False
    has_cmd = False
    has_tests = False
    first_build = last_build = -1
    notes: list[str] = []
    for group in groups:
        inst = group.inst
        cmd = inst.cmd
        index = len(decisions)
        if cmd == "onbuild":
            return Skip("ONBUILD: the image is a base for other builds, which may need its tools", inst.start_line)
        if cmd in METADATA:
            if cmd in ("cmd", "entrypoint"):
                has_cmd = True
                blocker = _runtime_blocker(_argv_of(inst))
                if blocker:
                    return Skip(f"{inst.keyword.upper()} at line {inst.start_line}: {blocker}", inst.start_line)
            decisions.append(Decision(group, Where.RUNTIME, workdir=workdir, user=user))
            continue
        if cmd in CARRIED:
            if cmd == "workdir" and inst.value:
                workdir = posixpath.normpath(posixpath.join(workdir, expand(inst.value[0], tuple(env), esc)))
            elif cmd == "user" and inst.value:
                user = expand(inst.value[0], tuple(env), esc)
            elif cmd in ("env", "arg"):
                env += [(k, expand(v, tuple(env), esc)) for k, v in env_pairs(inst)]
            decisions.append(Decision(group, Where.BOTH, workdir=workdir, user=user))
            continue
        if cmd in ("copy", "add"):
            if cmd == "add" and any("://" in v or v.startswith("git@") for v in inst.value[:-1]):
                decisions.append(Decision(group, Where.BOTH, workdir=workdir, user=user))
                continue
            decisions.append(Decision(group, Where.BOTH, workdir=workdir, user=user))
            continue
        if cmd != "run":
            return Skip(f"line {inst.start_line}: unknown instruction {inst.keyword}", inst.start_line)
        facts = read_run(inst)
        if not facts.readable:
            return Skip(f"RUN at line {inst.start_line}: {facts.problem}", inst.start_line)
        ctx = RunContext(ref, kind, workdir, tuple(env), user, read_context)
        claims: list[Claim] = []
        for c in facts.commands:
            claim = _claim(c, ctx, passes)
            if claim is None:
                shown = " ".join(w.text for w in c.argv)[:60]
                return Skip(f"RUN at line {inst.start_line}: `{shown}` is not understood; the tool cannot tell "
                            "whether the runtime needs it", inst.start_line)
            claims.append(claim)
            if claim.sets_env:  # `poetry config virtualenvs.create false`: seen by the commands after it
                env += claim.sets_env
                ctx = dataclasses.replace(ctx, env=tuple(env))
        roles = {c.role for c in claims} - {Role.NEUTRAL}
        for c in claims:
            if c.packages:
                package_ops.append(c.packages)
        if Role.BUILD in roles or (Role.TEST in roles and Role.PACKAGES in roles):
            role = Role.BUILD
            where = Where.BUILDER
            if first_build < 0:
                first_build = index
            last_build = index
            for c in claims:
                artifacts += c.artifacts
                web_artifacts += c.artifacts if c.ecosystem == "web" else ()
                builder_env += [e for e in c.builder_env if e not in builder_env]
                builder_after += [a for a in c.builder_after if a not in builder_after]
                needs_libc = needs_libc or c.needs_libc
                natives += [n for n in c.native if n not in natives]
                if c.note and c.note not in notes:
                    notes.append(c.note)
            repeat = _setup_to_repeat(inst.start_line, facts, claims, ctx, artifacts)
            if isinstance(repeat, Skip):
                return repeat
            users, others = repeat
            if users:
                runtime_setup.append((index, users))
            if others:
                runtime_after.append((index, others))
        elif roles == {Role.TEST}:
            role, where = Role.TEST, Where.TEST
            has_tests = True
        elif Role.PACKAGES in roles:
            role, where = Role.PACKAGES, Where.BUILDER
        elif roles == {Role.SETUP}:
            role, where = Role.SETUP, Where.BOTH
        elif Role.TEST in roles:
            role, where = Role.BUILD, Where.BUILDER
        else:
            role, where = Role.NEUTRAL, Where.BUILDER
        decisions.append(Decision(group, where, role, tuple(claims), facts.commands, workdir, user))
    if not has_cmd:
        notes.append(f"the file sets no CMD: the runtime image inherits its default command, as the "
                     f"{builder_image} image does")
    pkgs = runtime_packages(package_ops)
    native_libs: list[str] = []
    if not ref.is_alpine:  # the full python image has the libraries of these -dev packages, slim has not
        for project, dev, libs in runtime_libraries(natives, [*pkgs.keep]):
            native_libs += libs
            notes.append(f"{project} is built against {dev}: the runtime installs {', '.join(libs)}")
    server = _static_server(decisions) if web_artifacts else None
    if server is not None:
        # a static site: the web server's own image, and only the web root comes along
        kind = "static"
        image_map = {builder_image: server["image"], **(image_map or {})}
        artifacts = [dataclasses.replace(a, dest=server["root"]) for a in web_artifacts]
        notes.append(f"the CMD serves the static site with {server['name']}: the runtime is {server['image']}")
    tools = _runtime_tools(decisions, read_context)
    with_packages = bool(pkgs.keep) or bool(native_libs) or bool(runtime_setup) or bool(runtime_after) \
        or any(d.role is Role.SETUP for d in decisions) \
        or _needs_shell(decisions)
    if kind == "go" and needs_libc:
        with_packages = True
    rt_image = runtime_image(builder_image, with_packages=with_packages or bool(tools),
                             overrides=image_map)
    if rt_image == builder_image and resolved_image != builder_image:  # FROM python:${PYTHON_VERSION}
        resolved = runtime_image(resolved_image, with_packages=with_packages or bool(tools),
                                 overrides=image_map)
        if resolved != resolved_image:
            rt_image = _with_variables(resolved, builder_image, preamble_env, notes)
    keep = list(pkgs.keep) + native_libs
    if server is not None:
        keep = [p for p in keep if p not in server["packages"]]
    manager = pkgs.manager or ("apt" if native_libs else None)
    if rt_image != builder_image and not ref.is_alpine:
        packages_of = data("commands.json")["runtime_tools"]
        for tool, where in tools:
            package = packages_of[tool]
            if package not in keep:
                keep.append(package)
                manager = manager or "apt"
                if where == "the HEALTHCHECK" and package == tool:
                    notes.append(f"the runtime installs {tool} for the HEALTHCHECK (the slim image has none)")
                else:
                    notes.append(f"the runtime installs {package}: {where} runs `{tool}` (the slim image has none)")
    if "distroless" in rt_image or rt_image == "scratch":
        provided = set(data("images.json")["distroless_provides"])
        keep = [p for p in keep if p not in provided]
    if first_build < 0:
        # Without a build step a second stage brings nothing, and compilers the file installs
        # are there for run time (a distcc server, a CI image).
        hint = f"; a smaller base would be FROM {rt_image}" if rt_image != builder_image else ""
        if pkgs.dropped:
            return Skip("nothing is built in the file, so the compilers and headers it installs are for run "
                        "time" + hint)
        return Skip("nothing to gain from stages: nothing is built" + hint)
    gain = rt_image != builder_image or pkgs.dropped or kind in COMPILED
    if not gain:
        return Skip("nothing to gain: the base is already slim and no build-only package is installed")
    return Plan(
        stage=stage,
        decisions=tuple(decisions),
        tail=tail,
        builder_image=builder_image,
        runtime_image=rt_image,
        kind=kind,
        packages=tuple(keep),
        package_manager=manager,
        dropped_packages=pkgs.dropped,
        library_map=pkgs.library_map,
        artifacts=tuple(artifacts),
        last_build=last_build,
        first_build=first_build,
        builder_env=tuple(builder_env),
        builder_after=tuple(builder_after),
        runtime_setup=tuple(runtime_setup),
        runtime_after=tuple(runtime_after),
        package_env=pkgs.env,
        has_tests=has_tests,
        notes=tuple(notes),
    )


def _needs_shell(decisions: list[Decision]) -> bool:
    """Whether CMD, ENTRYPOINT or HEALTHCHECK runs a shell (shell form, or sh/bash): not on distroless."""
    for d in decisions:
        inst = d.group.inst
        if inst.cmd in ("cmd", "entrypoint", "healthcheck"):
            value = inst.value[1:] if inst.cmd == "healthcheck" else inst.value
            if inst.cmd == "healthcheck" and (not inst.value or inst.value[0].upper() != "CMD"):
                continue
            if not inst.json and value:
                return True
            if value and posixpath.basename(value[0]) in ("sh", "bash", "ash", "dash"):
                return True
    return False


def _cheap_skip(groups: list[Group], kind: str) -> Skip | None:
    """Reasons to leave the file alone that need no shell parsing."""
    has_cmd = copies_app = False
    for g in groups:
        inst = g.inst
        if inst.cmd == "onbuild":
            return Skip("ONBUILD: the image is a base for other builds, which may need its tools", inst.start_line)
        if inst.cmd in ("cmd", "entrypoint"):
            has_cmd = True
        if inst.cmd in ("copy", "add") and inst.flag("from") is None:
            copies_app = True
    if not has_cmd and not (copies_app and kind in INHERITS_CMD):
        return Skip("the file sets no CMD or ENTRYPOINT: it looks like a base or toolchain image, whose users "
                    "may need its build tools")
    return None


def _with_variables(runtime: str, builder: str, env: tuple[tuple[str, str], ...], notes: list[str]) -> str:
    """The runtime image of a FROM with build arguments, written with the same arguments: the runtime of
    ``python:${PYTHON_VERSION}`` (3.11 by default) is ``python:${PYTHON_VERSION}-slim``. When a value cannot
    be put back unambiguously, the builder's own image is kept."""
    values = dict(env)
    out = runtime
    for ref in dict.fromkeys(m.group(0) for m in _ARG_REF.finditer(builder)):
        name = ref.strip("${}")
        value = values.get(name, "")
        if not value or out.count(value) > 1 or any(c in value for c in "${}"):
            return builder
        if value in out:
            out = out.replace(value, ref)
            notes.append(f"the runtime image follows ARG {name} as the builder's does (default {value})")
    return out


_ARG_REF = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*")


def _preamble_env(tree: Dockerfile) -> tuple[tuple[str, str], ...]:
    env: list[tuple[str, str]] = []
    for item in tree.preamble:
        if isinstance(item, Instruction) and item.cmd == "arg":
            env += [(k, expand(v, tuple(env), tree.escape)) for k, v in env_pairs(item)]
    return tuple(env)


def _static_server(decisions: list[Decision]) -> dict[str, Any] | None:
    """The static file server the CMD/ENTRYPOINT runs, from data/images.json."""
    servers = data("images.json")["static_servers"]
    for d in decisions:
        if d.group.inst.cmd in ("cmd", "entrypoint"):
            for argv in _argv_of(d.group.inst):
                name = posixpath.basename(argv[0] or "") if argv else ""
                if name in servers and not name.startswith("_"):
                    return {"name": name, **servers[name]}
    return None


def _runtime_tools(decisions: list[Decision], read_context: ContextReader) -> list[tuple[str, str]]:
    """(command, who runs it) for the commands of data/commands.json's runtime_tools that the CMD,
    ENTRYPOINT or HEALTHCHECK run, directly or in a script of the build context."""
    table = data("commands.json")["runtime_tools"]
    found: dict[str, str] = {}
    for d in decisions:
        inst = d.group.inst
        if inst.cmd not in ("healthcheck", "cmd", "entrypoint"):
            continue
        who = "the HEALTHCHECK" if inst.cmd == "healthcheck" else f"the {inst.keyword.upper()}"
        for argv in _argv_of(inst):
            names = [(posixpath.basename(argv[0]), who)] if argv and argv[0] else []
            for word in argv[:2]:
                script = _context_script(word, d.workdir, read_context) if word else None
                if script is not None:
                    names += [(c.name, f"{word} (run by {who})") for c in parse_shell(script).commands if c.name]
            for name, where in names:
                if name in table and name not in found:
                    found[name] = where
    return list(found.items())


def _context_script(word: str, workdir: str, read_context: ContextReader) -> str | None:
    """The text of a shell script a command line runs, found in the build context (or None)."""
    if not (word.endswith(".sh") or word.startswith(("./", "/"))) or "$" in word:
        return None
    text = read_from_context(read_context, workdir, word)
    if text is None:
        return None
    shebang = text.split("\n", 1)[0] if text.startswith("#!") else ""
    return text if word.endswith(".sh") or shebang.endswith(("sh", "bash")) else None


