"""A known setup script saved to a file before it runs, on a real engine: NodeSource's, served here by a stand-in
(the engine reaches no host but PyPI, npm and Debian's archive; curl's --connect-to sends deb.nodesource.com to
it). The runtime, python:3.11-slim, installs curl, downloads the script again and runs it, so the configuration it
writes is there when the program reads it. Skipped without a Docker engine or when the stand-in's port is taken.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import rewrite_app, stand_in_server, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "saved-installer" / "nodesource"
PORT = 38517  # as the fixture's Dockerfile names it


@pytest.fixture
def stand_in() -> Iterator[None]:
    yield from stand_in_server(APP / "server", PORT)


@pytest.mark.usefixtures("stand_in")
def test_the_runtime_downloads_and_runs_the_saved_setup_script_again() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "-o nodesource_setup.sh \\\n    && bash nodesource_setup.sh \\\n    && rm nodesource_setup.sh\n" in runtime
    assert "configured by the setup script / six 1.16.0" in verified_default_output(APP, result.text)
