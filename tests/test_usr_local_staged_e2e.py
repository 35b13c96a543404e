"""A staged install into /usr/local on an image with files of its own there (python:3.11's Python lives under
/usr/local): a cmake project (a shared library, a program linked to it) installed with `cmake --install` into
the default prefix, then `ldconfig`, and a Python program that loads the library with ctypes and runs the
program. The refactoring installs it a second time with DESTDIR=/opt/staged and the runtime, python:3.11-slim,
copies that folder to / (not /usr/local whole, which would carry the full image's Python) and runs `ldconfig`
once the library is there. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "cmake-usr-local"


def test_an_install_into_a_crowded_usr_local_is_staged_and_runs_in_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "&& DESTDIR=/opt/staged cmake --install build " \
        "&& find /opt/staged -name '*.a' -type f -delete && cmake --install build\n" in builder
    assert "COPY --from=builder /opt/staged /\nRUN ldconfig\n" in runtime
    assert "/usr/local /usr/local" not in runtime and "cmake" not in runtime
    output = verified_default_output(APP, result.text)
    assert "python finds libgreet 1.0 under /usr/local/lib" in output
    assert "hello from libgreet 1.0 under /usr/local/lib" in output
