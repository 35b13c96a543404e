"""pip's user base on an image the tool does not know, on a real engine: the zoo's python:3.11-slim tagged
acme/python-base:1 (``zoo.sh alias acme/python-base:1=python:3.11-slim``) stands for an organisation's own
Python image. The file installs gcc and libpq-dev and builds psycopg2 from source; the refactoring installs it
into /opt/python with PIP_USER, and the runtime, the same image without gcc and libpq-dev but with the
libraries the builder lists (libpq5),
copies that folder alone and reads it through PYTHONUSERBASE, as another user than root, with the file's ENV,
WORKDIR, USER and CMD. The test tags the stand-in itself (conftest.zoo_alias); skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output, zoo_alias

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-user" / "unknown-image-psycopg2"
IMAGE = "acme/python-base:1"



def test_an_unknown_image_gets_the_user_base_and_keeps_its_own_python() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert builder.startswith(f"FROM {IMAGE} AS builder") and runtime.startswith("\n")
    assert 'ENV PIP_USER=1 PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"' in builder
    assert "COPY --from=builder /opt/python /opt/python" in runtime and "PIP_USER" not in runtime
    # an image the tool does not know is of a release it does not know: libpq's package is not guessed, the
    # builder lists what psycopg2 links to and the runtime installs that list
    assert "gcc" not in runtime and "libpq-dev" not in runtime
    assert "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages" in runtime
    zoo_alias(IMAGE, "python:3.11-slim")
    # psycopg2, built with gcc in the builder, loads libpq in the runtime, as `app`, with the file's ENV
    assert "hello: psycopg2 2.9.9 on libpq 15 as app" in verified_default_output(APP, result.text)
