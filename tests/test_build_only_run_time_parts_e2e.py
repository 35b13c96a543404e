"""gettext installed by the file, envsubst run by a script of the build context that the tool does not read (it is
given no context), on a real engine: the script prints the filled template as the original's does (it stopped with
`envsubst: not found` when the runtime dropped gettext). No build step runs gettext's tools, so the runtime keeps
gettext whole (the file installs it for run time), envsubst with it; where a build step compiles messages, the runtime
installs gettext-base, its run-time part (tests/test_build_only_run_time_parts.py). Skipped without a Docker
engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

FILE = """\
FROM python:3.11
RUN apt-get update && apt-get install -y gettext && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["./start.sh"]
"""
SCRIPT = "#!/bin/sh\nenvsubst < /app/config.tpl\nexec python /app/app.py\n"


def test_a_script_the_tool_does_not_read_finds_envsubst(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "requirements.txt").write_text("six==1.16.0\n")
    (tmp_path / "app.py").write_text("import six\nprint(six.__name__)\n")
    (tmp_path / "config.tpl").write_text("home=$HOME\n")
    (tmp_path / "start.sh").write_text(SCRIPT)
    (tmp_path / "start.sh").chmod(0o755)
    result = refactor(FILE)  # no build context: the tool cannot read start.sh
    assert result.changed, result.skipped
    assert "gettext " in result.text.split(" AS runner", 1)[1], result.text
    assert verified_default_output(tmp_path, result.text).split() == ["home=/root", "six"]
