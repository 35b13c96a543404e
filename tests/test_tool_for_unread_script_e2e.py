"""A build-only tool the file installs and no RUN runs (shellcheck, Section devel in Debian), run by a program of
the build context the tool cannot read (a Python script the CMD runs by its path, as dev file 395775c5's manage.sh
lints with it), on a real engine: the runtime keeps it and the program prints the same as the original's. Skipped
without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM python:3.11
WORKDIR /app
RUN apt-get update && apt-get install -y shellcheck libpq-dev
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . /app
CMD ["./bin/lint"]
"""

LINT = """#!/usr/bin/env python3
import shutil, subprocess
import six
found = shutil.which("shellcheck")
out = subprocess.run([found, "--version"], capture_output=True, text=True) if found else None
print("shellcheck", "runs" if out is not None and out.returncode == 0 else "missing", six.__name__)
"""


def test_the_program_runs_the_tool_the_file_installs(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "lint").write_text(LINT)
    (tmp_path / "bin" / "lint").chmod(0o755)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "shellcheck runs six"
