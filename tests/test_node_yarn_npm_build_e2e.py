"""``yarn install`` then ``npm run build`` on a real engine: react-dom 18 wants react 18, which yarn leaves unmet (a
warning); npm's prune would resolve the tree again and fail (ERESOLVE), so the builder prunes with yarn 1's own
install of the production dependencies, which leaves the unmet peer as it was, and the slim runtime runs the built
app. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-yarn-npm-build"


def test_yarn_tree_is_not_pruned_by_npm() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "npm prune" not in result.text, result.text
    assert "RUN npm run build \\\n    && yarn install --production --pure-lockfile --ignore-scripts\n" in result.text
    assert "react 17.0.2, built with a day of 1d" in verified_default_output(APP, result.text)
