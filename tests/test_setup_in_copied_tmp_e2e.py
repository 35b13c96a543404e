"""A folder under /tmp that a COPY fills, then chowned (wikimetrics' shape), on a real engine: the runtime repeats
the chown after its COPY, and the app sees the same owners as in the original. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output
from test_setup_in_copied_tmp import FILE

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = """import os, pwd
import six
print("six", *(pwd.getpwuid(os.stat(p).st_uid).pw_name for p in ("/tmp/app", "/tmp/app/app.py")))
"""


def test_the_folder_copied_under_tmp_keeps_its_owner(tmp_path: Path) -> None:
    text = FILE.format(source=".", dest="$temp_dir", setup="chown -R www-data $temp_dir")
    (tmp_path / "Dockerfile").write_text(text)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(text, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "six www-data www-data"
