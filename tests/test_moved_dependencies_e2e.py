"""Dependencies installed in one folder (`cd /packages && yarn install`) and moved into the app's by a pattern
(`mv /packages/* /code/`), on a real engine: the runtime used to copy /packages/node_modules from the builder,
which no longer had it there, and its build failed ("COPY failed: stat packages/node_modules: file does not
exist"; dev file 176c04713437). Now the runtime copies /code, where the mv put them, and the app's build script
runs with them. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-moved-dependencies"


def test_dependencies_moved_by_a_pattern_are_copied_from_where_the_mv_put_them() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /code /code\n" in runtime and "/packages/node_modules" not in runtime, runtime
    assert '<h1 id="web-app">web app</h1>' in verified_default_output(APP, result.text)
