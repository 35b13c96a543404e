"""The robustness invariants, shared by the atheris harnesses (fuzz/*.py) and the
pytest fuzz tests (tests/test_fuzz.py). Pure Python: nothing here needs atheris.

Each ``check_*`` function raises AssertionError (or lets an unexpected exception
through) when msrefactor breaks a promise for one input:

- ``parse`` raises only DockerfileSyntaxError, and ``render(parse(x)) == x``;
- ``refactor`` raises only DockerfileSyntaxError; its skip reason is never an
  internal error, nor the safety net refusing what the composer wrote (refactor()
  runs ``safety.check`` itself and returns the input when it fails, so checking a
  changed result with it again could never fail: a refusal is the bug to report,
  unless the input itself fails the net's checks of stages, as a COPY --from of its
  own stage does);
  a changed result parses (here and in PyPI ``dockerfile`` when that accepts the
  input), meets ``result_problems`` (written apart from safety.py, so that one bug
  in both does not hide) and is a fixed point;
- the CLI exits 0, 1 or 2, prints one line on stderr on error, never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import transformer
from transformer import safety
from transformer.official import inherited
from transformer.tree import Dockerfile, Stage

ROOT = Path(__file__).resolve().parent.parent
SHARED_APPS = ROOT.parent / "shared" / "e2e" / "apps"

try:  # the oracle (a test dependency); its checks are skipped without it
    import dockerfile as _oracle
except ImportError:  # pragma: no cover
    _oracle = None


def seed_paths() -> list[Path]:
    """Real files to mutate: the refactor fixtures (inputs and expected outputs),
    the syntax fixtures and the shared e2e apps."""
    paths = sorted((ROOT / "fixtures" / "refactor").glob("*/*Dockerfile"))
    paths += sorted((ROOT / "fixtures" / "syntax").glob("*"))
    paths += sorted((ROOT / "fixtures" / "syntax-errors").glob("*"))
    paths += sorted(SHARED_APPS.glob("*/Dockerfile"))
    return [p for p in paths if p.is_file()]


def seed_texts() -> list[str]:
    return [p.read_bytes().decode("utf-8", "surrogateescape") for p in seed_paths()]


def oracle_accepts(text: str) -> bool | None:
    """True/False when PyPI ``dockerfile`` accepts/rejects the text; None when it
    cannot tell (not UTF-8, a NUL, which its C-string wrapper cuts at, or a wrapper crash)."""
    if _oracle is None or "\x00" in text:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    try:
        _oracle.parse_string(text)
    except _oracle.GoParseError:
        return False
    except Exception:  # noqa: BLE001 - the wrapper's own decode errors
        return None
    return True


def check_parse(text: str) -> Dockerfile | None:
    """The tree, or None when the text is rejected (with DockerfileSyntaxError only)."""
    try:
        tree = transformer.parse(text)
    except transformer.DockerfileSyntaxError as e:
        assert isinstance(e, ValueError)
        assert e.message and "\n" not in e.message, f"syntax error message not one line: {e.message!r}"
        assert not e.message.startswith("internal parser error"), e.message
        return None
    out = transformer.render(tree)
    assert out == text, "render(parse(x)) != x"
    return tree


def check_refactor(text: str, *, oracle: bool = True, idempotent: bool = True) -> transformer.Result | None:
    """The Result, or None when the text is rejected (with DockerfileSyntaxError only)."""
    try:
        result = transformer.refactor(text)
    except transformer.DockerfileSyntaxError:
        return None
    assert result.original == text
    assert result.status is not transformer.Status.ERROR, result.error
    if result.skipped is not None:
        assert result.text == text and not result.changed
        if result.skipped.startswith(UNSAFE) and sound_input(text):
            raise AssertionError(f"the composer wrote an unsafe result: {result.skipped}")
        return result
    if not result.changed:
        assert result.text == text
        return result
    before = transformer.parse(text)
    try:
        after = transformer.parse(result.text)
    except transformer.DockerfileSyntaxError as e:  # pragma: no cover - a bug
        raise AssertionError(f"the refactored text does not parse: {e}") from None
    assert transformer.render(after) == result.text
    problems = result_problems(before, after)
    assert not problems, problems
    if oracle and oracle_accepts(text):
        assert oracle_accepts(result.text) is not False, "PyPI dockerfile rejects the refactored text"
    if idempotent:
        again = transformer.refactor(result.text)
        assert not again.changed, "a second refactor changes the result"
        assert again.status is not transformer.Status.ERROR, again.error
    return result


UNSAFE = "the result would not be safe"


def sound_input(text: str) -> bool:
    """The input meets the safety net's checks of stages itself (no COPY --from of its own stage...): a
    refusal of its refactoring is then the composer's doing."""
    tree = transformer.parse(text)
    return [p for p in safety.check(tree, tree) if p != "the result is not multi-stage"] == []
_KEPT = ("cmd", "entrypoint", "healthcheck", "user", "workdir", "stopsignal")


def _last(stage: Stage, cmd: str) -> tuple[str, ...] | None:
    values = [i.value for i in stage.instructions if i.cmd == cmd]
    return values[-1] if values else None


def _effective(stage: Stage, cmd: str) -> tuple[str, ...] | None:
    """The stage's last value of ``cmd``; for WORKDIR, the base image's own when the stage sets none (golang's
    /go: a runtime on another image must set it; php's /var/www/html holds on the same image)."""
    value = _last(stage, cmd)
    if value is None and cmd == "workdir":
        base = inherited(stage.base_image)
        if base is not None and base.workdir and base.workdir != "/":
            return (base.workdir,)
    return value


