"""The lossless parser: round trips, tree structure, errors, the ``parse`` CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ERROR_FIXTURES, SYNTAX_FIXTURES, read_fixture

import transformer
from transformer import DockerfileSyntaxError, parse, render
from transformer.cli import main as cli_main
from transformer.dump import records
from transformer.parser import parse_instruction_text
from transformer.tree import Blank, Comment, Instruction

SYNTAX = sorted(SYNTAX_FIXTURES.glob("*.Dockerfile"))
ERRORS = sorted(ERROR_FIXTURES.glob("*.Dockerfile"))


def fixture(name: str) -> str:
    return read_fixture(SYNTAX_FIXTURES / f"{name}.Dockerfile")


def tree_of(name: str) -> transformer.tree.Dockerfile:
    return parse(fixture(name))


def test_fixtures_exist() -> None:
    assert len(SYNTAX) >= 25
    assert len(ERRORS) >= 8


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("path", SYNTAX, ids=lambda p: p.stem)
def test_fixture_roundtrip(path: Path) -> None:
    text = read_fixture(path)
    tree = parse(text)
    assert render(tree) == text
    # every byte in exactly one node: the parts add up to the whole
    parts = [tree.bom, *(d.text for d in tree.directives), *(i.text for i in tree.preamble)]
    for stage in tree.stages:
        parts += [c.text for c in stage.leading] + [stage.from_.text] + [i.text for i in stage.body]
    assert "".join(parts) == text


@pytest.mark.parametrize("path", SYNTAX, ids=lambda p: p.stem)
def test_fixture_lines_accounted(path: Path) -> None:
    """Instructions' line spans tile the file with comments and blanks."""
    text = read_fixture(path)
    tree = parse(text)
    for inst in tree.instructions():
        assert inst.end_line - inst.start_line + 1 == inst.text.count("\n") + (0 if inst.text.endswith("\n") else 1)


def test_roundtrip_bytes_not_utf8() -> None:
    text = b"FROM a\nRUN echo \xff\xfe caf\xc3\xa9\n".decode("utf-8", "surrogateescape")
    assert render(parse(text)) == text


# ---------------------------------------------------------------- structure


def test_stages_names_and_bases() -> None:
    tree = tree_of("multi-stage")
    assert [s.name for s in tree.stages] == ["builder", "test", "runtime"]
    assert [s.base_image for s in tree.stages] == [
        "golang:${GO_VERSION}",
        "builder",
        "gcr.io/distroless/static",
    ]
    assert [s.index for s in tree.stages] == [0, 1, 2]
    assert [d.name for d in tree.directives] == ["syntax"]
    assert tree.directive("syntax") == "docker/dockerfile:1"


def test_leading_comments_and_preamble() -> None:
    tree = tree_of("multi-stage")
    preamble_args = [i for i in tree.preamble if isinstance(i, Instruction)]
    assert [i.cmd for i in preamble_args] == ["arg"]
    assert preamble_args[0].value == ("GO_VERSION=1.22",)
    assert any(isinstance(i, Comment) and i.body == "Build arguments shared by all stages" for i in tree.preamble)
    assert any(isinstance(i, Blank) for i in tree.preamble)
    assert [c.body for c in tree.stages[0].leading] == ["The builder", "compiles the binary"]
    assert [c.body for c in tree.stages[1].leading] == ["the tester stage"]
    assert tree.stages[2].leading == ()


def test_arg_before_from() -> None:
    tree = tree_of("arg-before-from")
    args = [i for i in tree.preamble if isinstance(i, Instruction)]
    assert [a.value for a in args] == [("VERSION=latest",), ("REGISTRY",)]
    assert [c.body for c in tree.stages[0].leading] == ["comment above FROM"]
    assert tree.stages[0].base_image == "${REGISTRY}/app:${VERSION}"
    assert [i.cmd for i in tree.stages[0].instructions] == ["arg", "run"]


