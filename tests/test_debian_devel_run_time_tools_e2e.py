"""A program Debian files under Section devel that a running app calls (highlight: source code to HTML), installed by
the file and run by the app's own Python, which the tool reads, on a real engine: the runtime keeps it (it was
build-only data, and the runtime left it out) and the app prints the same as the original's. Skipped without a
Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM python:3.11
WORKDIR /app
RUN apt-get update && apt-get install -y highlight libpq-dev && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . /app
CMD ["python", "app.py"]
"""

APP = """import shutil, subprocess
import six
found = shutil.which("highlight")
out = subprocess.run([found, "--version"], capture_output=True, text=True) if found else None
print("highlight", "runs" if out is not None and out.returncode == 0 else "missing", six.__name__)
"""


def test_the_app_runs_the_highlight_the_file_installs(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "highlight runs six"
