"""Options of refactor(): image map, stage names, disabled passes, runtime user."""

from __future__ import annotations

from pathlib import Path

from transformer import Options, parse, refactor

FIX = Path(__file__).resolve().parent.parent / "fixtures" / "refactor"


def _text(case: str) -> str:
    return (FIX / case / "Dockerfile").read_text()


def _runtime(text: str):  # type: ignore[no-untyped-def]
    return parse(text).stages[-1]


def test_image_map_overrides_the_runtime_image() -> None:
    r = refactor(_text("flask-pytest"), options=Options(image_map={"python:3.11": "registry.local/py:3.11-slim"}))
    assert _runtime(r.text).base_image == "registry.local/py:3.11-slim"


def test_stage_names() -> None:
    r = refactor(_text("flask-pytest"), options=Options(stage_names={"builder": "build", "runtime": "app"}))
    names = [s.name for s in parse(r.text).stages]
    assert names == ["build", "test", "app"]
    assert "COPY --from=build " in r.text


def test_disabled_pass_leaves_its_commands_not_understood() -> None:
    r = refactor(_text("go-cli"), options=Options(disabled_passes=frozenset({"go"})))
    assert not r.changed
    assert "not understood" in (r.skipped or "")


def test_runtime_user_by_name_is_created_and_set_before_cmd() -> None:
    r = refactor(_text("flask-pytest"), options=Options(runtime_user="app"))
    runtime = _runtime(r.text)
    cmds = [i.cmd for i in runtime.instructions]
    assert cmds.index("user") < cmds.index("cmd")
    assert any(i.cmd == "run" and "useradd" in i.original for i in runtime.instructions)
    assert any("runtime_user" in c.message for c in r.changes)


def test_runtime_user_numeric_on_distroless() -> None:
    r = refactor(_text("go-cli"), options=Options(runtime_user="65532"))
    runtime = _runtime(r.text)
    assert [i.value for i in runtime.instructions if i.cmd == "user"] == [("65532",)]
    assert not any(i.cmd == "run" for i in runtime.instructions)


def test_runtime_user_name_on_distroless_is_refused() -> None:
    r = refactor(_text("go-cli"), options=Options(runtime_user="app"))
    assert not r.changed and "numeric" in (r.skipped or "")


def test_runtime_user_does_not_override_the_files_own_user() -> None:
    r = refactor(_text("nonroot-chown"), options=Options(runtime_user="other"))
    assert [i.value for i in _runtime(r.text).instructions if i.cmd == "user"] == [("app",)]


def test_build_arguments_in_from_stay_build_arguments() -> None:
    text = ("ARG PYTHON_VERSION=3.11\nFROM python:${PYTHON_VERSION}\nWORKDIR /app\nCOPY . .\n"
            "RUN pip install -r requirements.txt\nCMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    assert "FROM python:${PYTHON_VERSION}-slim AS runner" in result.text
    assert any("follows ARG PYTHON_VERSION" in c.message for c in result.changes)
    both = "ARG V=3.11\nARG BASE=python\n" + text.split("\n", 1)[1].replace("python:${PYTHON_VERSION}", "${BASE}:$V")
    assert "FROM ${BASE}:$V-slim AS runner" in refactor(both).text
    # a runtime that does not depend on the argument
    go = refactor("ARG GO=1.19\nFROM golang:${GO}\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n")
    assert "FROM gcr.io/distroless/static-debian12 AS runner" in go.text
    # no default: nothing to resolve, the file is left as it is
    assert not refactor(text.replace("ARG PYTHON_VERSION=3.11", "ARG PYTHON_VERSION")).changed
