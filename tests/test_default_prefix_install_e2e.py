"""A hand-written Makefile whose own default prefix is /usr (``PREFIX = /usr``), installed on debian:bookworm with
no prefix in the Dockerfile. The tool used to take such an install to go into /usr/local and copied that (empty)
folder whole: the refactored image built, and its runtime had no program (``exec: "greet": executable file not
found``). The install is now tracked over /usr, which holds /usr/local too, so whatever the Makefile's default its
files reach the runtime. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "handwritten-default-usr"


def test_a_hand_written_install_with_no_prefix_into_usr_reaches_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "sleep 1 && make install && { find /usr -cnewer /tmp/install.stamp" in builder
    assert "COPY --from=builder /opt/staged /\n" in runtime and "/usr/local" not in runtime
    output = verified_default_output(APP, result.text)
    assert "hello from a hand-written Makefile whose default prefix is /usr" in output
