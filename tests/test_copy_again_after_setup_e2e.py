"""A COPY of requirements.txt, a RUN that sets up that file with the install, then ``COPY . /srv/app``, on a real
engine: the runtime keeps the first COPY before the setup it repeats, so its build works (its `chmod` stopped it
before) and the app runs as the original's does. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output
from test_copy_again_after_setup import FILE

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = """import os, stat, six
print(six.__name__, oct(stat.S_IMODE(os.stat("/srv/app/requirements.txt").st_mode)))
"""


def test_the_runtime_builds_with_the_setup_of_the_first_copy(tmp_path: Path) -> None:
    text = FILE.format(setup="chmod 600 /srv/app/requirements.txt && ")
    (tmp_path / "Dockerfile").write_text(text)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(text, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "six 0o644"
