"""``msrefactor verify`` checks the result that ``msrefactor FILE`` prints: the same configuration
(.msrefactor.toml, [tool.msrefactor], --config and the override flags), and so does batch --verify.

The engine is test_verify's FakeDocker, which records the text of every build.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import GO_STDLIB
from test_verify import FakeDocker

from transformer import verify as v
from transformer.cli import main


@pytest.fixture
def go_app(tmp_path: Path) -> Path:
    app = tmp_path / "go-app"
    app.mkdir()
    (app / "Dockerfile").write_text(GO_STDLIB)
    (app / "go.mod").write_text("module x\n\ngo 1.19\n")
    (app / "main.go").write_text("package main\nfunc main() {}\n")
    return app


@pytest.fixture
def docker(monkeypatch: pytest.MonkeyPatch) -> FakeDocker:
    engine = FakeDocker()
    monkeypatch.setattr(v, "DockerCLI", lambda network="host", build_args=(): engine)
    return engine


def built_result(engine: FakeDocker) -> str:
    (text,) = [c[2] for c in engine.calls if c[0] == "build" and c[1].endswith(":ms")]
    return str(text)


def test_verify_builds_what_msrefactor_file_prints(go_app: Path, docker: FakeDocker) -> None:
    (go_app / ".msrefactor.toml").write_text('stage_names = { runtime = "final" }\n')
    printed = CliRunner().invoke(main, [str(go_app / "Dockerfile")]).stdout
    assert " AS final" in printed
    r = CliRunner().invoke(main, ["verify", str(go_app / "Dockerfile")])
    assert r.exit_code == 0, r.output
    assert built_result(docker) == printed


def test_verify_takes_the_override_flags(go_app: Path, docker: FakeDocker) -> None:
    (go_app / ".msrefactor.toml").write_text('stage_names = { runtime = "final" }\n')
    r = CliRunner().invoke(main, ["verify", "--stage-name", "runtime=app", str(go_app / "Dockerfile")])
    assert r.exit_code == 0, r.output
    assert " AS app" in built_result(docker) and " AS final" not in built_result(docker)


def test_verify_with_a_disabled_pass_checks_the_unchanged_file(go_app: Path, docker: FakeDocker) -> None:
    (go_app / "pyproject.toml").write_text('[tool.msrefactor]\ndisable = ["go"]\n')
    r = CliRunner().invoke(main, ["verify", str(go_app / "Dockerfile")])
    assert "the refactoring left the file unchanged" in r.output
    assert built_result(docker) == GO_STDLIB


def test_verify_with_a_bad_configuration_is_one_line_exit_2(go_app: Path, docker: FakeDocker) -> None:
    (go_app / ".msrefactor.toml").write_text("nonsense = 1\n")
    r = CliRunner().invoke(main, ["verify", str(go_app / "Dockerfile")])
    assert r.exit_code == 2
    assert r.stderr.startswith("msrefactor: ") and r.stderr.count("\n") == 1 and "unknown key" in r.stderr
    assert not docker.calls


def test_batch_verify_builds_the_configured_result(go_app: Path, docker: FakeDocker) -> None:
    (go_app / ".msrefactor.toml").write_text('stage_names = { runtime = "final" }\n')
    r = CliRunner().invoke(main, ["batch", "--verify", "-q", "-j", "1", str(go_app)])
    assert r.exit_code == 0, r.output
    assert " AS final" in built_result(docker)


def test_verify_reports_an_internal_error(go_app: Path, docker: FakeDocker, monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    def crash(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(importlib.import_module("transformer.refactor"), "make_plan", crash)
    r = CliRunner().invoke(main, ["verify", str(go_app / "Dockerfile")])
    assert r.exit_code == 2
    assert r.stderr.endswith(f"msrefactor: {go_app / 'Dockerfile'}: internal error: RuntimeError: boom\n")
    assert not [c for c in docker.calls if c[0] == "build"]
