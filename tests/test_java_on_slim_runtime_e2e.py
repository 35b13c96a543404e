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


def test_the_jre_named_a_line_of_its_own_installs_too(tmp_path: Path) -> None:
    """The install written a package a line: the JRE on another line than `install` (read line by line, the
    runtime went without the folder and its install failed)."""
    text = FILE.replace("apt-get install -y openjdk-17-jre-headless",
                        "apt-get install -y \\\n    openjdk-17-jre-headless")
    (tmp_path / "Dockerfile").write_text(text)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(text, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    # the build first: on the old code the runtime's JRE install fails there (update-alternatives)
    assert verified_default_output(tmp_path, result.text).strip() == "six openjdk"
    assert "RUN mkdir -p /usr/share/man/man1" in result.text, result.text
