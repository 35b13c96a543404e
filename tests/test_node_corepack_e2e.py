"""corepack on a real engine: pnpm, which ``corepack prepare`` fetches, installs and builds the app in the builder;
the program runs node, so the slim runtime gets node_modules pruned by pnpm and no corepack step. Skipped without a
Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-corepack-pnpm"


def test_corepack_pnpm_build_runs_on_slim() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "corepack" not in runtime and "pnpm prune --prod" in result.text, result.text
    assert "built by pnpm through corepack, a day is 1d" in verified_default_output(APP, result.text)
