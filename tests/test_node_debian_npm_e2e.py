"""Node.js from Debian's packages (debian:bookworm, apt's nodejs and npm), on a real engine: npm, which brings
node-gyp, libnode-dev and a compiler, stays in the builder when the image runs node, and the runtime
(debian:bookworm-slim) installs nodejs alone; an image started through npm (`CMD ["npm", "start"]`) keeps it.
Both print the same as the original and are smaller. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APPS = Path(__file__).resolve().parents[1] / "fixtures" / "node-debian-apt"


def test_the_runtime_of_an_app_that_runs_node_has_no_npm() -> None:
    result, _, runtime = rewrite_app(APPS / "node-cmd")
    assert "nodejs" in runtime and " npm" not in runtime, runtime
    assert "two days are 172800000 ms" in verified_default_output(APPS / "node-cmd", result.text)


def test_an_app_started_through_npm_keeps_it() -> None:
    result, _, runtime = rewrite_app(APPS / "npm-start")
    assert "nodejs npm" in runtime, runtime
    assert "two days are 172800000 ms" in verified_default_output(APPS / "npm-start", result.text)
