"""A variable that names run-time and build-only packages, on a real engine: `apt-get install -y $requirements`
with requirements="libpq-dev curl". The runtime, python:3.11-slim, installs what it keeps of them in the
variable's place (curl, and libpq-dev's library libpq5), and psycopg2, built against libpq-dev in the builder,
loads there while curl runs. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-variable-packages"


def test_the_variable_is_split_into_what_the_runtime_keeps() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "apt-get install -y --no-install-recommends ca-certificates curl libpq5 &&" in runtime
    assert "$requirements" not in runtime and "libpq-dev" not in runtime
    output = verified_default_output(APP, result.text)
    assert "psycopg2 2.9.9 on libpq" in output and "curl " in output