def test_from_platform_and_as() -> None:
    tree = tree_of("from-platform")
    assert [s.platform for s in tree.stages] == ["linux/amd64", "$TARGETPLATFORM", None, None]
    assert [s.name for s in tree.stages] == ["amd", None, None, "again"]
    assert tree.stages[0].from_.flags == ("--platform=linux/amd64",)


def test_keyword_case() -> None:
    tree = tree_of("keyword-case")
    assert tree.stages[0].name == "Base"
    cmds = [(i.keyword, i.cmd) for i in tree.instructions()]
    assert cmds[:3] == [("from", "from"), ("Run", "run"), ("rUn", "run")]
    copy = tree.instructions()[-1]
    assert copy.cmd == "copy" and copy.flags == ("--FROM=base",)


def test_directives_and_escape() -> None:
    tree = tree_of("directives")
    assert [(d.name, d.value) for d in tree.directives] == [
        ("syntax", "docker/dockerfile:1.7"),
        ("check", "skip=JSONArgsRecommended;error=true"),
        ("escape", "\\"),
    ]
    assert tree.escape == "\\"
    leading = [c.text for c in tree.stages[0].leading]
    assert leading == ["# a comment ends the directives\n", "# escape=`\n"]
    assert tree.instructions()[-1].value == ("echo one     two",)


def test_directive_after_instruction_is_a_comment() -> None:
    tree = tree_of("directive-after-instruction")
    assert tree.directives == ()
    assert tree.escape == "\\"
    run = tree.instructions()[-1]
    assert run.value == ("echo this     continues with a backslash",)


def test_directive_spacing_and_case() -> None:
    tree = tree_of("directive-spaces")
    assert [(d.name, d.value) for d in tree.directives] == [("syntax", "docker/dockerfile:1"), ("escape", "`")]
    assert tree.escape == "`"
    assert tree.instructions()[-1].value == ("echo     backtick",)


def test_unknown_directive_stops_directives() -> None:
    tree = tree_of("directive-unknown-stops")
    assert tree.directives == () and tree.escape == "\\"
    assert tree.instructions()[-1].value == ("echo     still backslash",)


def test_backtick_escape() -> None:
    tree = tree_of("escape-backtick")
    assert tree.escape == "`"
    run = tree.instructions()[2]
    assert run.value == ("Write-Host       hello;     Write-Host world",)
    assert run.escape == "`"
    copy = tree.instructions()[3]
    assert copy.value == ("C:\\src\\", "C:\\app\\")
    env = tree.instructions()[5]
    assert env.value == ("PATH", '"C:\\app;C:\\Windows"', "MODE", "prod")
    mount = tree.instructions()[6]
    assert mount.flags == ("--mount=type=cache,target=C:\\cache",)


def test_continuation_with_comments_and_blanks() -> None:
    run = tree_of("continuation-comments").instructions()[1]
    assert run.start_line == 2 and run.end_line == 11
    assert run.comments == ("# a comment inside the continuation\n", "  # indented comment\n")
    assert run.value == (
        "apt-get update     && apt-get install -y         curl         git         make     "
        "&& rm -rf /var/lib/apt/lists/*",
    )
    assert len(run.lines) == 10


def test_continuation_edges() -> None:
    insts = tree_of("continuation-edge").instructions()
    assert insts[1].value == ("echo a\\\\",)  # an escaped escape does not continue
    assert insts[2].value == ("echo b     c",)  # trailing spaces after the escape
    assert insts[3].value == ("echo d     e",)
    assert insts[4].value == ("echo f",)
    assert insts[5].value == ("echo g     h",)
    assert insts[6].value == ("echo last",)  # continuation at end of file


def test_keyword_split_over_continuation() -> None:
    insts = tree_of("keyword-split").instructions()
    assert [i.cmd for i in insts] == ["from", "run", "env"]
    assert insts[0].value == ("alpine", "AS", "base")
    assert insts[2].value == ("A", "1")
    assert insts[2].comments == ("# comment in the middle of a keyword\n",)


