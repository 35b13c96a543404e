"""puppeteer 19 and later download Chrome at their install into ~/.cache/puppeteer, outside node_modules, on a real
engine: the runtime copies that folder, and the app runs the browser puppeteer names. Chrome for Testing's downloads
are served by a stand-in (the engine reaches no host but PyPI, npm and Debian's archive), whose "Chrome" is a shell
script printing its version. Skipped without a Docker engine or when the stand-in's port is taken."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import rewrite_app, stand_in_server, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-puppeteer-cache"
PORT = 38529  # as the fixture's Dockerfile names it
BUILD = "121.0.6167.85"  # the Chrome puppeteer 21.11.0 downloads


def _browser(server: Path, name: str) -> None:
    """``BUILD/linux64/NAME-linux64.zip`` with the executable puppeteer runs, as Chrome for Testing lays it out."""
    folder = server / BUILD / "linux64"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{name}-linux64.zip", "w") as z:
        info = zipfile.ZipInfo(f"{name}-linux64/{name}")
        info.external_attr = 0o100755 << 16
        z.writestr(info, f"#!/bin/sh\necho 'stand-in {name} {BUILD}'\n")


@pytest.fixture
def stand_in(tmp_path: Path) -> Iterator[None]:
    for name in ("chrome", "chrome-headless-shell"):
        _browser(tmp_path, name)
    yield from stand_in_server(tmp_path, PORT)


@pytest.mark.usefixtures("stand_in")
def test_the_runtime_has_the_browser_puppeteer_downloaded() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /root/.cache/puppeteer /root/.cache/puppeteer" in runtime, runtime
    assert verified_default_output(APP, result.text).startswith(f"stand-in chrome {BUILD}")
