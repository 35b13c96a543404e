"""A Node app built in / (no WORKDIR) by `npm run build` (rimraf, then tsc into tsconfig.json's outDir), on a real
engine: the runtime, node:18-slim, gets /node_modules pruned of the dev dependencies and /dist from the builder, and
the sources from the context, and the program prints what it did on node:18. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-build-in-root"


def test_the_output_folders_of_a_build_in_root_run_in_the_slim_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "npm prune --omit=dev" in builder, result.text
    assert "COPY --from=builder /node_modules /node_modules\nCOPY --from=builder /dist /dist\n" in runtime, result.text
    assert "a day is 86400000 ms" in verified_default_output(APP, result.text)
