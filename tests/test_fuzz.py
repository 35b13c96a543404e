"""Robustness fuzzing (issue #6): generated Dockerfiles (tests/strategies.py) and
mutated real files (the refactor and syntax fixtures, the shared e2e apps) through
parse, render, refactor and the command line.

The invariants live in fuzz/invariants.py, shared with the atheris harnesses:
the API raises only DockerfileSyntaxError; render(parse(x)) == x; refactor never
reports an internal error nor a result its safety net refused, and a changed result
parses (here and in PyPI ``dockerfile``), meets invariants.result_problems (written
apart from safety.py) and is a fixed point; the CLI exits 0, 1 or 2
with one stderr line on error and never a traceback.

HYPOTHESIS_PROFILE=ci (the default) keeps this file under a minute; =long runs
twenty times as many examples.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import example, given, note, settings
from hypothesis import strategies as st
from strategies import SURROGATES, dockerfiles, mutated

sys.path.insert(0, str(ROOT / "fuzz"))

import invariants  # noqa: E402

import transformer  # noqa: E402

SEEDS = invariants.seed_texts()
REFACTOR_SEEDS = [t for t in SEEDS if "FROM" in t.upper()]


@st.composite
def mangled(draw: st.DrawFn, sources: list[str]) -> str:
    """A real file with the mutations of tests/strategies.py plus whole-file ones: CRLF flips,
    random unicode (surrogate-escaped bytes included), line duplications and truncation."""
    text = draw(mutated(sources))
    for _ in range(draw(st.integers(0, 2))):
        op = draw(st.integers(0, 5))
        if op == 0:  # CRLF flip, all or one line
            if draw(st.booleans()):
                text = text.replace("\r\n", "\n") if "\r\n" in text else text.replace("\n", "\r\n")
            else:
                lines = text.split("\n")
                k = draw(st.integers(0, max(0, len(lines) - 1)))
                lines[k] = lines[k] + "\r"
                text = "\n".join(lines)
        elif op == 1:  # random unicode, including bytes that are not UTF-8 (as fileio decodes them)
            pos = draw(st.integers(0, len(text)))
            junk = draw(st.text(st.characters(exclude_categories=SURROGATES), max_size=4))
            junk += draw(st.sampled_from(["", "\udc80", "\udcff", "\udcc3\udca9", "\U0001f600", "{\U0001f600"]))
            text = text[:pos] + junk + text[pos:]
        elif op == 2:  # duplicate a block of lines
            lines = text.splitlines(keepends=True)
            if lines:
                a = draw(st.integers(0, len(lines) - 1))
                b = draw(st.integers(a, min(len(lines), a + 5)))
                lines[b:b] = lines[a:b]
                text = "".join(lines)
        elif op == 3:  # truncate anywhere (inside a continuation, a heredoc, a UTF-8 sequence...)
            text = text[: draw(st.integers(0, len(text)))]
        elif op == 4:  # a random byte
            pos = draw(st.integers(0, len(text)))
            text = text[:pos] + chr(draw(st.integers(0, 255))) + text[pos:]
        else:  # one line's continuation added or removed
            lines = text.split("\n")
            k = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[k] = lines[k][:-1] if lines[k].endswith("\\") else lines[k] + " \\"
            text = "\n".join(lines)
    return text


def _cli_modes() -> st.SearchStrategy[list[str]]:
    return st.sampled_from(invariants.CLI_MODES)


# --- parse and render -----------------------------------------------------------------------------------------------


@given(st.one_of(dockerfiles(for_oracle=False), mangled(SEEDS)))
@example("")
@example("\ufeff")
@example("\x00")
@example("FROM a\nRUN x \\")
@example("FROM a\r\nRUN <<EOF\r\nx\r\nEOF")
def test_parse_only_syntax_errors_and_lossless(text: str) -> None:
    note(repr(text))
    invariants.check_parse(text)


@given(st.binary(max_size=300))
def test_parse_any_bytes(data: bytes) -> None:
    invariants.check_parse(data.decode("utf-8", "surrogateescape"))


# --- refactor ---------------------------------------------------------------------------------------------------------


@given(dockerfiles(for_oracle=False))
def test_refactor_generated(text: str) -> None:
    note(repr(text))
    invariants.check_refactor(text)


@settings(max_examples=settings().max_examples * 2)
@given(mangled(REFACTOR_SEEDS))
@example(  # found by atheris: a file ending inside a continuation swallowed the runtime stage
    "FROM eclipse-temurin:17-jdk\nWORKDIR /app\nCOPY . .\nRUN jar --create --file app.jar .\n"
    'CMD ["java", "-jar", "app.jar"]\nCOPY x \\\n  # c\n   y \\\n# z'
)
def test_refactor_mutated_real_files(text: str) -> None:
    note(repr(text))
    invariants.check_refactor(text)


def test_refactor_every_seed() -> None:
    for text in SEEDS:
        invariants.check_parse(text)
        invariants.check_refactor(text)


def test_open_ended_last_instruction_is_left_alone() -> None:
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            'COPY . .\nCMD ["python", "app.py"]\nLABEL a=b \\\n')
    result = transformer.refactor(text)
    assert not result.changed
    assert result.skipped is not None and "line continuation" in result.skipped


# --- the command line -------------------------------------------------------------------------------------------------


@settings(max_examples=max(20, settings().max_examples // 3))
@given(_cli_modes(), st.one_of(mangled(REFACTOR_SEEDS), dockerfiles(for_oracle=False)))
@example(["parse", "-"], "FROM alpine\nRUN e\udc94\udc97o one\n")  # found by atheris: non-UTF-8 in parse output
@example(["parse", "--json", "-"], "FROM alpine\nRUN e\udc94\udc97o one\n")
@example(["-"], "\x00FROM a\n")
@example(["-"], "# escape=`\x0b# escape=\\\nFROM a\n")  # found by atheris: a \v in the one-line message
def test_cli_exit_codes_and_one_line_errors(args: list[str], text: str) -> None:
    note(repr(text))
    data = text.encode("utf-8", "surrogateescape")
    code, out, _ = invariants.check_cli(args, data)
    if args == ["-"] and code == 0:
        result = transformer.refactor(text)
        assert out == result.text.encode("utf-8", "surrogateescape")


@settings(max_examples=max(20, settings().max_examples // 3))
@given(_cli_modes(), st.binary(max_size=200))
def test_cli_any_bytes(args: list[str], data: bytes) -> None:
    invariants.check_cli(args, data)


@pytest.mark.parametrize("args", [["--json", "-"], ["parse", "--json", "-"], ["-"]])
def test_cli_keeps_bytes_that_are_not_utf8(args: list[str]) -> None:
    data = b"FROM alpine\nRUN echo \xff\xfe caf\xe9\nCMD [\"sh\"]\n"
    code, out, err = invariants.check_cli(args, data)
    assert code == 0, err
    assert b"\xff\xfe caf\xe9" in out


# --- the invariants can fail --------------------------------------------------------------------------------------


GOOD_BEFORE = "# app\nFROM golang:1.22\nWORKDIR /src\nENV A=1\nRUN go build -o /app .\nUSER 1000\nCMD [\"/app\"]\n"
GOOD_AFTER = ("# app\nFROM golang:1.22 AS builder\nWORKDIR /src\nENV A=1\nRUN go build -o /app .\n\n"
              "FROM gcr.io/distroless/static-debian12 AS runner\nWORKDIR /src\nENV A=1\n"
              "COPY --from=builder /app /app\nUSER 1000\nCMD [\"/app\"]\n")


@pytest.mark.parametrize(("old", "new", "problem"), [
    ("", "", None),
    ("# app\n", "", "the comment line '# app' is gone"),
    ('USER 1000\nCMD ["/app"]\n', "USER 1000\n", "the runtime's CMD is None"),
    ("USER 1000\nCMD", "CMD", "the runtime's USER is None"),
    ("runner\nWORKDIR /src\n", "runner\nWORKDIR /\n", "the runtime's WORKDIR is ('/',)"),
    ("runner\nWORKDIR /src\nENV A=1\n", "runner\nWORKDIR /src\nENV A=2\n", "the runtime's ENV A is '2'"),
    ("--from=builder", "--from=runner", "stage 1 copies from runner, which is not an earlier stage"),
    ("--from=builder", "--from=1", "stage 1 copies from 1, which is not an earlier stage"),
    ("FROM golang:1.22 AS builder", "FROM runner AS builder", "stage 0 starts from runner, a stage defined after it"),
    ("AS runner", "AS builder", "stage names used twice"),
])
def test_result_problems_refuses_bad_outputs(old: str, new: str, problem: str | None) -> None:
    after = GOOD_AFTER.replace(old, new) if old else GOOD_AFTER
    assert after != GOOD_AFTER or problem is None
    found = invariants.result_problems(transformer.parse(GOOD_BEFORE), transformer.parse(after))
    if problem is None:
        assert found == []
    else:
        assert any(p.startswith(problem) for p in found), found


def test_check_refactor_reports_a_result_the_safety_net_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """refactor() returns the input when its own safety check fails: for the fuzzer that is a bug."""
    from transformer.compose import Change, Composer

    text = "FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD [\"python\", \"a.py\"]\n"
    assert invariants.check_refactor(text, oracle=False) is not None
    compose = Composer.compose

    def losing_the_cmd(self: Composer) -> tuple[str, list[Change]]:
        new_text, changes = compose(self)
        return new_text.replace('CMD ["python", "a.py"]\n', ""), changes

    monkeypatch.setattr(Composer, "compose", losing_the_cmd)
    with pytest.raises(AssertionError, match="the composer wrote an unsafe result"):
        invariants.check_refactor(text, oracle=False)


def test_a_refusal_the_input_causes_is_not_the_composers() -> None:
    """An input that copies from its own stage fails the net whatever the composer writes."""
    text = ("FROM node:18 AS builder\nWORKDIR /app\nCOPY . .\nRUN npm install && npm run build\n"
            "COPY --from=builder /app/dist /srv\nCMD [\"node\", \"/srv/index.js\"]\n")
    assert not invariants.sound_input(text)
    result = invariants.check_refactor(text, oracle=False)
    assert result is not None and (result.skipped or "").startswith(invariants.UNSAFE)
    assert invariants.sound_input(text.replace("COPY --from=builder /app/dist /srv\n", ""))


@pytest.mark.parametrize("name", ["runner", "RUNNER", "test"])
def test_an_original_stage_named_like_a_new_one(name: str) -> None:
    """Found by the invariants (seed 3): a stage named runner kept its name as the builder, and the runtime
    took it too; the safety net refused the result, so the file was left unchanged."""
    text = (f"FROM node:18 AS {name}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
            "RUN npm run build\nRUN npm test\nCMD [\"node\", \"dist/server.js\"]\n")
    result = invariants.check_refactor(text, oracle=False)
    assert result is not None and result.changed, result and result.skipped
    names = [s.name for s in transformer.parse(result.text).stages]
    assert names[0] == name and len({n.lower() for n in names if n}) == len(names), names


@pytest.mark.parametrize("head", ["\\\n# built on Alpine\nFROM python:3.9-alpine\n",
                                  "FROM \\\n  # built on Alpine\n  python:3.9-alpine\n"])
def test_a_comment_inside_the_from_continuation_is_kept(head: str) -> None:
    """Found by the invariants (seed 6): the FROM line written again without its continuation lost the
    comment inside it; the safety net refused the result, so the file was left unchanged."""
    text = head + ("RUN apk add --no-cache build-base\nWORKDIR /app\nCOPY . .\n"
                   "RUN pip install --no-cache-dir --user -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    result = invariants.check_refactor(text, oracle=False)
    assert result is not None and result.changed, result and result.skipped
    assert "# built on Alpine\n" in result.text


def test_an_output_path_with_a_control_character_is_a_skip_not_an_unsafe_result() -> None:
    """Found by Hypothesis: `go build -o\\x1c ...` made the composer write a COPY the safety net refused."""
    text = 'FROM golang:1.19\nWORKDIR /app\nCOPY . .\nRUN go build -o\x1c /app/x .\nCMD ["/app/x"]\n'
    result = invariants.check_refactor(text)
    assert result is not None and not result.changed
    assert "control characters" in (result.skipped or "")


def test_a_venv_after_the_files_own_path_keeps_its_folders_after_the_venv_s() -> None:
    """Found by atheris: ENV PATH set before a plain pip install that the tool puts in a venv. It was left alone
    because the runtime's last ENV PATH is the venv's; the PATH it makes holds the file's folders, in order,
    after the venv's bin, as any venv rewrite does."""
    # (the fuzzer's file filled ~/.local/bin with `pip install --user`, which now keeps the venv out of the stage)
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY bin/ /root/.local/bin/\n"
            "ENV PATH=/root/.local/bin:$PATH\nRUN pip install -r requirements-dev.txt\nCMD [\"python\", \"app.py\"]\n")
    result = invariants.check_refactor(text)
    assert result is not None and result.changed, result and result.skipped
    runner = result.text.split("\nFROM ")[-1]
    assert "ENV PATH=/root/.local/bin:$PATH\nENV VIRTUAL_ENV=/opt/venv PATH=\"/opt/venv/bin:$PATH\"\n" in runner


