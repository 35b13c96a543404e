"""xvfb installed as apt installs by default (with its recommended packages) and xvfb-run run by the command, on a
real engine: Debian's xvfb only recommends xauth, which xvfb-run runs, and the runtime (--no-install-recommends)
lacked it: `xvfb-run: error: xauth command not found`. It now installs xauth, which Ubuntu's xvfb depends on.
(xvfb-run runs under sh: as a container's PID 1 it waits for Xvfb's ready signal forever.) Skipped without a Docker
engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

FILE = """\
FROM python:3.11
RUN apt-get update && apt-get install -y xvfb && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py .
CMD ["sh", "-c", "xvfb-run -a python app.py"]
"""


def test_xvfb_run_finds_xauth(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text("import os, six\nprint(six.__name__, bool(os.environ.get('DISPLAY')))\n")
    result = refactor(FILE)
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).split() == ["six", "True"]
