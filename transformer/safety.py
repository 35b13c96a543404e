"""Post-conditions every refactoring must meet before it is returned.

``check(before, after)`` compares the original single-stage file with the
multi-stage result and lists what is wrong: a ``COPY --from`` naming a stage that
is not defined before it, stage names used twice, a runtime stage that lost the
original's CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK, WORKDIR, ENV or USER, a runtime
that runs as root where the original did not, a builder-only ARG (a secret,
say) that reaches the runtime stage, or a comment line of the original that the
result no longer has. The pipeline leaves the file unchanged when anything is listed.
"""

from __future__ import annotations

import re
from collections import Counter
from enum import Enum

from .analysis import env_pairs, expand, variables_used
from .lexer import split_lines
from .official import inherited
from .render import render
from .tree import Dockerfile, Instruction, Stage


class _Kept(Enum):
    """How the runtime keeps an instruction of the original's image config."""

    LAST = "the last one, as it is"  # CMD, ENTRYPOINT...: the last one is the one that counts
    ALL = "every one, in any order"  # EXPOSE, VOLUME, LABEL add up


_KEPT = (("cmd", _Kept.LAST), ("entrypoint", _Kept.LAST), ("expose", _Kept.ALL), ("healthcheck", _Kept.LAST),
         ("stopsignal", _Kept.LAST), ("volume", _Kept.ALL), ("label", _Kept.ALL), ("shell", _Kept.LAST))
_SECRET = re.compile(r"(TOKEN|SECRET|PASSW|PASSWORD|KEY|CREDENTIAL|AUTH)", re.I)
_ROOT = {"", "root", "0", "0:0", "root:root"}


_BAD_PATH = re.compile(r"[\"'\\\s]")


def _final(stage: Stage, cmd: str) -> list[tuple[str, ...]]:
    return [i.value for i in stage.instructions if i.cmd == cmd]


def _last_value(stage: Stage, cmd: str) -> str | None:
    values = _final(stage, cmd)
    return values[-1][0] if values and values[-1] else None


def _workdir(stage: Stage) -> str | None:
    """The stage's last WORKDIR, else the one its base image sets (golang's /go; "/" for an image the data
    do not know): the folder its command starts in."""
    value = _last_value(stage, "workdir")
    if value is not None:
        return value
    base = inherited(stage.base_image)
    return base.workdir or "/" if base is not None else "/"


def _env(stage: Stage) -> dict[str, str]:
    out: dict[str, str] = {}
    for inst in stage.instructions:
        if inst.cmd == "env":
            out.update(env_pairs(inst))
    return out


_IMAGE_PATH = "$PATH"  # the PATH the stage's image sets, as it stands before the stage's own ENV


def _path_entries(stage: Stage) -> list[str]:
    """The stage's PATH as its ENV instructions leave it (evaluated as BuildKit does: quotes removed, the
    variables they or the known base image set replaced), folder by folder, the image's own PATH as one entry
    ``$PATH``."""
    base = inherited(stage.base_image)
    env = {**dict(base.env if base else ()), "PATH": _IMAGE_PATH}
    for inst in stage.instructions:
        for key, value in env_pairs(inst) if inst.cmd == "env" else ():
            env[key] = expand(value, tuple(env.items()))
    return list(dict.fromkeys(env["PATH"].split(":")))  # a folder named again adds nothing to the search


def _path_kept(original: Stage, runtime: Stage) -> bool:
    """Whether the runtime's PATH holds the original's folders in their order, with at most folders of the
    tool's own environments added (a venv's bin, named by an absolute path), which hold no command of the
    original's image."""
    before, after = _path_entries(original), _path_entries(runtime)
    added = [e for e in after if e not in before]
    return [e for e in after if e in before] == before and all(e.startswith("/") and "$" not in e for e in added)


def _comment_lines(tree: Dockerfile) -> Counter[str]:
    """The file's comment lines (those inside a RUN's continuation too), as a multiset."""
    return Counter(line.strip() for line in split_lines(render(tree)) if line.lstrip().startswith("#"))