def test_a_path_set_anew_after_the_venv_is_still_a_named_skip() -> None:
    text = ("FROM python:3.11\nWORKDIR /app\nRUN pip install -r requirements.txt\n"
            "ENV PATH=/usr/local/bin:/usr/bin:/bin\nCMD [\"python\", \"app.py\"]\n")
    result = invariants.check_refactor(text)
    assert result is not None and not result.changed
    assert "sets PATH anew after the installs" in (result.skipped or "")


def test_a_path_glued_to_the_one_before_it_after_the_venv_is_a_named_skip() -> None:
    """Found by atheris (CI, stop 24): ``ENV PATH=/root/.local/bin$PATH`` (no colon) after an install the tool
    puts in a venv. The runtime wrote the same text after the venv's ENV, which glued the folder to the venv's
    bin instead of the image's first folder; the safety net compared the text and let it pass."""
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            "COPY main.py .\nENV PATH=/root/.local/bin$PATH\nCMD [\"python\", \"main.py\"]\n")
    result = invariants.check_refactor(text)
    assert result is not None and not result.changed
    assert "ENV at line 6 sets PATH anew after the installs" in (result.skipped or "")


def test_a_command_named_by_a_long_run_of_underscores_is_read_at_once() -> None:
    """Found by atheris (a timeout): the pattern of build scripts' names (``ollvm-build.sh``) let ``_`` be a part's
    letter and its separator alike, so a CMD word of underscores took time exponential in their number to not
    match (38: 12 s, the fuzzer's 90: hours)."""
    text = 'FROM python:3.11\nRUN pip install flask\nCMD ["' + "_" * 38 + 'python", "app.py"]\n'
    started = time.perf_counter()
    result = invariants.check_refactor(text)
    assert result is not None
    assert time.perf_counter() - started < 5


