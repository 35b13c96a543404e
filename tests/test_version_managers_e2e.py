"""nvm's install script run by the build, on a real engine: a Python app whose UI the Node.js of nvm builds. nvm's
install script is served here by a stand-in (the engine reaches no host but PyPI, npm's registry and Debian's
archive; curl's --connect-to sends raw.githubusercontent.com to it), which installs nvm's layout ($NVM_DIR/nvm.sh,
Node.js under versions/node) with Node.js's build from npm's registry. nvm and Node.js stay in the builder: the
runtime, python:3.11-slim, copies the built app and the virtual environment, and prints what node built. Skipped
without a Docker engine or when the stand-in's port is taken.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import rewrite_app, stand_in_server, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "installers" / "nvm-ui"
PORT = 38519  # as the fixture's Dockerfile names it


@pytest.fixture
def stand_in() -> Iterator[None]:
    yield from stand_in_server(APP / "server", PORT)


@pytest.mark.usefixtures("stand_in")
def test_the_ui_nvm_builds_is_copied_without_nvm() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "nvm" not in runtime and "COPY --from=builder /app /app" in runtime, runtime
    output = verified_default_output(APP, result.text)
    assert output.strip() == '// built with Node.js 18 / console.log("hello"); / console.log("world"); / six 1.16.0', \
        output
