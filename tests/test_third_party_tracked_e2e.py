"""A tracked install on a third-party image its own Dockerfile builds on Ubuntu: phusion/baseimage:0.11
(phusion/baseimage-docker's image/Dockerfile at 0.11 is FROM ubuntu:18.04), stood in for by the zoo's debian:bookworm
(``zoo.sh alias phusion/baseimage:0.11=debian:bookworm``). A hand-written Makefile whose default prefix is /usr is
installed with no prefix given: the install is tracked over /usr with GNU find's -cnewer, which the tool used to
refuse on an image it did not know as Debian or Ubuntu, and the runtime, the same image without gcc and make, gets
the program. The test tags the stand-in itself (conftest.zoo_alias); skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output, zoo_alias

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "third-party-debian-image"
IMAGE = "phusion/baseimage:0.11"



def test_an_install_on_a_third_party_ubuntu_image_is_tracked_and_reaches_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert builder.startswith(f"FROM {IMAGE} AS builder")
    assert "sleep 1 && make install && { find /usr -cnewer /tmp/install.stamp" in builder
    assert f"FROM {IMAGE} AS runner" in result.text
    assert "COPY --from=builder /opt/staged /\n" in runtime and "gcc" not in runtime
    zoo_alias(IMAGE, "debian:bookworm")
    output = verified_default_output(APP, result.text)
    assert "hello from a hand-written Makefile whose default prefix is /usr" in output
