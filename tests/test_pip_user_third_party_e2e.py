"""pip's user base on a third-party image its own Dockerfile shows to run as root, on a real engine: the zoo's
python:3.11-slim tagged floydhub/dl-docker:cpu (``zoo.sh alias floydhub/dl-docker:cpu=python:3.11-slim``) stands for
floydhub's image (its Dockerfile.cpu is FROM ubuntu:14.04 and sets no USER). The file sets no USER and installs no
system package before pip: the tool takes root from data/third_party_images.json, installs into /opt/python with
PIP_USER, and the runtime, the same image, copies that folder and reads it through PYTHONUSERBASE with the file's
ENV, WORKDIR and CMD. The test tags the stand-in itself (conftest.zoo_alias); skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output, zoo_alias

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-user" / "third-party-root-image"
IMAGE = "floydhub/dl-docker:cpu"



def test_a_third_party_image_known_to_run_as_root_gets_the_user_base() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert builder.startswith(f"FROM {IMAGE} AS builder") and runtime.startswith("\n")
    assert 'ENV PIP_USER=1 PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"' in builder
    assert "COPY --from=builder /opt/python /opt/python" in runtime and "PIP_USER" not in runtime
    assert 'CMD ["python", "app.py"]' in runtime and "WORKDIR /src" in runtime
    zoo_alias(IMAGE, "python:3.11-slim")
    output = verified_default_output(APP, result.text)
    assert output.strip() == "hello: attrs 23.2.0 from /opt/python/lib/python3.11/site-packages/attr as root"
