"""A staged install on a real engine: an autotools project (configure.ac, Makefile.am, a libtool shared
library and a program using it) generated in the builder with Debian's autoconf, automake and libtool,
configured with --prefix=/usr and installed with `make install`. The refactoring installs it a second time
with DESTDIR=/opt/staged and the runtime, debian:bookworm-slim without the toolchain, copies that folder to /:
the program finds its library in /usr/lib and prints where libgreet was configured to live. Skipped
without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "autotools-usr"


def test_an_install_into_usr_is_staged_and_runs_in_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "&& make install DESTDIR=/opt/staged " \
        "&& find /opt/staged -name '*.a' -type f -delete && make install\n" in builder
    assert "COPY --from=builder /opt/staged /" in runtime and "autoconf" not in runtime
    assert "hello from libgreet 1.0 under /usr/lib, staged with DESTDIR" in verified_default_output(APP, result.text)
