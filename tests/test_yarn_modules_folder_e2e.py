"""``yarn install --modules-folder "$APP_SOURCE_DIR/../node_modules"`` on a real engine: the packages go to
/opt/node_modules, beside the app in /opt/src, where Node.js finds them walking up from the app; the runtime copies
that folder (it copied /opt/src alone, and `require` failed: dev file 52c8d1a0). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "yarn-modules-folder"


def test_the_runtime_has_the_modules_folder() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /opt/node_modules /opt/node_modules" in runtime, result.text
    assert "is-number found beside the app: true" in verified_default_output(APP, result.text)
