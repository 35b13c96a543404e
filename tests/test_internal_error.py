"""A crash inside the tool is an error (exit 2, counted, one line naming the file), never a skip.

The crash is injected by making the planner raise, as a bug in it would; a planned
"cannot keep the meaning" (CannotRefactor) stays a skip.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from samples import PY_TESTS

from transformer import refactor
from transformer.cli import main
from transformer.outcome import ExitCode, Status

# the module (the package's attribute `refactor` is the function)
refactor_module = importlib.import_module("transformer.refactor")


def _crash(*args: object, **kwargs: object) -> object:
    raise KeyError("boom\nsecond line")


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(refactor_module, "make_plan", _crash)


@pytest.fixture
def dockerfile(tmp_path: Path) -> Path:
    f = tmp_path / "app" / "Dockerfile"
    f.parent.mkdir()
    f.write_text(PY_TESTS)
    return f


def test_the_api_returns_a_failure_and_keeps_the_text(crashing: None) -> None:
    result = refactor(PY_TESTS)
    assert result.status is Status.ERROR
    assert not result.changed and result.skipped is None
    assert result.error == "KeyError: 'boom\\nsecond line'"
    assert isinstance(result.exception, KeyError)
    assert result.text == PY_TESTS


def test_cannot_refactor_stays_a_skip(monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(*args: object, **kwargs: object) -> object:
        raise refactor_module.CannotRefactor("would change the meaning")

    monkeypatch.setattr(refactor_module, "make_plan", cannot)
    result = refactor(PY_TESTS)
    assert result.status is Status.SKIPPED
    assert result.skipped == "would change the meaning" and result.error is None


@pytest.mark.parametrize("flags", [[], ["--check"], ["--diff"], ["--json"], ["--in-place"]])
def test_msrefactor_file_exits_2_with_one_line(crashing: None, dockerfile: Path, flags: list[str]) -> None:
    r = CliRunner().invoke(main, [*flags, str(dockerfile)])
    assert r.exit_code == ExitCode.ERROR, r.output
    assert r.stdout == ""
    assert r.stderr == f"msrefactor: {dockerfile}: internal error: KeyError: 'boom\\nsecond line'\n"
    assert dockerfile.read_text() == PY_TESTS


def test_batch_counts_it_as_an_error(crashing: None, dockerfile: Path, tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    r = CliRunner().invoke(main, ["batch", "--check", "-j", "1", str(dockerfile.parent), "--report", str(report)])
    assert r.exit_code == 2
    assert f"msrefactor: {dockerfile}: internal error: KeyError: 'boom\\nsecond line'\n" in r.stderr
    summary = dict(line.rsplit(None, 1) for line in r.stdout.splitlines())
    assert summary["errors"] == "1" and summary["skipped"] == "0"
    data = json.loads(report.read_text())
    assert data["exit_code"] == 2
    assert data["summary"]["error"] == 1 and data["summary"]["skipped"] == 0
    (entry,) = data["files"]
    assert entry["status"] == "error" and entry["skip_reason"] is None
    assert entry["error"] == f"{dockerfile}: internal error: KeyError: 'boom\\nsecond line'"
