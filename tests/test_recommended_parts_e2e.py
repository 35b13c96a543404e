"""ImageMagick's extra coders, on a real engine: the original's `apt-get install -y imagemagick` took the
recommended libmagickcore-6.q16-6-extra (SVG through librsvg); the runtime's install of ImageMagick takes its
recommended packages too (it named this one alone before, and lost ghostscript), and the app converts an SVG in both
images (without it: `delegate failed 'rsvg-convert'`). python:3.11(-slim) of the zoo, Debian bookworm, tagged as
python:3.11-bookworm and python:3.11-slim-bookworm (zoo.sh alias), the tags that say the release the tool names
the package by. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output, zoo_alias

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM python:3.11-bookworm
RUN apt-get update && apt-get install -y imagemagick libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py .
CMD ["python", "app.py"]
"""

APP = """import subprocess
with open("/tmp/a.svg", "w") as f:
    f.write('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>')
subprocess.run(["convert", "/tmp/a.svg", "/tmp/a.png"], check=True)
print("converted", __import__("six").__name__)
"""


def test_the_runtime_converts_an_svg_as_the_original_does(tmp_path: Path) -> None:
    zoo_alias("python:3.11-bookworm", "python:3.11")
    zoo_alias("python:3.11-slim-bookworm", "python:3.11-slim")
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    # the runtime's install takes ImageMagick's recommended packages, the extra coders among them (b45dd2f)
    install = next(line for line in result.text.split(" AS runner", 1)[1].splitlines() if "imagemagick" in line)
    assert "--no-install-recommends" not in install, result.text
    assert verified_default_output(tmp_path, result.text).strip() == "converted six"
