"""python3-dev on the official python image, on a real engine: psycopg2 built from source against libpq-dev (and
the python3-dev headers the file installs, which pip does not use) runs in the slim runtime with libpq5 and without
Debian's second Python (jabajke/django-postgres-example's pattern). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

DOCKERFILE = ("FROM python:3.11\nWORKDIR /usr/src/app\nCOPY requirements.txt .\n"
              "RUN apt-get update && apt-get install gcc libpq-dev python3-dev -y\n"
              "RUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n")
APP = "import psycopg2\nprint('app: psycopg2 links libpq', psycopg2.__libpq_version__ > 0)\n"


def test_psycopg2_runs_without_debian_python(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "requirements.txt").write_text("psycopg2==2.9.9\n")
    (tmp_path / "app.py").write_text(APP)
    result = refactor(DOCKERFILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner\n")[2]
    assert "libpq5" in runtime and "python3 " not in runtime and "python3\n" not in runtime, runtime
    assert "app: psycopg2 links libpq True" in verified_default_output(tmp_path, result.text)
