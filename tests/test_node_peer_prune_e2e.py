"""``npm install --force`` then ``npm run build`` on a real engine: react-dom 18 wants react 18, a conflict the forced
install accepts; the builder's prune repeats ``--force`` (without it npm stops with ERESOLVE and the result does not
build), and the slim runtime runs the built app. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-npm-force-build"


def test_forced_install_is_pruned_with_force() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "npm prune --omit=dev --force" in result.text, result.text
    assert "react 17.0.2, built with 3 odd: true" in verified_default_output(APP, result.text)
