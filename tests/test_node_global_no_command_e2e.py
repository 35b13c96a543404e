"""A global npm CLI on node:18 in a file that sets no CMD or ENTRYPOINT, on a real engine: the image's users give
the command (`docker run IMAGE prettier --version`), which the runtime, node:18-slim, has only when it installs the CLI
again. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-no-command"


def test_the_cli_runs_in_the_slim_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "npm install -g prettier@3.0.0" in runtime, result.text
    report = verified(APP, result.text, smoke="prettier --version")
    outputs = [ms.output for _, ms in report.smoke]
    assert outputs and "3.0.0" in outputs[0], report
