"""``npm i -g pnpm`` then ``CMD ["pnpm", "start"]`` on a real engine: node:18-slim carries npm and yarn but not
pnpm, so the runtime installs pnpm again and the app starts through it as it did on node:18. Skipped without a
Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-pnpm"


def test_pnpm_that_the_cmd_runs_is_installed_in_the_slim_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN npm i -g pnpm@9\n" in runtime, result.text
    assert "started by pnpm: true, a day is 86400000 ms" in verified_default_output(APP, result.text)
