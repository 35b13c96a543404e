"""A known setup script saved to a file before it runs, on a real engine: NodeSource's, served here by a stand-in
(the engine reaches no host but PyPI, npm and Debian's archive; curl's --connect-to sends deb.nodesource.com to
it). The runtime, python:3.11-slim, installs curl, downloads the script again and runs it, so the configuration it
writes is there when the program reads it. Skipped without a Docker engine or when the stand-in's port is taken.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "saved-installer" / "nodesource"
PORT = 38517  # as the fixture's Dockerfile names it


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def stand_in() -> Iterator[None]:
    handler = functools.partial(_Quiet, directory=str(APP / "server"))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), handler)
    except OSError as e:
        pytest.skip(f"port {PORT} for the stand-in script is taken: {e}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.usefixtures("stand_in")
def test_the_runtime_downloads_and_runs_the_saved_setup_script_again() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "-o nodesource_setup.sh \\\n    && bash nodesource_setup.sh \\\n    && rm nodesource_setup.sh\n" in runtime
    assert "configured by the setup script / six 1.16.0" in verified_default_output(APP, result.text)
