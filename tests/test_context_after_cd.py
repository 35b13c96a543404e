"""A file a command reads after ``cd`` is read from the build context where the stage's COPY put that folder:
``COPY . /srv`` then ``cd backend && pip install -r requirements.txt`` reads backend/requirements.txt, not the
context root's file of the same name (the runtime lacked libpq5 for backend's psycopg2 when the root's
requirements.txt was read instead)."""

from __future__ import annotations

from pathlib import Path

from transformer import refactor
from transformer.fileio import context_reader

FILE = ("FROM python:3.11\nCOPY . /srv\nWORKDIR /srv\nRUN cd backend && pip install -r requirements.txt\n"
        "CMD [\"python\", \"backend/app.py\"]\n")


def _runner(tmp_path: Path, root: str, backend: str) -> str:
    (tmp_path / "requirements.txt").write_text(root)
    (tmp_path / "backend").mkdir()
    (tmp_path / "backend" / "requirements.txt").write_text(backend)
    (tmp_path / "backend" / "app.py").write_text("import psycopg2\n")
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


def test_requirements_after_a_cd_are_the_folders_own(tmp_path: Path) -> None:
    runner = _runner(tmp_path, root="flask==3.0.0\n", backend="psycopg2==2.9.9\n")
    assert "libpq5" in runner, runner


def test_the_roots_requirements_are_not_read_for_a_subfolder(tmp_path: Path) -> None:
    runner = _runner(tmp_path, root="psycopg2==2.9.9\n", backend="flask==3.0.0\n")
    assert "libpq5" not in runner, runner