def unsafe_path(word: str) -> bool:
    """Whether a path holds what a COPY the tool writes must not carry (quotes, blanks, escapes, control
    characters)."""
    return bool(_BAD_PATH.search(word)) or any(c.isspace() or not c.isprintable() for c in word)


def _copy_problems(inst: Instruction, src: str, stage: Stage, names: list[str], after: Dockerfile,
                   tool_wrote_copies: bool) -> list[str]:
    """What is wrong with a COPY --from=``src`` in ``stage`` (``names``: the stage names before it): a stage
    not defined before it; a path the tool wrote (``tool_wrote_copies``) with quotes, blanks or escapes."""
    problems = []
    known = src.lower() in names or (src.isdigit() and int(src) < stage.index)
    later = any(s.name and s.name.lower() == src.lower() for s in after.stages[stage.index:])
    if later or (src.isdigit() and not known):
        problems.append(f"COPY --from={src} in stage {stage.index} names no earlier stage")
    if known and tool_wrote_copies:
        for word in inst.value:
            if unsafe_path(word):
                problems.append(f"COPY --from={src} in stage {stage.index} has a path with quotes, "
                                f"blanks or escapes: {word}")
    return problems


def _stage_problems(after: Dockerfile, tool_wrote_copies: bool) -> list[str]:
    """What is wrong with the result's stages: copies from no earlier stage (or of unsafe paths), a stage that
    starts from a later one, a stage name used twice; stage by stage."""
    problems: list[str] = []
    names: list[str] = []
    for stage in after.stages:
        for inst in stage.instructions:
            src = inst.flag("from")
            if inst.cmd == "copy" and src is not None:
                problems += _copy_problems(inst, src, stage, names, after, tool_wrote_copies)
        base = stage.from_.value[0].lower() if stage.from_.value else ""
        if base not in names and any(s.name and s.name.lower() == base for s in after.stages[stage.index + 1:]):
            problems.append(f"stage {stage.index} starts from a later stage")
        if stage.name:
            if stage.name.lower() in names:
                problems.append(f"the stage name {stage.name} is used twice")
            names.append(stage.name.lower())
    return problems


def _lost_comments(before: Dockerfile, after: Dockerfile) -> list[str]:
    """The original's comment lines that the result no longer has (one problem for them all)."""
    lost = _comment_lines(before) - _comment_lines(after)
    if not lost:
        return []
    return [f"the result lost {sum(lost.values())} comment line(s) of the original: {next(iter(lost))}"]


def _kept_problems(original: Stage, runtime: Stage) -> list[str]:
    """The instructions of the original's image config (CMD, EXPOSE, ...) and its WORKDIR that the runtime
    does not keep."""
    problems = []
    for cmd, kept in _KEPT:
        before, after = _final(original, cmd), _final(runtime, cmd)
        if kept is _Kept.LAST and before[-1:] != after[-1:]:
            problems.append(f"the runtime's {cmd.upper()} differs from the original's")
        elif kept is _Kept.ALL and sorted(before) != sorted(after):
            problems.append(f"the runtime's {cmd.upper()} instructions differ from the original's")
    if _workdir(original) != _workdir(runtime):
        problems.append("the runtime's WORKDIR differs from the original's")
    return problems


def _env_problems(original: Stage, runtime: Stage) -> list[str]:
    """The original's ENV variables that the runtime does not set as it does (a PATH may gain the tool's
    environments' folders)."""
    problems = []
    env_after = _env(runtime)
    for key, value in _env(original).items():
        if key == "PATH":  # the same text may mean another PATH after the tool's environment's ENV
            if not _path_kept(original, runtime):
                problems.append("the runtime's PATH does not hold the original's folders in their order")
        elif env_after.get(key) != value:
            problems.append(f"the runtime does not set ENV {key} as the original does")
    return problems


def _user_problems(original: Stage, runtime: Stage, runtime_user: str | None) -> list[str]:
    """A runtime that runs as root where the original did not, or as another USER (but the configured one)."""
    problems = []
    user_before = (_last_value(original, "user") or "").strip()
    user_after = (_last_value(runtime, "user") or "").strip()
    if user_before not in _ROOT and user_after in _ROOT:
        problems.append(f"the runtime runs as root where the original ran as {user_before}")
    if not user_before and runtime_user and user_after == runtime_user:
        pass  # the user asked for it (configuration: runtime_user)
    elif user_before != user_after:
        problems.append(f"the runtime's USER is {user_after or 'unset'}, the original's {user_before or 'unset'}")
    return problems