def test_a_workdir_without_a_folder_is_a_named_skip() -> None:
    """Found by atheris: `WORKDIR` alone parses, and the result's WORKDIR could not match it."""
    text = 'FROM golang:1.21\nWORKDIR\nCOPY . .\nRUN go build -o /bin/server ./cmd/server\nENTRYPOINT ["/bin/server"]\n'
    result = invariants.check_refactor(text)
    assert result is not None and not result.changed
    assert "WORKDIR at line 2 names nothing" in (result.skipped or "")


def test_the_invariants_know_the_base_images_workdir() -> None:
    """Found by atheris: golang's WORKDIR /go, written in the runtime for a file that sets none, is the
    original's effective WORKDIR, not a change."""
    text = 'FROM golang:1.21\nCOPY go.mod ./\nCOPY *.go ./\nRUN go build -o /usr/local/bin/hello .\nCMD ["hello"]\n'
    result = invariants.check_refactor(text)
    assert result is not None and result.changed
    assert "WORKDIR /go" in result.text.split(" AS runner\n", 1)[1]


def test_the_invariants_know_the_runtime_images_workdir() -> None:
    """Found by atheris: a runtime on the same php image keeps its WORKDIR /var/www/html without writing it."""
    text = ("FROM php:8.2-fpm\nRUN apt-get update && apt-get install -y libpq-dev && docker-php-ext-install pdo_pgsql\n"
            "USER www-data\nCMD [\"php-fpm\"]\n")
    result = invariants.check_refactor(text)
    assert result is not None and result.changed
    runtime = result.text.split("AS runner\n", 1)[1]
    assert "WORKDIR" not in runtime  # php's own /var/www/html holds in the runtime without being written
    assert "COPY --from=builder /usr/local/lib/php/extensions /usr/local/lib/php/extensions" in runtime