def test_whitespace_before_instructions_and_comments() -> None:
    tree = tree_of("whitespace-indent")
    assert [c.text for c in tree.stages[0].leading] == ["   # indented comment\n"]
    assert [i.cmd for i in tree.instructions()] == ["from", "run", "cmd"]
    assert tree.instructions()[2].value == ("sh",) and tree.instructions()[2].json
    assert isinstance(tree.stages[0].body[-1], Comment)


def test_tabs() -> None:
    insts = tree_of("tabs").instructions()
    assert insts[0].value == ("alpine", "AS", "t")
    assert insts[1].value == ('echo\t"tab\tinside"',)
    assert insts[2].value == ("K", "value with\ttab")
    assert insts[3].value == ("a", "b", "c", "d")
    assert insts[4].value == ("80", "443/tcp")


def test_every_instruction() -> None:
    insts = tree_of("instructions-all").instructions()
    by: dict[str, list[Instruction]] = {}
    for i in insts:
        by.setdefault(i.cmd, []).append(i)
    assert set(by) == {
        "arg", "from", "maintainer", "label", "expose", "env", "add", "copy", "volume", "user",
        "workdir", "onbuild", "stopsignal", "healthcheck", "shell", "run", "cmd", "entrypoint",
    }  # fmt: skip
    assert by["arg"][2].value == ("A=1", "B", 'C=""')
    assert by["label"][0].value == (
        "org.opencontainers.image.title", '"demo app"', "version", "1.0", "description", "'multi word'",
    )  # fmt: skip
    assert by["label"][1].value == ("old-style", "value with spaces")
    assert by["maintainer"][0].value == ("Jane Doe <jane@example.com>",)
    assert by["expose"][0].value == ("8080", "9090/udp")
    assert by["env"][1].value == ("LEGACY", "value with spaces")
    assert by["add"][1].flags == ("--checksum=sha256:abc", "--keep-git-dir=true")
    assert by["copy"][0].flags == ("--chown=1000:1000", "--chmod=0755", "--link")
    assert by["copy"][0].flag("chmod") == "0755" and by["copy"][0].flag("link") == ""
    assert by["copy"][1].flags == ("--parents", "--exclude=*.md")
    assert by["copy"][2].json and by["copy"][2].value == ("with space.txt", "/dst/")
    assert by["volume"][0].value == ("/data", "/logs") and by["volume"][1].json
    assert by["onbuild"][0].sub_cmd == "run" and by["onbuild"][0].value == ("echo child",)
    inner = by["onbuild"][1].parsed.sub
    assert inner is not None and inner.flags == ("--from=build",)
    assert by["stopsignal"][0].value == ("SIGTERM",)
    hc = by["healthcheck"]
    assert hc[0].flags[0] == "--interval=30s" and hc[0].value[0] == "CMD"
    assert hc[1].value == ("NONE",)
    assert by["shell"][0].json and by["shell"][0].value == ("/bin/bash", "-o", "pipefail", "-c")
    assert by["entrypoint"][0].value == ("./entry.sh",) and not by["entrypoint"][0].json
    assert by["cmd"][0].json


def test_exec_shell_and_json_fallback() -> None:
    insts = tree_of("exec-and-shell-forms").instructions()
    got = [(i.cmd, i.json, i.value) for i in insts[1:]]
    assert got == [
        ("run", True, ("echo", "json form")),
        ("run", False, ("echo shell form",)),
        ("cmd", True, ("a", "b")),
        ("cmd", False, ('["unterminated", "json"',)),
        ("cmd", False, ("['single', 'quotes']",)),
        ("entrypoint", True, ()),
        ("run", False, ("[not json]",)),
        ("shell", True, ("sh", "-c")),
        ("volume", True, ("/a", "/b")),
        ("volume", False, ("[/c]",)),
        ("healthcheck", True, ("CMD", "curl", "-f", "localhost")),
        ("healthcheck", False, ("CMD", "wget -q localhost")),
        ("cmd", True, ('escaped "quote"', "unicode é")),
    ]


