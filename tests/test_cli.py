"""``msrefactor FILE`` and its flags, through click's CliRunner and the installed console script."""

from __future__ import annotations

import difflib
import itertools
import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import PY_TESTS

from transformer import refactor
from transformer.cli import main

MULTI = "FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM scratch\nCOPY --from=build /app /app\n"
SCRIPT = shutil.which("msrefactor") or str(Path(sys.executable).parent / "msrefactor")


@dataclass
class Run:
    code: int
    out: bytes
    err: str

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "surrogateescape")


def run_runner(args: list[str], stdin: bytes | None = None, cwd: Path | None = None) -> Run:
    old = os.getcwd()
    if cwd:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, args, input=stdin)
    finally:
        os.chdir(old)
    if r.exception and not isinstance(r.exception, SystemExit):
        raise r.exception
    return Run(r.exit_code, r.stdout_bytes, r.stderr)


def run_process(args: list[str], stdin: bytes | None = None, cwd: Path | None = None) -> Run:
    p = subprocess.run([SCRIPT, *args], input=stdin if stdin is not None else b"", capture_output=True, cwd=cwd,
                       timeout=120)
    return Run(p.returncode, p.stdout, p.stderr.decode("utf-8", "replace"))


Runner = Callable[..., Run]


@pytest.fixture(params=["runner", "process"])
def run(request: pytest.FixtureRequest) -> Runner:
    return run_runner if request.param == "runner" else run_process


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A build context with a single-stage Dockerfile that would change."""
    d = tmp_path / "app"
    d.mkdir()
    (d / "Dockerfile").write_text(PY_TESTS)
    (d / "requirements.txt").write_text("flask\n")
    (d / "requirements-dev.txt").write_text("-r requirements.txt\npytest\n")
    return d / "Dockerfile"


def expected(text: str) -> str:
    from transformer.config import Resolver
    from transformer.fileio import context_reader

    return refactor(text, read_context=context_reader(None), options=Resolver().options_for(None)).text


# --- output ---------------------------------------------------------------------------------------------------

def test_prints_the_result_on_stdout(run: Runner, app: Path) -> None:
    r = run([str(app)])
    assert r.code == 0
    assert "FROM python:3.11 AS builder" in r.text and "AS runner" in r.text
    assert r.text == refactor(PY_TESTS, read_context=_reader(app.parent)).text
    assert app.read_text() == PY_TESTS  # nothing written


def _reader(folder: Path) -> Callable[[str], str | None]:
    from transformer.fileio import context_reader

    return context_reader(str(folder))


def test_stdin_to_stdout(run: Runner, tmp_path: Path) -> None:
    r = run(["-"], stdin=PY_TESTS.encode(), cwd=tmp_path)
    assert r.code == 0
    assert r.text == expected(PY_TESTS)
    assert r.text != PY_TESTS


def test_output_file(run: Runner, app: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.Dockerfile"
    r = run([str(app), "-o", str(out)])
    assert r.code == 0 and r.out == b""
    assert out.read_text() == refactor(PY_TESTS, read_context=_reader(app.parent)).text
    r = run([str(app), "-o", "-"])
    assert r.text == out.read_text()


def test_diff_is_exactly_difflib(run: Runner, app: Path) -> None:
    r = run(["--diff", str(app)])
    assert r.code == 0
    new = refactor(PY_TESTS, read_context=_reader(app.parent)).text
    want = "".join(difflib.unified_diff(PY_TESTS.splitlines(True), new.splitlines(True), f"a/{app}", f"b/{app}"))
    assert r.text == want
    assert "\x1b[" not in r.text  # no colour when stdout is no terminal


def test_diff_of_unchanged_file_is_empty(run: Runner, tmp_path: Path) -> None:
    f = tmp_path / "Dockerfile"
    f.write_text(MULTI)
    r = run(["--diff", str(f)])
    assert r.code == 0 and r.out == b""


def test_diff_marks_a_missing_final_newline(tmp_path: Path) -> None:
    f = tmp_path / "Dockerfile"
    f.write_text(PY_TESTS.rstrip("\n"))
    r = run_runner(["--diff", str(f)])
    assert "\n\\ No newline at end of file\n" in r.text
    assert all(line.startswith((" ", "+", "-", "@", "\\")) for line in r.text.splitlines())


def test_diff_is_coloured_on_a_terminal(app: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    p = subprocess.run([SCRIPT, "--diff", str(app)], stdout=follower, stderr=subprocess.PIPE, timeout=60)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    out = b"".join(chunks)
    assert p.returncode == 0
    assert b"\x1b[32m+FROM python:3.11-slim AS runner" in out


def test_check(run: Runner, app: Path, tmp_path: Path) -> None:
    r = run(["--check", str(app)])
    assert (r.code, r.out) == (1, b"")
    assert r.err == f"would refactor {app}\n"
    assert app.read_text() == PY_TESTS
    same = tmp_path / "multi.Dockerfile"
    same.write_text(MULTI)
    r = run(["--check", str(same)])
    assert r.code == 0 and r.out == b""
    assert "already multi-stage" in r.err
    r = run(["--check", "--quiet", str(app)])
    assert (r.code, r.out, r.err) == (1, b"", "")
    r = run(["--check", "--diff", str(app)])
    assert r.code == 1 and r.text.startswith(f"--- a/{app}\n")


def test_check_on_stdin(run: Runner, tmp_path: Path) -> None:
    assert run(["--check", "-"], stdin=PY_TESTS.encode(), cwd=tmp_path).code == 1
    assert run(["--check", "-"], stdin=MULTI.encode(), cwd=tmp_path).code == 0


def test_explain(run: Runner, app: Path) -> None:
    r = run(["--explain", str(app), "-o", os.devnull])
    assert r.code == 0
    result = refactor(PY_TESTS, read_context=_reader(app.parent))
    lines = r.err.splitlines()
    assert lines == [f"{app}: {c}" for c in result.changes]
    assert len(lines) >= 2


def test_json(run: Runner, app: Path) -> None:
    r = run(["--json", str(app)])
    assert r.code == 0
    data = json.loads(r.out)
    result = refactor(PY_TESTS, read_context=_reader(app.parent))
    assert data["file"] == str(app)
    assert data["changed"] is True and data["skipped"] is None
    assert data["text"] == result.text
    assert [c["message"] for c in data["changes"]] == [c.message for c in result.changes]
    r = run(["--json", "--check", str(app)])
    assert r.code == 1 and json.loads(r.out)["changed"] is True


def test_quiet_hides_the_skip_note(run: Runner, tmp_path: Path) -> None:
    f = tmp_path / "Dockerfile"
    f.write_text(MULTI)
    assert "already multi-stage" in run([str(f)]).err
    r = run(["--quiet", str(f)])
    assert (r.code, r.err) == (0, "")
    assert r.text == MULTI


# --- in place -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("bom", "newline"), [("", "\n"), ("\ufeff", "\r\n"), ("\ufeff", "\n"), ("", "\r\n")])
def test_in_place_keeps_mode_newlines_and_bom(run: Runner, app: Path, bom: str, newline: str) -> None:
    original = bom + PY_TESTS.replace("\n", newline)
    app.write_bytes(original.encode())
    app.chmod(0o640)
    r = run(["--in-place", str(app)])
    assert (r.code, r.out) == (0, b"")
    data = app.read_bytes().decode()
    assert data != original
    assert data.startswith(bom + "FROM python:3.11 AS builder" + newline)
    assert data.count("\ufeff") == len(bom)
    if newline == "\r\n":
        assert data.count("\n") == data.count("\r\n")
    else:
        assert "\r" not in data
    assert data.replace("\r\n", "\n").lstrip("\ufeff") == expected_in(app.parent)
    assert stat.S_IMODE(app.stat().st_mode) == 0o640
    assert not [p for p in app.parent.iterdir() if p.name.endswith(".tmp")]


def expected_in(folder: Path) -> str:
    return refactor(PY_TESTS, read_context=_reader(folder)).text


def test_in_place_leaves_an_unchanged_file_alone(run: Runner, tmp_path: Path) -> None:
    f = tmp_path / "Dockerfile"
    f.write_text(MULTI)
    before = f.stat().st_mtime_ns
    os.utime(f, ns=(before - 10**9, before - 10**9))
    assert run(["-i", str(f)]).code == 0
    assert f.stat().st_mtime_ns == before - 10**9
    assert f.read_text() == MULTI


def test_in_place_through_a_symlink_writes_the_target(run: Runner, app: Path) -> None:
    link = app.parent / "Dockerfile.link"
    link.symlink_to(app.name)
    assert run(["--in-place", str(link)]).code == 0
    assert link.is_symlink()
    assert app.read_text().startswith("FROM python:3.11 AS builder")


def test_in_place_refuses_stdin_and_output(run: Runner, app: Path) -> None:
    r = run(["--in-place", "-"], stdin=PY_TESTS.encode())
    assert r.code == 2 and "--in-place" in r.err
    r = run(["--in-place", str(app), "-o", "x"])
    assert r.code == 2
    assert app.read_text() == PY_TESTS


# --- output modes: a conflicting pair is refused, never silently ignored ------------------------------------------

MODE_FLAGS = ("--diff", "--check", "--in-place", "--output", "--json")
ALLOWED_PAIRS = {frozenset({"--check", "--diff"}), frozenset({"--check", "--json"})}  # exit 1 and show it


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(MODE_FLAGS, 2)))
def test_every_pair_of_output_modes(run: Runner, app: Path, tmp_path: Path, a: str, b: str) -> None:
    out = tmp_path / "out.Dockerfile"
    args = [x for flag in (a, b) for x in ((flag, str(out)) if flag == "--output" else (flag,))]
    r = run([*args, str(app)])
    if frozenset({a, b}) in ALLOWED_PAIRS:
        assert r.code == 1 and r.out, r.err  # --check: the file would change; the diff or JSON is printed
    else:
        assert_one_error_line(r, f"{a} and {b} do not go together: ")
    assert app.read_text() == PY_TESTS
    assert not out.exists()


# --- errors: one line, exit 2, never a traceback ---------------------------------------------------------------

def assert_one_error_line(r: Run, *needles: str) -> None:
    assert r.code == 2, r
    assert r.out == b""
    assert r.err.count("\n") == 1, r.err
    assert r.err.startswith("msrefactor: ")
    assert "Traceback" not in r.err
    for needle in needles:
        assert needle in r.err, r.err


def test_syntax_error_is_file_line_col(run: Runner, tmp_path: Path) -> None:
    f = tmp_path / "Dockerfile"
    f.write_text("FROM alpine\n\nENV NOVALUE\n")
    r = run([str(f)])
    assert_one_error_line(r)
    assert r.err == f"msrefactor: {f}:3:1: ENV must have two arguments\n"
    for flag in ("--check", "--diff", "--json", "--in-place"):
        assert_one_error_line(run([flag, str(f)]), f"{f}:3:1:")
    assert f.read_text() == "FROM alpine\n\nENV NOVALUE\n"


def test_syntax_error_on_stdin(run: Runner, tmp_path: Path) -> None:
    assert_one_error_line(run(["-"], stdin=b"FROM alpine\nENV X\n", cwd=tmp_path), "<stdin>:2:1:")


def test_missing_file(run: Runner, tmp_path: Path) -> None:
    assert_one_error_line(run([str(tmp_path / "nope")]), "No such file or directory")


def test_directory(run: Runner, tmp_path: Path) -> None:
    assert_one_error_line(run([str(tmp_path)]), "Is a directory")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable(run: Runner, app: Path) -> None:
    app.chmod(0)
    assert_one_error_line(run([str(app)]), "Permission denied")


@pytest.mark.parametrize("garbage", [
    bytes(range(256)) * 4,
    b"\x7fELF\x02\x01\x01\x00" + bytes(200),
    bytes((i * 7919 + 13) % 251 + 1 for i in range(3000)),  # no NUL, mostly undecodable
])
def test_binary_garbage(run: Runner, tmp_path: Path, garbage: bytes) -> None:
    f = tmp_path / "Dockerfile"
    f.write_bytes(garbage)
    r = run([str(f)])
    assert_one_error_line(r, str(f), "binary data")
    assert_one_error_line(run(["--in-place", str(f)]))
    assert f.read_bytes() == garbage


def test_non_utf8_bytes_survive(run: Runner, app: Path) -> None:
    text = PY_TESTS.encode().replace(b"EXPOSE 5000", b"LABEL author=\"J\xf6rg\"\nEXPOSE 5000")
    app.write_bytes(text)
    r = run([str(app)])
    assert r.code == 0
    assert b'LABEL author="J\xf6rg"' in r.out


def test_unwritable_output(run: Runner, app: Path, tmp_path: Path) -> None:
    assert_one_error_line(run([str(app), "-o", str(tmp_path / "no" / "such" / "dir" / "out")]))


def test_unknown_flag_is_a_usage_error(run: Runner, app: Path) -> None:
    r = run(["--frobnicate", str(app)])
    assert r.code == 2 and "Traceback" not in r.err


def test_parse_subcommand_still_works(run: Runner, app: Path) -> None:
    r = run(["parse", "--json", str(app)])
    assert r.code == 0
    assert json.loads(r.out)[0]["cmd"] == "from"


def test_python_m_transformer_is_the_msrefactor_command() -> None:
    """For an environment whose scripts folder is not on PATH: `python -m transformer` runs the same command,
    under the name msrefactor (in its usage and version lines)."""
    text = 'FROM golang:1.21\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n'
    done = subprocess.run([sys.executable, "-m", "transformer", "-"], input=text, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("FROM golang:1.21 AS builder\n")
    version = subprocess.run([sys.executable, "-m", "transformer", "--version"], capture_output=True, text=True,
                             check=False)
    assert version.stdout.startswith("msrefactor, version ")
