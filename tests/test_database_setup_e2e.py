"""A database made at build time on a real engine: a Debian image that builds a C program (build-essential) and
creates a PostgreSQL database from the context's schema with Debian's own server, started inside the RUN. The
runtime, debian:bookworm-slim without the compiler, installs the same server package and repeats the database
setup: its server, started by the image's command, has the table and its rows. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "database-setup" / "postgresql"


def test_the_runtime_makes_the_database_again_with_the_same_server() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "build-essential" in builder and "build-essential" not in runtime
    assert "install -y --no-install-recommends postgresql" in runtime
    assert 'RUN service postgresql start && psql -c "CREATE DATABASE shop"' in runtime
    assert "apple|3\npear|5\nitems: 2" in verified_default_output(APP, result.text)
