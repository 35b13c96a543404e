"""A library image named through a mirror of Docker Hub, on a real engine: the zoo's python:3.11 and python:3.11-slim
tagged as registry.docker-cn.com/library/python:3.11(-slim) (``zoo.sh alias``; the mirror, Docker's for China, is
closed) stand for the mirror's copies of the same images. The tool reads the base as the official python image and
takes its runtime, python:3.11-slim, through the same mirror (the app in a venv); before, the file was left alone as
an image it does not know. The test tags the stand-ins itself (conftest.zoo_alias); skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output, zoo_alias

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "hub-mirror" / "python"
MIRROR = "registry.docker-cn.com/library/"


def test_a_mirrored_python_image_gets_the_mirror_s_slim_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert builder.startswith(f"FROM {MIRROR}python:3.11 AS builder")
    assert builder.rstrip().endswith(f"FROM {MIRROR}python:3.11-slim"), builder
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime
    zoo_alias(f"{MIRROR}python:3.11", "python:3.11")
    zoo_alias(f"{MIRROR}python:3.11-slim", "python:3.11-slim")
    output = verified_default_output(APP, result.text)
    assert output.strip() == "attrs 23.2.0 from /opt/venv/lib/python3.11/site-packages/attr"