def test_an_image_named_like_a_new_stage_keeps_its_meaning() -> None:
    """Found by atheris: `COPY --from=builder` in a single-stage file copies from an image called builder;
    the new builder stage takes another name instead of capturing it."""
    text = ("FROM python:3.11\nRUN apt-get update && apt-get install -y gcc\nCOPY --from=builder /src /src\n"
            "RUN pip install uwsgi\nCMD [\"uwsgi\"]\n")
    result = invariants.check_refactor(text)
    assert result is not None and result.changed
    assert "FROM python:3.11 AS builder-2\n" in result.text
    assert result.text.count("COPY --from=builder /src /src") == 2


def test_a_user_with_a_control_character_is_a_skip_not_an_unsafe_result() -> None:
    """Found by atheris: USER app\\x13... became a COPY --chown the safety net refused."""
    text = ("FROM node:18\nRUN groupadd --system app && useradd --system --gid app app\nWORKDIR /home/app\n"
            "USER app\x13x\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/main.js\"]\n")
    result = invariants.check_refactor(text)
    assert result is not None and not result.changed
    assert "control characters in its path or user" in (result.skipped or "")


def test_a_venv_folder_the_file_puts_on_its_path_again_is_one_folder() -> None:
    """Found by Hypothesis: the file makes its own /opt/venv after a pip install the tool puts in /opt/venv, and
    sets ENV PATH="/opt/venv/bin:$PATH" itself: the runtime's PATH names the folder twice, which searches the
    same folders in the same order as the original's."""
    text = ("FROM python:3.11\nRUN pip install --no-cache-dir -r requirements.txt\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev\n"
            "RUN python -m venv /opt/venv\nENV PATH=\"/opt/venv/bin:$PATH\"\nWORKDIR /srv/app\n"
            "COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
            "CMD [\"gunicorn\", \"app:app\"]\n")
    result = invariants.check_refactor(text)
    assert result is not None and result.changed, result and result.skipped


