"""A script's `python3 - <<'PY' ... PY` runs the here-document's code, no console: the parser leaves the `-` out
before a here-document, and the entrypoint was taken for Python's REPL (rp19py Ceci2003/3d-printing-site, MISSED:
its docker-entrypoint.sh creates a superuser this way, then execs gunicorn). A bare `python` stays a console."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

FILE = """FROM python:3.11
WORKDIR /app
RUN apt-get update && apt-get install -y default-libmysqlclient-dev build-essential pkg-config
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
COPY docker-entrypoint.sh /entrypoint.sh
RUN chmod +x /entrypoint.sh
ENTRYPOINT ["/entrypoint.sh"]
"""

SCRIPT = """#!/bin/sh
set -e
python manage.py migrate --noinput
if [ -n "$DJANGO_SUPERUSER_USERNAME" ]; then
{python}
fi
exec gunicorn site.wsgi:application --bind 0.0.0.0:8000
"""


def _skipped(tmp_path: Path, python: str) -> str | None:
    (tmp_path / "requirements.txt").write_text("mysqlclient==2.2.4\ngunicorn\n")
    (tmp_path / "docker-entrypoint.sh").write_text(SCRIPT.format(python=python))
    return refactor(FILE, read_context=context_reader(str(tmp_path))).skipped


@pytest.mark.parametrize("python", ["python - <<'PY'\nprint('x')\nPY", "python3 < create_superuser.py"])
def test_python_given_its_input_is_no_console(tmp_path: Path, python: str) -> None:
    assert _skipped(tmp_path, python) is None


def test_a_bare_python_is_a_console(tmp_path: Path) -> None:
    assert "an interactive console" in (_skipped(tmp_path, "python") or "")
