"""A newly handled command class on a real engine: `pip wheel --wheel-dir=/wheels` (PyPI packages) builds wheels into
a folder of their own, which a later RUN installs without the index and removes. The wheels are a build output of the
builder; the runtime, python:3.11-slim, copies the virtual environment the install went into, and the app imports
the packages. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "app-commands" / "pip-wheel"


def test_wheels_built_in_the_builder_are_installed_and_copied_as_the_environment() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "pip wheel --no-cache-dir --wheel-dir=/wheels" in builder and "pip" not in runtime
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime and "/wheels" not in runtime
    assert "six 1.16.0; idna 3.7; wheels left: False" in verified_default_output(APP, result.text)
