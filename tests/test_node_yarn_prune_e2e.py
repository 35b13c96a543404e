"""yarn 1's prune on a real engine: a TypeScript app built with `yarn build`, whose bcrypt addon the install built
and whose `prepare` script runs husky, a dev dependency. The builder prunes with `yarn install --production
--pure-lockfile --ignore-scripts` after the build: the runtime's node_modules has no typescript, husky nor
@types/node, and bcrypt's addon still loads (--ignore-scripts: no `prepare` runs again, to find husky gone; the
addon stays as built). (Before, the dev dependencies stayed.) Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-yarn-prune"


def test_yarn_prunes_its_own_tree_and_the_addon_still_loads() -> None:
    result, builder, _ = rewrite_app(APP)
    assert "RUN yarn build \\\n    && yarn install --production --pure-lockfile --ignore-scripts\n" in builder
    report = verified(APP, result.text)
    outputs = [ms.output for orig, ms in report.smoke if orig.kind == "default"]
    assert outputs and "bcrypt ok: true" in outputs[0], report
    missing = next(c for c in report.checks if c.name == "files /app").detail
    assert "node_modules/.bin/tsc" in missing and "node_modules/.bin/husky" in missing, missing
