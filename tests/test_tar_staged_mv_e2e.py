"""A later change to what a staged unpack put among the system's files, on a real engine: an archive the build
makes itself (a shell tool in a folder greet-1.0) unpacked into /usr/share, its folder renamed to greet and its
tool made executable, run by a small C program built with gcc. The refactoring makes the same rename and mode
change on the staged copy in /opt/staged/usr/share, and the runtime, debian:bookworm-slim without gcc, copies
/opt/staged to /: the program finds the tool in /usr/share/greet/bin. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "tar-staged-mv"


def test_a_rename_of_what_was_unpacked_into_usr_share_is_made_on_the_staged_copy_and_runs() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert ("&& mv /opt/staged/usr/share/greet-1.0 /opt/staged/usr/share/greet && mv /usr/share/greet-1.0 "
            "/usr/share/greet \\\n    && chmod +x /opt/staged/usr/share/greet/bin/greet && "
            "chmod +x /usr/share/greet/bin/greet\n") in builder
    assert "COPY --from=builder /opt/staged /" in runtime and "mv " not in runtime and "gcc" not in runtime
    output = verified_default_output(APP, result.text)
    assert "hello from a program built with gcc" in output
    assert "greet 1.0 moved into /usr/share/greet" in output
