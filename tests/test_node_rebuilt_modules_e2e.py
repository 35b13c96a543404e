"""The context's node_modules deleted after ``COPY . .`` and installed anew (``rm -rf node_modules && npm install``,
27b0494b), on a real engine: the runtime deletes the context's copy before it copies the builder's, so none of the
context's stale modules is merged into the installed ones. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-rebuilt-modules"


def test_the_contexts_modules_are_not_merged_into_the_installed_ones() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN rm -rf node_modules" in runtime, result.text
    assert "the context's stale module: absent" in verified_default_output(APP, result.text)
