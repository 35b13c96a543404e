"""PostgreSQL's server development packages (postgresql-server-dev-all, -15: headers, pg_config, PGXS, with clang
and LLVM for the JIT code of extensions) are build-only, though their names do not end in -dev: the runtime kept
postgresql-server-dev-all, a 1.16 GB layer (rp11 voltsrage/quotation, where it was there for psycopg2's pg_config:
2,025 MB against 867 MB without that line, the same answers). The runtime installs the client library of the
libpq-dev they depend on."""

from __future__ import annotations

import pytest
from conftest import stages

from transformer.packages import is_build_only

FILE = """\
FROM python:3.11
RUN apt-get update && apt-get install -y {package} gcc
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . /app
CMD ["gunicorn", "app:app"]
"""


@pytest.mark.parametrize("package", ["postgresql-server-dev-all", "postgresql-server-dev-15"])
def test_the_server_development_packages_stay_in_the_builder(package: str) -> None:
    builder, runtime = stages(FILE.format(package=package))
    assert package in builder and package not in runtime, runtime
    assert "libpq5" in runtime, runtime


def test_the_server_itself_is_no_build_tool() -> None:
    assert is_build_only("postgresql-server-dev-all", "apt", "bookworm")
    assert not is_build_only("postgresql-15", "apt", "bookworm")
    assert not is_build_only("postgresql-client-15", "apt", "bookworm")
