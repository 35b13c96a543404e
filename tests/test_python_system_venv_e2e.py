"""A virtual environment made by Debian's Python (python3-venv on debian:bookworm), on a real engine: its
bin/python3 is a link to /usr/bin/python3, so the runtime (debian:bookworm-slim, which has no Python) installs
python3, the interpreter python3-venv brought along, beside the copied venv. Without it the image's command
finds no interpreter and the container does not start (seen on arnaudmorin/cat-api, FROM debian:trixie).
Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-system" / "debian-venv"


def test_the_venv_of_debians_python_runs_on_the_slim_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "python3-venv" not in runtime and "COPY --from=builder /app/venv /app/venv" in runtime
    output = verified_default_output(APP, result.text)
    assert "/app/venv" in output
