"""A command held in a variable on a real engine: ``$APT_INSTALL gcc libc6-dev curl`` with APT_INSTALL set by ENV
is read as the apt-get install it is. The builder compiles with gcc; the runtime, debian:bookworm-slim, repeats
the install through the same variable with the run-time part only (curl, with ca-certificates, and no compiler),
and the program and curl both run there. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "command-variable" / "apt-install"


def test_the_variable_install_is_repeated_without_the_compiler() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "$APT_INSTALL --no-install-recommends ca-certificates curl" in runtime and "gcc" not in runtime
    output = verified_default_output(APP, result.text)
    assert "hello, built with the packages $APT_INSTALL named" in output and "curl" in output
