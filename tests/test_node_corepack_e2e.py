"""corepack on a real engine: pnpm, which ``corepack prepare`` fetches, installs and builds the app in the builder;
the program runs node, so the slim runtime gets node_modules pruned by pnpm and no corepack step. Skipped without a
Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-corepack-pnpm"


def test_corepack_pnpm_build_runs_on_slim() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "corepack" not in runtime and "pnpm prune --prod" in result.text, result.text
    assert "built by pnpm through corepack, a day is 1d" in verified_default_output(APP, result.text)
