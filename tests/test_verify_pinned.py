"""``verify_file`` and ``msrefactor verify`` on a fake engine, pinned whole: the report's JSON, the table, the
engine's calls in their order, the progress lines, the command's output and exit status.

Written before verify_file, _compare_images and verify_cmd were split, to keep what they did byte for byte: the
golden file was made by the code before the split (``MSREFACTOR_PIN_WRITE=1`` writes it again; read the diff).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from samples import GO_STDLIB
from test_verify import FakeDocker, GrowingDocker, cfg

from transformer import verify as v

GOLDEN = Path(__file__).parent / "golden" / "verify_pinned.json"


@pytest.fixture
def app(tmp_path: Path) -> Path:
    """A Go app (as test_verify's go_app)."""
    app = tmp_path / "go-app"
    app.mkdir()
    (app / "Dockerfile").write_text(GO_STDLIB)
    (app / "go.mod").write_text("module x\n\ngo 1.19\n")
    (app / "main.go").write_text("package main\nfunc main() {}\n")
    return app


class NoWorkdirDocker(FakeDocker):
    """The original image sets no WORKDIR: the files under the folder the COPYs write into (/src) are compared."""

    def inspect(self, ref: str) -> dict[str, Any] | None:
        if ref.endswith(":orig"):
            return {"Size": 1_070_000_000, "Config": cfg(WorkingDir="")}
        if ref.endswith(":ms"):
            return {"Size": 3_380_000, "Config": cfg(WorkingDir="")}
        return super().inspect(ref)


def _normal(value: Any, root: Path) -> Any:
    """``value`` as JSON text with the temporary folder and the containers' random names made constant."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    text = text.replace(str(root), "<tmp>")
    return json.loads(re.sub(r"msrefactor-verify-(\w+)-[0-9a-f]{10}", r"msrefactor-verify-\1-<id>", text))


def _verify_record(app: Path, docker: FakeDocker, **kw: Any) -> dict[str, Any]:
    lines: list[str] = []
    timeouts: list[float] = []
    run = docker.run

    def timed_run(image: str, args: list[str], **how: Any) -> v.Proc:
        timeouts.append(how["timeout"])
        return run(image, args, **how)

    setattr(docker, "run", timed_run)  # noqa: B010 (this one object's method: mypy refuses an assignment)
    report = v.verify_file(app / "Dockerfile", docker=docker, log=lines.append, **kw)
    calls = [(c[0], c[1], hashlib.sha1(c[2].encode()).hexdigest()[:12]) if c[0] == "build" else c
             for c in docker.calls]  # a build: the tag and the text built, by its hash
    return {"json": report.to_json(), "table": v.render_table(report), "calls": calls, "envs": docker.envs,
            "timeouts": timeouts, "log": lines}


def _cli_record(app: Path, monkeypatch: pytest.MonkeyPatch, docker: Callable[[], FakeDocker],
                *args: str) -> dict[str, Any]:
    monkeypatch.setattr(v, "DockerCLI", lambda network="host", build_args=(): docker())
    r = CliRunner().invoke(v.verify_cmd, [str(app / "Dockerfile"), *args])
    return {"exit": r.exit_code, "stdout": r.stdout, "stderr": r.stderr}


def _records(app: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    out: dict[str, Any] = {}
    out["ok"] = _verify_record(app, FakeDocker())
    out["keep"] = _verify_record(app, FakeDocker(), keep_images=True)
    out["smoke_fails"] = _verify_record(app, FakeDocker(result_rc=127, result_out="exec: hello: not found"))
    out["does_not_build"] = _verify_record(app, FakeDocker(result_builds=False))
    out["no_workdir"] = _verify_record(app, NoWorkdirDocker())
    out["grows"] = _verify_record(app, GrowingDocker())
    out["flags"] = _verify_record(app, FakeDocker(), smoke="hello --version", timeout=3)
    out["cli_ok"] = _cli_record(app, monkeypatch, FakeDocker)
    out["cli_json"] = _cli_record(app, monkeypatch, FakeDocker, "--json")
    out["cli_fails"] = _cli_record(app, monkeypatch, lambda: FakeDocker(result_rc=1, result_out="boom"))
    out["cli_no_result"] = _cli_record(app, monkeypatch, FakeDocker, "--result", str(app / "nope.ms"))
    out["cli_bad_context"] = _cli_record(app, monkeypatch, FakeDocker, "--context", str(app / "nope"))
    (app / "smoke.json").write_text(json.dumps({"run": ["hello", "--version"], "run_expect": "hello from",
                                                "expect": "from go", "env": {"PORT": 18080}, "timeout": 40}))
    out["smoke_json"] = _verify_record(app, FakeDocker())
    out["smoke_json_missed"] = _verify_record(app, FakeDocker(result_out="hello from rust"))
    out["cli_smoke_json"] = _cli_record(app, monkeypatch, FakeDocker)
    (app / "smoke.json").write_text("{")
    out["cli_bad_smoke_json"] = _cli_record(app, monkeypatch, FakeDocker)
    return out


def test_verify_is_pinned_whole(app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = _normal(_records(app, monkeypatch), app.parent)
    if os.environ.get("MSREFACTOR_PIN_WRITE"):
        GOLDEN.write_text(json.dumps(records, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    golden = json.loads(GOLDEN.read_text())
    for name in golden:
        assert records[name] == golden[name], name
    assert sorted(records) == sorted(golden)
