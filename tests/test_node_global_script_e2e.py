"""``npm install -g typescript`` builds the app and ``CMD ["npm", "run", "start:prod"]`` runs ``node
dist/main.js`` (package.json's script): the runtime, without typescript, starts the compiled app as the original did.
Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-tsc-script"


def test_global_typescript_stays_in_the_builder_and_the_script_runs_the_built_app() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "typescript" not in runtime, result.text
    assert "built by tsc, a day is 86400000 ms" in verified_default_output(APP, result.text)
