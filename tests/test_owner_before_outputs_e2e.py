"""``mkdir /home/app && chown -R nonroot /home/app`` before the venv is made in /home/app, on a real engine: the
runtime keeps both at their place, copies the venv with its owner, and the app sees the same owners as in the
original (and no second copy of the venv in a chown layer). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output
from test_owner_before_outputs import MADE_THEN_OWNED

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = """import os, pwd
import flask
print(flask.__name__, *(pwd.getpwuid(os.stat(p).st_uid).pw_name for p in ("/home/app", "/home/app/venv")))
"""


def test_the_folder_made_and_owned_before_the_venv_keeps_its_owner(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(MADE_THEN_OWNED)
    (tmp_path / "requirements.txt").write_text("flask==3.0.3\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(MADE_THEN_OWNED, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert "USER 0" not in result.text
    assert verified_default_output(tmp_path, result.text).strip() == "flask nonroot nonroot"
