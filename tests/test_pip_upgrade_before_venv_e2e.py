"""``RUN pip install --upgrade pip`` before the installs, on a real engine: the builder's virtual environment is made
before the upgrade, and the runtime's pip is the upgraded one, as the original's is (it was the environment's own,
older, before). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output
from test_pip_upgrade_before_venv import FILE

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = """import importlib.metadata, six
print(six.__name__, int(importlib.metadata.version("pip").split(".")[0]) >= 24)
"""


def test_the_runtime_has_the_upgraded_pip(tmp_path: Path) -> None:
    text = FILE.format(user="")
    (tmp_path / "Dockerfile").write_text(text)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(text, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "six True"
