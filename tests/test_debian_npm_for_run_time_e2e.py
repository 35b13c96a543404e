"""Debian's npm installed with apt that no step of the build runs, on a real engine: the program runs it
(`subprocess.run(["npm", ...])`), which the runtime could not before (it installed nodejs alone). The runtime keeps
npm and the program prints the same as the original's. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM python:3.11
WORKDIR /app
COPY . /app
RUN apt-get update && apt-get install -y nodejs npm
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
"""

APP = """import shutil, subprocess
import six
out = subprocess.run(["npm", "--version"], capture_output=True, text=True) if shutil.which("npm") else None
print("npm", "runs" if out is not None and out.returncode == 0 else "missing", six.__name__)
"""


def test_the_program_runs_the_npm_the_file_installs(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "npm runs six"
