"""`uv run` kept on a real engine (test_uv_run_kept): the runtime installs uv again and copies the .venv `uv sync`
made; `uv run` finds it in sync with uv.lock and prints what the original prints. Skipped without a Docker engine.
uv and six come from PyPI; the lock file is written here by the runtime's own uv (`uv lock` in the zoo image)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import docker, engine_reachable, verified_default_output
from test_uv_run_kept import FILE as KEPT

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = KEPT.format(cmd='["uv", "run", "python", "main.py"]')


def test_uv_run_runs_in_the_copied_environment(tmp_path: Path) -> None:
    if not engine_reachable():
        pytest.skip("no Docker engine")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "uvapp"\nversion = "0.1.0"\n'
                                             'requires-python = ">=3.11"\ndependencies = ["six==1.16.0"]\n')
    (tmp_path / "main.py").write_text('import six\nprint("six", six.__version__)\n')
    (tmp_path / "Dockerfile").write_text(FILE)
    locked = docker("run", "--rm", "--network", "host", "-v", f"{tmp_path}:/w", "-w", "/w", "python:3.11",
                    "sh", "-c", "pip install -q uv && uv lock")
    assert locked.returncode == 0 and (tmp_path / "uv.lock").is_file(), locked.stderr
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "six 1.16.0"
