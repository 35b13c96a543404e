"""``npm install -g .`` of the app itself on node:18, whose /usr/local holds Node.js's own files, on a real engine:
the install runs as written in the builder, tracked, and node:18-slim gets what it added under /usr/local (the link
to the app and its command's link in /usr/local/bin) and the app's folder, so that the CMD finds the command as it
did on node:18. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-app"


def test_the_app_installed_globally_runs_by_its_command_in_the_slim_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "sleep 1 && npm install -g . && {" in builder, result.text
    assert "COPY --from=builder /opt/staged /\nCOPY --from=builder /app /app\n" in runtime, result.text
    assert "a day is 86400000 ms" in verified_default_output(APP, result.text)
