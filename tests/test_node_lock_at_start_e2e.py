"""The lock file `npm install` wrote (the context has none), read by the `npm ci` the image runs at its start, on a
real engine: the runtime has it, and the program starts as the original does (it stopped there before: "The `npm ci`
command can only install with an existing package-lock.json"). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-lock-at-start"


def test_the_install_at_start_finds_the_lock_file() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /app /app\n" in runtime, result.text
    assert verified_default_output(APP, result.text).rstrip().endswith("ok 1m")
