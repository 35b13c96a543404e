"""A pip run by a relative path (``./.virtualenv/bin/pip`` in WORKDIR /srv/app) installs into the environment
under WORKDIR. The runtime copies it by its absolute path: the source of a ``COPY --from`` is read from the
builder's root, not its WORKDIR, so ``COPY --from=builder ./.virtualenv ./.virtualenv`` fails the build (no
/.virtualenv in the builder)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import runner_stage, verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

FILE = """FROM python:3.11
WORKDIR /srv/app
COPY requirements.txt .
RUN python3 -m venv .virtualenv && \\
    {pip} install wheel && \\
    {pip} install -r requirements.txt
COPY . .
CMD ["./.virtualenv/bin/python", "app.py"]
"""


@pytest.mark.parametrize("pip", ["./.virtualenv/bin/pip", ".virtualenv/bin/pip"])
def test_a_relative_pip_copies_the_environment_by_its_absolute_path(pip: str) -> None:
    runner = runner_stage(FILE.format(pip=pip))
    sources = re.findall(r"^COPY --from=builder (\S+)", runner, re.M)
    assert sources == ["/srv/app/.virtualenv"], runner


APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-venv" / "relative-venv"


@pytest.mark.e2e
def test_the_relative_environment_builds_and_runs() -> None:
    text = (APP / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "COPY --from=builder /srv/app/.virtualenv /srv/app/.virtualenv" in result.text, result.text
    assert "&lt;escaped by markupsafe 2.1.5 in a relative venv&gt;" in verified_default_output(APP, result.text)
