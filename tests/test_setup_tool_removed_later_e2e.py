"""A setup the runtime repeats that runs a tool the file installs and a later RUN removes, on an image the tool does
not know, on a real engine: acme/ubuntu-base:1 (zoo.sh alias of debian:bookworm; the tool has no list of its
commands) installs wget, fetches a file into /etc with it, and purges it after the build. The runtime installs wget
for the repeated fetch, as on a known image; the file used to be left alone. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output, zoo_alias

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "setup-tool-unknown-image"


def test_the_runtime_installs_the_removed_tool_its_setup_runs() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "wget -qO /etc/debian-release" in runtime and "purge" not in runtime, runtime
    assert "gcc" not in runtime and "python3-dev" not in runtime, runtime
    zoo_alias("acme/ubuntu-base:1", "debian:bookworm")
    assert verified_default_output(APP, result.text).strip() == "1.16.0 True"
