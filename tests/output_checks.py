"""What every refactoring the tests make must satisfy (issue #6, output safety).

``output_problems(before, after)`` lists what is wrong with a refactored file, as
plain sentences (an empty list: nothing). It is deliberately written apart from
``transformer.safety`` (which the tool itself runs) so that a bug shared by both
does not hide:

- the result parses, here and in PyPI ``dockerfile`` (BuildKit's Go parser);
- ``COPY --from`` names only earlier stages; stage names are unique;
- an ARG the runtime stage does not use (``ARG GITHUB_TOKEN`` used by a builder RUN)
  is not declared in it;
- the runtime runs as root only where the original did;
- the final stage installs no compiler (gcc, g++, clang, build-essential, build-base,
  make...) and no ``-dev``/``-devel`` package;
- the runtime keeps the original's CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK, WORKDIR,
  USER and ENV values.
"""

from __future__ import annotations

import re

import transformer
from transformer.analysis import read_run
from transformer.tree import Dockerfile, Instruction, Stage

try:
    import dockerfile as _oracle
except ImportError:  # pragma: no cover
    _oracle = None

COMPILERS = frozenset(
    {
        "gcc", "g++", "cpp", "clang", "llvm", "build-essential", "build-base", "make", "cmake", "autoconf",
        "automake", "libtool", "musl-dev", "libc6-dev", "libc-dev", "gcc-c++", "golang", "go", "rust", "cargo",
        "gfortran",
    }
)
_INSTALL = {"apt-get": ("install",), "apt": ("install",), "apk": ("add",), "yum": ("install",),
            "dnf": ("install",), "microdnf": ("install",)}
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))")
_ROOT_USERS = {"", "root", "0", "0:0", "root:root"}


_LDD_LIST = re.compile(r" \\\n    && mkdir -p /tmp/runtime-libraries.*?&& rm -rf /tmp/runtime-libraries", re.S)
_LDD_INSTALL = ("RUN apt-get update && xargs -r apt-get install -y --no-install-recommends --no-upgrade "
                "< /opt/runtime-packages "
                "&& rm -rf /var/lib/apt/lists/*")


def fold_ldd(text: str) -> str:
    """``text`` with the builder's ldd commands (transformer/linked.py) folded into ``&& {LIST}`` and the
    runtime's install of their list into ``{INSTALL}``: a whole-file expectation that is not about them."""
    return _LDD_LIST.sub(lambda _: " \\\n    && {LIST}", text).replace(_LDD_INSTALL, "{INSTALL}")


def installed_packages(stage: Stage) -> list[str]:
    """The packages the stage's RUNs install with apt/apk/yum (options dropped, versions cut)."""
    out: list[str] = []
    for inst in stage.instructions:
        if inst.cmd != "run":
            continue
        for cmd in read_run(inst).commands:
            verbs = _INSTALL.get(cmd.name or "")
            if not verbs:
                continue
            args = [a for a in cmd.args if a is not None]
            if not any(v in args for v in verbs):
                continue
            after = args[min(args.index(v) for v in verbs if v in args) + 1 :]
            for a in after:
                if a.startswith("-"):
                    continue
                out.append(re.split(r"[=<>~]", a, maxsplit=1)[0])
    return out


def _values(stage: Stage, cmd: str) -> list[tuple[str, ...]]:
    return [i.value for i in stage.instructions if i.cmd == cmd]


def _last(stage: Stage, cmd: str) -> tuple[str, ...] | None:
    values = _values(stage, cmd)
    return values[-1] if values else None


def _env(stage: Stage) -> dict[str, str]:
    out: dict[str, str] = {}
    for inst in stage.instructions:
        if inst.cmd == "env":
            v = inst.value
            out.update((v[k], v[k + 1]) for k in range(0, len(v) - 1, 2))
    return out


def _arg_names(inst: Instruction) -> list[str]:
    return [w.split("=", 1)[0] for w in inst.value]


def output_problems(before: str, after: str) -> list[str]:
    """What is wrong with ``after``, the refactoring of the single-stage ``before``."""
    problems: list[str] = []
    try:
        old = transformer.parse(before)
        new = transformer.parse(after)
    except transformer.DockerfileSyntaxError as e:
        return [f"does not parse: {e}"]
    if _oracle is not None and "\x00" not in after:
        try:
            after.encode("utf-8")
        except UnicodeEncodeError:
            pass
        else:
            try:
                _oracle.parse_string(after)
            except _oracle.GoParseError as e:
                problems.append(f"PyPI dockerfile rejects it: {e}")
    problems += _stage_problems(new)
    if len(old.stages) != 1:
        return problems
    if len(new.stages) < 2:
        return [*problems, "the result is not multi-stage"]
    original, runtime = old.stages[0], new.stages[-1]
    # ARGs: one the runtime does not use is not declared there
    used: set[str] = set()
    for inst in [runtime.from_, *runtime.instructions]:
        if inst.cmd != "arg":
            used |= {a or b for a, b in _VAR.findall(inst.original)}
    for inst in runtime.instructions:
        if inst.cmd == "arg":
            for name in _arg_names(inst):
                if name not in used:
                    problems.append(f"ARG {name} is declared in the runtime stage, which does not use it")
    # USER
    user_before = " ".join(_last(original, "user") or ()).strip()
    user_after = " ".join(_last(runtime, "user") or ()).strip()
    if user_before not in _ROOT_USERS and user_after in _ROOT_USERS:
        problems.append(f"the runtime runs as root, the original as {user_before}")
    if user_before != user_after:
        problems.append(f"USER {user_after!r} in the runtime, {user_before!r} in the original")
    # compilers and headers
    for pkg in installed_packages(runtime):
        if pkg in COMPILERS:
            problems.append(f"the final stage installs the compiler {pkg}")
        elif pkg.endswith(("-dev", "-devel")):
            problems.append(f"the final stage installs the headers package {pkg}")
    # what the container runs and how
    for cmd in ("cmd", "entrypoint", "healthcheck", "workdir"):
        if _last(original, cmd) != _last(runtime, cmd):
            problems.append(f"{cmd.upper()} {_last(runtime, cmd)} in the runtime, {_last(original, cmd)} originally")
    if sorted(_values(original, "expose")) != sorted(_values(runtime, "expose")):
        problems.append("the runtime's EXPOSE differs from the original's")
    env_before, env_after = _env(original), _env(runtime)
    for key, value in env_before.items():
        if env_after.get(key) != value:
            problems.append(f"ENV {key}={value} is not kept in the runtime ({env_after.get(key)!r})")
    return problems


def _stage_problems(tree: Dockerfile) -> list[str]:
    problems: list[str] = []
    names: list[str] = []
    every = {s.name.lower() for s in tree.stages if s.name}
    for stage in tree.stages:
        for inst in stage.instructions:
            src = inst.flag("from")
            if inst.cmd in ("copy", "add") and src is not None:
                earlier = src.lower() in names or (src.isdigit() and int(src) < stage.index)
                image = not src.isdigit() and src.lower() not in every  # an image reference, not a stage
                if not earlier and not image:
                    problems.append(f"COPY --from={src} in stage {stage.index} names no earlier stage")
        if stage.name:
            if stage.name.lower() in names:
                problems.append(f"the stage name {stage.name} is used twice")
            names.append(stage.name.lower())
    return problems