def test_heredocs() -> None:
    insts = tree_of("heredocs").instructions()
    docs = [[(h.name, h.fd, h.chomp, h.expand, h.content) for h in i.heredocs] for i in insts]
    assert docs[1] == [("EOF", 0, False, True, 'set -e\necho "$HOME"\n')]
    assert docs[2] == [("EOT", 0, True, True, "\techo chomped tabs\n")]
    assert docs[3] == [("EOF", 0, False, False, "echo '$NOT_EXPANDED'\n")]
    assert docs[4] == [("EOF", 0, False, False, "echo quoted\n")]
    assert docs[5] == [("A", 0, False, True, "first\n"), ("B", 3, False, True, "second\n")]
    assert docs[6] == [("EOF", 0, False, True, "[section]\nkey=value\n")]
    assert insts[6].value == ("<<EOF", "/etc/config.ini")
    assert [h.name for h in insts[7].heredocs] == ["EOF1", "EOF2"]
    assert docs[8] == [("SCRIPT", 0, True, False, "\t#!/bin/sh\n\techo run\n")]
    assert docs[9] == [("PY", 0, False, True, 'print("EOF inside")\n  PY\n')]
    assert insts[10].cmd == "onbuild" and [h.name for h in insts[10].heredocs] == ["EOF"]
    assert insts[11].heredocs == () and insts[11].json  # JSON form: no heredoc
    assert insts[12].heredocs == ()  # CMD takes no heredoc
    assert insts[1].start_line == 3 and insts[1].end_line == 6
    assert insts[1].heredocs[0].source == 'set -e\necho "$HOME"\nEOF\n'


def test_heredoc_empty_and_continued() -> None:
    insts = tree_of("heredoc-empty").instructions()
    assert insts[1].heredocs[0].content == ""
    assert insts[2].heredocs[0].content == "body\n"
    assert insts[2].start_line == 4 and insts[2].end_line == 7


def test_run_flags() -> None:
    insts = tree_of("run-flags").instructions()
    assert insts[1].flags == (
        "--mount=type=cache,target=/root/.cache,sharing=locked",
        "--mount=type=secret,id=token,dst=/run/secrets/token",
        "--mount=type=bind,source=.,target=/src,rw",
        "--network=none",
        "--security=insecure",
    )
    assert insts[1].value == ("make build",)
    assert insts[1].flag("network") == "none"
    assert insts[3].flags == ("--network=host",) and insts[3].value == ("echo after double dash",)
    assert insts[4].flags == ("--mount=type=tmpfs,target=/tmp",)
    assert insts[5].flags == ("--flag-with-escape=a b",)


def test_crlf() -> None:
    text = fixture("crlf")
    tree = parse(text)
    assert tree.newline == "\r\n"
    run = tree.instructions()[1]
    assert run.value == ("echo one     two",) and run.newline == "\r\n"
    assert tree.instructions()[2].value == ("sh",)


def test_bom() -> None:
    tree = tree_of("bom")
    assert tree.bom == "\ufeff"
    assert tree.escape == "`"  # the directive right after the BOM counts
    assert tree.instructions()[1].value == ("echo   bom",)


def test_no_final_newline() -> None:
    insts = tree_of("no-final-newline").instructions()
    assert insts[-1].value == ("echo no newline at end",)
    assert insts[-1].lines[-1] == "RUN echo no newline at end"
    insts = tree_of("no-final-newline-continuation").instructions()
    assert insts[-1].value == ("echo a     b",)


def test_lone_cr() -> None:
    insts = tree_of("lone-cr").instructions()
    assert insts[1].value == ("echo a\rb",)
    assert insts[2].value == ("echo c   d",) and insts[2].end_line == 7