# variables the programs of a RUN read from its environment without the RUN naming them: apt's debconf asks no
# question with DEBIAN_FRONTEND=noninteractive (ubuntu:20.04's tzdata otherwise waits for an answer, and the build
# hangs), so an ARG that sets them is used by any RUN after it
READ_BY_RUNS = frozenset({"DEBIAN_FRONTEND", "DEBCONF_NONINTERACTIVE_SEEN", "DEBCONF_NOWARNINGS"})


def _repeated_in_scope(original: Stage, runtime: Stage) -> set[str]:
    """The original's ARGs in the environment of a RUN the runtime repeats word for word: its programs (a script
    of the project) may read them there as they did in the original."""
    repeated = {inst.original for inst in runtime.instructions if inst.cmd == "run"}
    read: set[str] = set()
    in_scope: set[str] = set()
    for inst in original.instructions:
        if inst.cmd == "arg":
            in_scope |= {name for name, _ in env_pairs(inst)}
        elif inst.cmd == "run" and inst.original in repeated:
            read |= in_scope
    return read


def _used(stage: Stage) -> tuple[set[str], list[Instruction]]:
    """The variables a stage's instructions use, and its ARG instructions."""
    used: set[str] = set()
    args: list[Instruction] = []
    for inst in [stage.from_, *stage.instructions]:
        if inst.cmd == "arg":
            args.append(inst)
            used |= {v for _, default in env_pairs(inst) for v in variables_used(default)}  # ARG B=${A}/x
        else:
            used |= variables_used(inst.original) | (READ_BY_RUNS if inst.cmd == "run" else frozenset())
    return used, args


def _unused_after_runs(stage: Stage) -> set[str]:
    """The ARGs of a stage declared after its last RUN that none of its instructions use."""
    runs = [i for i, inst in enumerate(stage.instructions) if inst.cmd == "run"]
    last_run = runs[-1] if runs else -1
    late = {name for inst in stage.instructions[last_run + 1:] if inst.cmd == "arg" for name, _ in env_pairs(inst)}
    return late - _used(stage)[0]


def _arg_problems(original: Stage, runtime: Stage) -> list[str]:
    """The runtime's ARGs that nothing in it uses (a builder-only ARG, a secret say, that reached it); not one the
    original stage did not use either, which the runtime keeps as the original had it: no instruction names it and
    no RUN follows it, whose programs may read it (modern 038: `ARG DEFAULT_PORT 3000`, after the RUNs, declares
    an ARG named 3000 too)."""
    used, runtime_args = _used(runtime)
    used |= _repeated_in_scope(original, runtime)
    unused_before = _unused_after_runs(original)
    problems = []
    for inst in runtime_args:
        for name, _ in env_pairs(inst):
            if name not in used and name not in unused_before:
                secret = " (it looks like a secret)" if _SECRET.search(name) else ""
                problems.append(f"ARG {name} reaches the runtime stage, which does not use it{secret}")
    return problems


def check(before: Dockerfile, after: Dockerfile, runtime_user: str | None = None) -> list[str]:
    """What is wrong with ``after``, the refactoring of ``before``, in the order the checks run; [] when
    nothing is. The runtime is compared with the original only when the original had one stage."""
    if not after.stages:
        return ["the result has no stage"]
    one_stage = len(before.stages) == 1  # then every copy between stages is the tool's
    problems = _stage_problems(after, tool_wrote_copies=one_stage) + _lost_comments(before, after)
    if not one_stage:
        return problems
    if len(after.stages) < 2:
        return [*problems, "the result is not multi-stage"]
    original, runtime = before.stages[0], after.stages[-1]
    return [*problems, *_kept_problems(original, runtime), *_env_problems(original, runtime),
            *_user_problems(original, runtime, runtime_user), *_arg_problems(original, runtime)]
