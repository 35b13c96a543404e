"""Limits (issue #6): every extreme input has a defined, documented answer.

| input                                | answer                                                              |
|--------------------------------------|---------------------------------------------------------------------|
| 10 MB, 400,000 continued lines       | parsed and rendered byte for byte (a few seconds)                    |
| parse time, 1 MB vs 10 MB            | linear (ratio 9-13 measured; asserted < 20, quadratic would be 100)  |
| 10,000 stages                        | parsed; refactor: "already multi-stage"                              |
| a line over 65,535 bytes             | DockerfileSyntaxError "dockerfile line greater than max allowed      |
|                                      | size of 65535", as BuildKit (and PyPI ``dockerfile``) say            |
| 1,000 heredocs (one RUN or many)     | parsed; refactor leaves a RUN with a heredoc alone, with the reason  |
| bytes that are not UTF-8             | kept byte for byte through -o and --in-place (surrogateescape)       |
| empty file, BOM only, comments only  | DockerfileSyntaxError "file with no instructions" (CLI: exit 2)     |
| NUL bytes                            | the API reads them as BuildKit does; the CLI calls the file binary: |
|                                      | "msrefactor: FILE:LINE:COL: binary data, not a Dockerfile", exit 2  |

Times are printed (``pytest -s``) and asserted with generous bounds so a busy CI
machine does not make them flaky.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import transformer
from transformer.cli import main

try:
    import dockerfile as oracle
except ImportError:  # pragma: no cover
    oracle = None

MAX_LINE = 65535
LINE_ERROR = "dockerfile line greater than max allowed size of 65535"


def big_run(commands: int) -> str:
    """One RUN of ``commands`` simple commands, one continued line each (400,000: 10.4 MB)."""
    parts = ["FROM python:3.11\n", "RUN echo 0 \\\n"]
    parts += [f"    && echo {i:010d} \\\n" for i in range(1, commands)]
    parts.append('    && true\nCMD ["python", "app.py"]\n')
    return "".join(parts)


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - t0


def cli(args: list[str], stdin: bytes | None = None) -> tuple[int, bytes, str]:
    r = CliRunner().invoke(main, args, input=stdin)
    if r.exception is not None and not isinstance(r.exception, SystemExit):
        raise r.exception
    return r.exit_code, r.stdout_bytes, r.stderr


# --- size ---------------------------------------------------------------------------------------------------------


def test_ten_megabytes_of_continued_lines() -> None:
    text = big_run(400_000)
    assert len(text.encode()) > 10_000_000
    tree, t_parse = timed(transformer.parse, text)
    out, t_render = timed(transformer.render, tree)
    print(f"\n10 MB, 400,000 continued lines: parse {t_parse:.2f}s, render {t_render:.3f}s")
    assert out == text
    run = tree.instructions()[1]
    assert run.start_line == 2 and run.end_line == 400_002
    assert t_parse + t_render < 20, "parse + render of 10 MB should take seconds"


def cpu_timed(fn, *args):  # type: ignore[no-untyped-def]
    """The process's CPU time ``fn(*args)`` takes: other processes on a busy machine (CI's docker builds) do
    not count, as they do in wall-clock time."""
    t0 = time.process_time()
    fn(*args)
    return time.process_time() - t0


def test_parse_time_is_linear() -> None:
    small, large = big_run(40_000), big_run(400_000)
    transformer.parse(small)  # warm up (grammar, caches)
    # the best of a few runs, in CPU time: a wall-clock ratio went to 20.8 while e2e builds shared the 2 cores
    t_small = min(cpu_timed(transformer.parse, small) for _ in range(5))
    t_large = min(cpu_timed(transformer.parse, large) for _ in range(2))
    ratio = t_large / t_small
    print(f"\nparse 1 MB {t_small:.2f}s, 10 MB {t_large:.2f}s: ratio {ratio:.1f} (10 is linear)")
    assert ratio < 20  # measured 9-13; quadratic would be 100


def test_refactor_a_huge_run() -> None:
    text = big_run(100_000)  # 2.5 MB; 400,000 commands take ~17 s (see README "Limits")
    # CPU time: under load (helpers' builds on 2 cores) wall-clock was 32 s for 10 s of CPU; and relative to a tenth of
    # the run, as machines differ: one took 10 s, another 31 s (3.6 s for the tenth), for the same code
    small = cpu_timed(transformer.refactor, big_run(10_000))
    c0 = time.process_time()
    result = transformer.refactor(text)
    t = time.process_time() - c0
    print(f"\nrefactor, one RUN of 100,000 commands: {t:.2f}s of CPU, 10,000: {small:.2f}s "
          f"({result.skipped or 'changed'})")
    assert result.status is not transformer.Status.ERROR, result.error
    assert t / small < 20  # linear is 10 (measured 9); quadratic would be 100
    assert t < 120


def test_ten_thousand_stages() -> None:
    text = "".join(f"FROM alpine:3.19 AS s{i}\nRUN echo {i}\n" for i in range(10_000)) + 'CMD ["sh"]\n'
    tree, t = timed(transformer.parse, text)
    print(f"\n10,000 stages: parse {t:.2f}s")
    assert len(tree.stages) == 10_000
    assert transformer.render(tree) == text
    result = transformer.refactor(text)
    assert not result.changed and result.skipped == "already multi-stage"


# --- long lines -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [MAX_LINE - len("RUN echo "), 100_000, 1_000_000])
def test_long_single_line(size: int) -> None:
    text = "FROM alpine\nRUN echo " + "x" * size + "\n"
    line = len("RUN echo ") + size
    if line <= MAX_LINE:
        assert transformer.render(transformer.parse(text)) == text
        expect_ok = True
    else:
        with pytest.raises(transformer.DockerfileSyntaxError) as e:
            transformer.parse(text)
        assert e.value.message == LINE_ERROR
        assert (e.value.line, e.value.column) == (2, 1)
        expect_ok = False
    if oracle is not None:  # PyPI dockerfile (BuildKit's Go parser) agrees
        try:
            oracle.parse_string(text)
            assert expect_ok
        except oracle.GoParseError as err:
            assert not expect_ok and LINE_ERROR in str(err)


def test_long_line_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "Dockerfile"
    path.write_text("FROM alpine\nRUN echo " + "x" * 100_000 + "\nCMD x\n")
    code, out, err = cli([str(path)])
    assert code == 2 and out == b""
    assert err == f"msrefactor: {path}:2:1: {LINE_ERROR}\n"


# --- heredocs -------------------------------------------------------------------------------------------------------


def test_a_thousand_heredocs() -> None:
    many_runs = "FROM python:3.11\n" + "".join(f"RUN <<EOF{i}\necho {i}\nEOF{i}\n" for i in range(1000)) + "CMD x\n"
    one_run = ("FROM python:3.11\nRUN " + " ".join(f"<<EOF{i}" for i in range(1000)) + "\n"
               + "".join(f"echo {i}\nEOF{i}\n" for i in range(1000)) + "CMD x\n")
    for text in (many_runs, one_run):
        tree, t = timed(transformer.parse, text)
        assert transformer.render(tree) == text
        assert sum(len(i.heredocs) for i in tree.instructions()) == 1000
        assert t < 5
        result = transformer.refactor(text)
        assert not result.changed and "heredoc" in (result.skipped or "")


# --- encodings and degenerate files ---------------------------------------------------------------------------------

NOT_UTF8 = (
    b"# caf\xe9 \xff\xfe\nFROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\n"
    b"RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nLABEL note=\"\xe9t\xe9\"\n"
    b'CMD ["python", "app.py"]\n'
)


def test_bytes_that_are_not_utf8_survive_output_and_in_place(tmp_path: Path) -> None:
    src = tmp_path / "Dockerfile"
    src.write_bytes(NOT_UTF8)
    (tmp_path / "requirements.txt").write_text("flask\n")
    expected = transformer.refactor(NOT_UTF8.decode("utf-8", "surrogateescape"), read_context=lambda p: None)
    code, out, err = cli([str(src), "-o", str(tmp_path / "out")])
    assert code == 0, err
    written = (tmp_path / "out").read_bytes()
    assert written == expected.text.encode("utf-8", "surrogateescape")
    assert b"# caf\xe9 \xff\xfe\n" in written and b'LABEL note="\xe9t\xe9"' in written
    code, _, err = cli([str(src), "--in-place"])
    assert code == 0, err
    assert src.read_bytes() == written
    again = src.read_bytes()
    code, _, _ = cli([str(src), "--in-place"])  # a fixed point: nothing changes
    assert code == 0 and src.read_bytes() == again


def test_unchanged_file_that_is_not_utf8_is_copied_exactly(tmp_path: Path) -> None:
    data = b"FROM alpine\nRUN echo \xff\xfe\x80\nCMD [\"sh\"]\n"
    src = tmp_path / "Dockerfile"
    src.write_bytes(data)
    code, out, _ = cli([str(src)])
    assert code == 0 and out == data
    code, _, _ = cli([str(src), "-o", str(tmp_path / "out")])
    assert code == 0 and (tmp_path / "out").read_bytes() == data
    mtime = os.stat(src).st_mtime_ns
    code, _, _ = cli([str(src), "--in-place"])
    assert code == 0 and src.read_bytes() == data and os.stat(src).st_mtime_ns == mtime


@pytest.mark.parametrize(
    "data, line",
    [(b"", 1), (b"\xef\xbb\xbf", 1), (b"# only\n# comments\n", 2), (b"\n\n\n", 3), (b"\xef\xbb\xbf# x\n", 1)],
    ids=["empty", "bom-only", "comments-only", "blank-lines", "bom-and-comment"],
)
def test_files_without_instructions(tmp_path: Path, data: bytes, line: int) -> None:
    with pytest.raises(transformer.DockerfileSyntaxError) as e:
        transformer.parse(data.decode("utf-8", "surrogateescape"))
    assert e.value.message == "file with no instructions"
    path = tmp_path / "Dockerfile"
    path.write_bytes(data)
    code, out, err = cli([str(path)])
    assert (code, out) == (2, b"")
    assert err == f"msrefactor: {path}:{line}:1: file with no instructions\n"
    if oracle is not None:
        with pytest.raises(oracle.GoParseError, match="file with no instructions"):
            oracle.parse_string(data.decode())


def test_nul_bytes(tmp_path: Path) -> None:
    text = "FROM alpine\nRUN echo a\x00b\nCMD x\n"
    tree = transformer.parse(text)  # the API reads it as BuildKit does
    assert transformer.render(tree) == text
    assert tree.instructions()[1].value == ("echo a\x00b",)
    path = tmp_path / "Dockerfile"
    path.write_bytes(text.encode())
    for args in ([str(path)], ["--check", str(path)], ["-"]):
        code, out, err = cli(args, text.encode() if args == ["-"] else None)
        name = "<stdin>" if args == ["-"] else str(path)
        assert (code, out) == (2, b"")
        assert err == f"msrefactor: {name}:2:11: binary data, not a Dockerfile\n"
