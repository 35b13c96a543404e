"""A global CLI in a node:18 file with no CMD, on a real engine: `docker run IMAGE gulp hello` runs gulp-cli, which
loads the project's gulp, a dev dependency: the builder does not prune it (pruned, the CLI stopped with "Local gulp
not found"). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-cli-dev-deps"


def test_the_cli_finds_the_dev_dependency() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "prune" not in builder and "npm install -g gulp-cli@2.3.0" in runtime, result.text
    report = verified(APP, result.text, smoke="gulp hello")
    outputs = [ms.output for _, ms in report.smoke]
    assert outputs and "hello from gulp 1m" in outputs[0], report
