"""A JRE the runtime installs on the slim image the tool chose, on a real engine: the runtime makes
/usr/share/man/man1 first, its install works (it failed in the JRE's postinst before), and the app runs java as the
original does. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM python:3.11
RUN apt-get update && apt-get install -y openjdk-17-jre-headless
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py .
CMD ["python", "app.py"]
"""

APP = """import subprocess
import six
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.split()[0]
print(six.__name__, java)
"""


def test_the_jre_installs_on_the_slim_runtime(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert "FROM python:3.11-slim AS runner" in result.text, result.text
    assert verified_default_output(tmp_path, result.text).strip() == "six openjdk"