def test_unknown_instruction_parses() -> None:
    insts = tree_of("unknown-instruction").instructions()
    assert [(i.keyword, i.value) for i in insts[1:3]] == [("BOGUS", ("",)), ("FOO", ("",))]


def test_env_forms() -> None:
    insts = tree_of("env-forms").instructions()
    assert insts[2].value == ("B", '"two words"', "C", "'single'", "D", "un\\ quoted")
    assert insts[3].value == ("E", "old form with spaces")
    assert insts[4].value == ("F", "")
    assert insts[6].value == ("H", '"multi line"')
    assert insts[7].value == ('"quoted key"', '"v"', "k2", "v2")
    assert insts[9].value == ("Y=1", "Z")


def test_onbuild() -> None:
    insts = tree_of("onbuild").instructions()
    assert [i.sub_cmd for i in insts[1:]] == ["add", "run", "copy", None, "run"]
    assert insts[3].heredocs[0].content == "data\n"
    assert insts[4].value == ()


def test_comment_only_stage_tail() -> None:
    stage = tree_of("comments-only-in-stage").stages[0]
    assert [type(i).__name__ for i in stage.body] == ["Comment", "Blank", "Comment"]


def test_unicode_values() -> None:
    insts = tree_of("unicode").instructions()
    assert insts[1].value == ("description", '"Café ☕ – naïve"')
    assert insts[3].value == ("GREETING", "héllo")
    # BuildKit reads flags byte by byte: non-ASCII comes out as Latin-1 mojibake
    assert insts[4].flags == ("--chown=Ã¼ser",)


def test_parse_instruction_text() -> None:
    inst = parse_instruction_text("RUN echo a \\\n  b\n")
    assert inst.value == ("echo a   b",) and inst.start_line == 0
    inst = parse_instruction_text("RUN echo `\n  b\n", escape="`")
    assert inst.value == ("echo   b",)
    with pytest.raises(ValueError):
        parse_instruction_text("RUN a\nRUN b\n")


def test_nodes_are_immutable() -> None:
    tree = tree_of("multi-stage")
    with pytest.raises(AttributeError):
        tree.stages = ()  # type: ignore[misc]
    new = tree.stages[0].with_changes(index=9)
    assert new.index == 9 and tree.stages[0].index == 0


def test_parse_rejects_bytes() -> None:
    with pytest.raises(TypeError):
        parse(b"FROM a\n")  # type: ignore[arg-type]


# ---------------------------------------------------------------- errors


def _expected(path: Path) -> tuple[int, int, str]:
    line, col, message = path.with_suffix(".expected").read_text("utf-8").rstrip("\n").split(":", 2)
    return int(line), int(col), message.strip()


@pytest.mark.parametrize("path", ERRORS, ids=lambda p: p.stem)
def test_error_fixture(path: Path) -> None:
    line, col, message = _expected(path)
    with pytest.raises(DockerfileSyntaxError) as info:
        parse(read_fixture(path))
    err = info.value
    assert (err.line, err.column, err.message) == (line, col, message)
    assert isinstance(err, ValueError)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("FROM a\nRUN " + "x" * 65531 + "\n", 1, None),  # 65535 bytes: fine
        ("FROM a\nRUN " + "x" * 65532 + "\n", 2, "dockerfile line greater than max allowed size of 65535"),
        ("FROM a\nRUN " + "é" * 32767 + "\n", 2, "dockerfile line greater than max allowed size of 65535"),
        ("RUN " + "x" * 70000 + "\nFROM a\n", 1, "file with no instructions"),
        ("FROM a\nENV A=1 \\\n  B\n", 2, 'Syntax error - can\'t find = in "B". Must be of the form: name=value'),
        ("FROM a\nHEALTHCHECK CMD [1]\n", 2, "when using JSON array syntax, arrays must be comprised of strings only"),
    ],
    ids=["line-65535", "line-65536", "line-multibyte", "long-first", "env-continued", "healthcheck-json"],
)
def test_error_cases(text: str, line: int, message: str | None) -> None:
    if message is None:
        assert render(parse(text)) == text
        return
    with pytest.raises(DockerfileSyntaxError) as info:
        parse(text)
    assert (info.value.line, info.value.message) == (line, message)


