"""An ENTRYPOINT script a COPY took from a folder of the build context (``COPY docker/entry.sh /app/``) that runs
`envsubst`, on a real engine: the runtime installs gettext-base, and the script prints the filled template as the
original's does (it stopped with `envsubst: not found` before). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output
from test_entry_script_copied_from_folder import FILE, SCRIPT

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e


def test_the_entry_script_finds_envsubst(tmp_path: Path) -> None:
    text = FILE.format(source="docker/entry.sh", dest="/app/")
    (tmp_path / "Dockerfile").write_text(text)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text("import six\nprint(six.__name__)\n")
    (tmp_path / "config.tpl").write_text("home=$HOME\n")
    (tmp_path / "manage.py").write_text("")  # `python manage.py compilemessages`: gettext is build-only
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "entry.sh").write_text(SCRIPT)
    (tmp_path / "docker" / "entry.sh").chmod(0o755)
    result = refactor(text, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).split() == ["home=/root", "six"]
