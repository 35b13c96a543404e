"""``pnpm install`` then ``npx tsc`` on a real engine: the builder prunes the dev dependencies with pnpm (npm's prune
fails on pnpm's node_modules), and the app runs on node:18-slim with its production dependency. Skipped without a
Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-pnpm-npx-build"


def test_pnpm_tree_is_pruned_by_pnpm() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "pnpm prune --prod" in result.text, result.text
    assert "built by tsc, a day is 1d" in verified_default_output(APP, result.text)