def test_error_str_and_located() -> None:
    err = DockerfileSyntaxError("boom", 3, 1)
    assert str(err) == "3:1: boom"
    assert err.located("Dockerfile") == "Dockerfile:3:1: boom"


# ---------------------------------------------------------------- CLI


def _console_script() -> str | None:
    found = shutil.which("msrefactor")
    if found:
        return found
    candidate = Path(sys.executable).parent / "msrefactor"
    return str(candidate) if candidate.exists() else None


@pytest.mark.parametrize("path", ERRORS[:4], ids=lambda p: p.stem)
def test_cli_parse_error_subprocess(path: Path, tmp_path: Path) -> None:
    script = _console_script()
    if script is None:
        pytest.skip("the msrefactor console script is not installed (pip install -e .)")
    line, col, message = _expected(path)
    bad = tmp_path / "Dockerfile"
    bad.write_bytes(path.read_bytes())
    proc = subprocess.run([script, "parse", str(bad)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr == f"msrefactor: {bad}:{line}:{col}: {message}\n"


@pytest.mark.parametrize("path", ERRORS, ids=lambda p: p.stem)
def test_cli_parse_error_clirunner(path: Path, tmp_path: Path) -> None:
    line, col, message = _expected(path)
    bad = tmp_path / "bad.Dockerfile"
    bad.write_bytes(path.read_bytes())
    result = CliRunner().invoke(cli_main, ["parse", str(bad)])
    assert result.exit_code == 2
    out = (result.stderr if _stderr_separate(result) else result.output).splitlines()
    assert out == [f"msrefactor: {bad}:{line}:{col}: {message}"]


def _stderr_separate(result: object) -> bool:
    try:
        return bool(result.stderr)  # type: ignore[attr-defined]
    except ValueError:
        return False


@pytest.mark.parametrize("path", SYNTAX, ids=lambda p: p.stem)
def test_cli_parse_json_matches_records(path: Path) -> None:
    result = CliRunner().invoke(cli_main, ["parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == json.loads(json.dumps(records(parse(read_fixture(path)))))


def test_cli_parse_text_output() -> None:
    result = CliRunner().invoke(cli_main, ["parse", str(SYNTAX_FIXTURES / "multi-stage.Dockerfile")])
    assert result.exit_code == 0
    assert "stage 0 'builder' from golang:${GO_VERSION}" in result.output


def test_cli_subprocess_json(tmp_path: Path) -> None:
    script = _console_script()
    if script is None:
        pytest.skip("the msrefactor console script is not installed (pip install -e .)")
    path = SYNTAX_FIXTURES / "heredocs.Dockerfile"
    proc = subprocess.run(
        [script, "parse", "--json", str(path)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 0
    assert json.loads(proc.stdout) == json.loads(json.dumps(records(parse(read_fixture(path)))))


@pytest.mark.parametrize("line, value", [
    ('CMD ["go-wrapper", "run" ] # ["app"]', ("go-wrapper", "run")),  # dev 46b9e9f8
    ('ENTRYPOINT ["echo", "hi"] foo ]', ("echo", "hi")),
])
def test_text_after_a_json_array_is_ignored_as_docker_does(line: str, value: tuple[str, ...]) -> None:
    """Docker reads the first JSON value of the line (Go's json.Decoder) and ignores what follows: both of its
    builders made Cmd ["go-wrapper", "run"] of the first line (the tool read it as the shell form before)."""
    inst = parse(f"FROM a\n{line}\n").instructions()[1]
    assert inst.json and inst.value == value