def _cli_in_a_child(text: str) -> subprocess.CompletedProcess[str]:
    """``msrefactor -`` on ``text`` in a child process with a 60 s timeout (a hang fails the test instead of
    stopping the suite); it must exit 0."""
    script = shutil.which("msrefactor") or str(Path(sys.executable).parent / "msrefactor")
    done = subprocess.run([script, "-"], input=text, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done


def test_a_workdir_with_two_leading_slashes_finishes() -> None:
    """Found by atheris (CI on the ninth session's commits): `WORKDIR //x` made the runtime's folder walk
    loop for ever, since POSIX's normpath keeps "//" and "//" is its own parent. Docker reads it as /x.
    Run in a child process so that a hang fails the test instead of stopping the suite."""
    text = ("FROM python:3.11\nWORKDIR //srv\nCOPY . .\nRUN pip install -r requirements.txt\n"
            'CMD ["python", "app.py"]\n')
    done = _cli_in_a_child(text)
    runner = done.stdout.split(" AS runner\n", 1)[1]
    assert "WORKDIR //srv\n" in runner and "COPY . .\n" in runner


def test_a_record_separator_in_a_workdir_is_kept() -> None:
    """Found by atheris: str.splitlines also ends a line at \\x1c-\\x1e (and \\v, \\f, \\x85), where only \\n ends
    one in a Dockerfile: the runtime's copy of `WORKDIR /app\\x1e\\x1e` lost a character, and the safety net
    refused the result."""
    text = ("FROM python:3.11\nWORKDIR /app\x1e\x1e\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            'COPY app.py .\nCMD ["python", "app.py"]\n')
    result = invariants.check_refactor(text)
    assert result is not None and result.changed
    assert "WORKDIR /app\x1e\x1e\n" in result.text.split(" AS runner\n", 1)[1]


def test_a_cd_to_two_leading_slashes_finishes() -> None:
    """The same loop in the node pass's look-up of a workspace root above the folder of a `cd //srv`: the folder a
    RUN's `cd` names is now read as Docker's shell reaches it (RunContext.abspath cleans a leading //), and the
    walk up stops at a folder that is its own parent."""
    text = 'FROM node:18\nWORKDIR /app\nCOPY . .\nRUN cd //srv && npm install\nCMD ["node", "s.js"]\n'
    _cli_in_a_child(text)
