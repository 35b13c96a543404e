"""A folder under /tmp that the program writes into at run time (`RUN mkdir -p /tmp/app-cache && chmod 777 ...`, as
dev file 388c8641's /tmp/gh-tmp), on a real engine: the runtime makes it too; it was taken for the build's scratch
and dropped, and the program, run as nobody, could not write its file. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "temp-folder-run-time"


def test_the_program_finds_its_folder() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN mkdir -p /tmp/app-cache && chmod 777 /tmp/app-cache" in runtime, runtime
    assert "cache written True" in verified_default_output(APP, result.text)
