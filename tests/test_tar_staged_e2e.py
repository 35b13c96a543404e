"""A staged unpack on a real engine: an archive of the build context (made for this fixture: a shell tool in a
folder of its own) copied into /tmp and unpacked into /usr/bin with --strip-components, next to a small C
program built with gcc that runs the tool. The refactoring unpacks the archive a second time into
/opt/staged/usr/bin with the same flags, and the runtime, debian:bookworm-slim without gcc, copies
/opt/staged to /: the program finds the tool in /usr/bin. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "tar-usr-bin"


def test_an_archive_unpacked_into_usr_bin_is_staged_and_runs_in_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert ("RUN mkdir -p /opt/staged/usr/bin && tar -xzf /tmp/tool.tgz -C /opt/staged/usr/bin --strip-components=1 "
            "&& tar -xzf /tmp/tool.tgz -C /usr/bin --strip-components=1 \\\n    && rm /tmp/tool.tgz\n") in builder
    assert "COPY --from=builder /opt/staged /" in runtime and "gcc" not in runtime
    output = verified_default_output(APP, result.text)
    assert "hello from a program built with gcc" in output
    assert "greet-tool 1.0 unpacked into /usr/bin" in output
