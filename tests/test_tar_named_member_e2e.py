"""A named member of a piped archive on a real engine: an archive of the build context (the fixture's own: a shell
tool in a folder of its own) read from a pipe by tar, which unpacks only the member it names into /usr/bin with
--strip-components, next to a small C program built with gcc that runs the tool. The pipe cannot be read twice, so
the runtime, debian:bookworm-slim without gcc, copies /usr/bin/greet-tool alone: the program finds it there.
Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "tar-named-member"


def test_a_named_member_of_a_piped_archive_is_copied_alone_and_runs_in_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "RUN cat /tmp/tool.tgz | tar -xz -C /usr/bin --strip-components=1 tool-1.0/greet-tool" in builder
    assert "COPY --from=builder /usr/bin/greet-tool /usr/bin/greet-tool\n" in runtime
    assert "/opt/staged" not in result.text and "gcc" not in runtime
    output = verified_default_output(APP, result.text)
    assert "hello from a program built with gcc" in output
    assert "greet-tool 1.0 unpacked into /usr/bin" in output