def _comment_lines(text: str) -> list[str]:
    return sorted(line.strip() for line in text.splitlines() if line.lstrip().startswith("#"))


def result_problems(before: Dockerfile, after: Dockerfile) -> list[str]:
    """What is wrong with ``after``, the refactoring of the single-stage ``before``: a stage named before
    it is defined (by FROM or COPY --from), a stage name used twice, a runtime that does not run what the
    original ran (its last CMD, ENTRYPOINT, HEALTHCHECK, USER, WORKDIR, STOPSIGNAL) or sets another ENV,
    a comment line of the original gone."""
    problems: list[str] = []
    every = [s.name.lower() for s in after.stages if s.name]
    if len(set(every)) != len(every):
        problems.append(f"stage names used twice: {every}")
    for stage in after.stages:
        earlier = {s.name.lower() for s in after.stages[:stage.index] if s.name} | {
            str(k) for k in range(stage.index)}
        later = {s.name.lower() for s in after.stages[stage.index + 1:] if s.name}
        base = stage.from_.value[0].lower() if stage.from_.value else ""
        if base in later and base not in earlier:
            problems.append(f"stage {stage.index} starts from {base}, a stage defined after it")
        for inst in stage.instructions:
            src = (inst.flag("from") or "").lower() if inst.cmd in ("copy", "add") else ""
            if (src in later | {(stage.name or "").lower()} or src.isdigit()) and src and src not in earlier:
                problems.append(f"stage {stage.index} copies from {src}, which is not an earlier stage")
    if len(before.stages) == 1 and len(after.stages) > 1:
        original, runtime = before.stages[0], after.stages[-1]
        problems += [f"the runtime's {cmd.upper()} is {_effective(runtime, cmd)}, the original's "
                     f"{_effective(original, cmd)}"
                     for cmd in _KEPT if _effective(original, cmd) != _effective(runtime, cmd)]
        env_before, env_after = _env(original), _env(runtime)
        problems += [f"the runtime's ENV {k} is {env_after.get(k)!r}, the original's {v!r}"
                     for k, v in env_before.items() if env_after.get(k) != v and k != "PATH"]
        path_before, path_after = _path(original), _path(runtime)
        if [p for p in path_after if p in path_before] != path_before or any(
                not p.startswith("/") for p in path_after if p not in path_before):
            problems.append(f"the runtime's PATH is {':'.join(path_after)}, the original's {':'.join(path_before)}")
    lost = set(_comment_lines(transformer.render(before))) - set(_comment_lines(transformer.render(after)))
    problems += [f"the comment line {c!r} is gone" for c in sorted(lost)]
    return problems


_VAR = re.compile(r"\$(?:\{(\w+)\}|(\w+))")


def _path(stage: Stage) -> list[str]:
    """The stage's PATH, folder by folder, after its ENVs (values unquoted, the variables they set replaced,
    the image's own PATH as ``<image>``): a tool's environment may only add absolute folders to it."""
    env = {"PATH": "<image>"}
    for v in (i.value for i in stage.instructions if i.cmd == "env"):
        for k in range(0, len(v) - 1, 2):
            value = v[k + 1].strip('"')
            env[v[k]] = _VAR.sub(lambda m: env.get(m.group(1) or m.group(2), m.group(0)), value)
    return list(dict.fromkeys(env["PATH"].split(":")))  # a folder named again adds nothing to the search


def _env(stage: Stage) -> dict[str, str]:
    """The last value the stage's ENV instructions give each variable (their values are key, value, ...)."""
    out: dict[str, str] = {}
    for v in (i.value for i in stage.instructions if i.cmd == "env"):
        out.update((v[k], v[k + 1]) for k in range(0, len(v) - 1, 2))
    return out


# --- the command line ----------------------------------------------------------------------------------------------

CLI_MODES: list[list[str]] = [
    ["-"],
    ["--check", "-"],
    ["--json", "-"],
    ["--diff", "-"],
    ["--explain", "-"],
    ["--quiet", "--check", "-"],
    ["parse", "-"],
    ["parse", "--json", "-"],
]


def run_cli(args: list[str], stdin: bytes) -> tuple[int, bytes, str]:
    """(exit code, stdout, stderr) of ``msrefactor ARGS`` in-process (click's CliRunner).
    An exception escaping the command is re-raised."""
    from click.testing import CliRunner

    from transformer.cli import main

    env = {"NO_COLOR": "1"}
    r = CliRunner().invoke(main, args, input=stdin, env=env)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout_bytes, r.stderr


def check_cli(args: list[str], stdin: bytes) -> tuple[int, bytes, str]:
    code, out, err = run_cli(args, stdin)
    assert code in (0, 1, 2), f"exit {code}"
    assert "Traceback" not in err, err
    if code == 2:
        lines = err.split("\n")  # not splitlines(): a message may quote a \v or \x1c from the input
        assert len(lines) == 2 and lines[1] == "", f"stderr on error is not one line: {err!r}"
        assert lines[0].startswith("msrefactor: "), err
        assert "internal error" not in err, err
    if code == 1:
        assert "--check" in args, f"exit 1 without --check: {err!r}"
    return code, out, err


def _mode_for(selector: int) -> list[str]:
    return CLI_MODES[selector % len(CLI_MODES)]


def in_tmp_cwd() -> None:
    """The CLI looks up .msrefactor.toml from the working folder: run it somewhere empty."""
    import tempfile

    d = tempfile.mkdtemp(prefix="msrefactor-fuzz-")
    os.chdir(d)


if __name__ == "__main__":  # pragma: no cover - a quick self-check over the seeds
    for t in seed_texts():
        check_parse(t)
        check_refactor(t)
    print(f"{len(seed_texts())} seeds OK", file=sys.stderr)
