"""npm workspaces on a real engine: the workspace packages/api depends on ms 2.0.0 and the root on 2.1.3, so npm
nests 2.0.0 in packages/api/node_modules. A runtime that copied only /app/node_modules ran ms 2.1.3 (the tool's
output before: "api runs ms 2.1.3"); copied whole, it runs the version the original ran. Skipped without a Docker
engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-npm-workspaces"


def test_the_workspace_runs_its_own_nested_dependency() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /app /app" in runtime, result.text
    assert "api runs ms 2.0.0, a day is 86400000 ms" in verified_default_output(APP, result.text)


MEMBER = Path(__file__).resolve().parents[1] / "fixtures" / "node-npm-workspace-member"


def test_an_install_in_a_workspace_keeps_what_npm_hoisted_to_the_root() -> None:
    """``cd packages/api && npm install`` installs at the workspace root: left-pad lands in /app/node_modules. A
    runtime that copied only /app/packages/api failed with "Cannot find module 'left-pad'" (the tool's output
    before)."""
    result, _, runtime = rewrite_app(MEMBER)
    assert "COPY --from=builder /app /app" in runtime, result.text
    assert "api runs ms 2.0.0, padded 007" in verified_default_output(MEMBER, result.text)
