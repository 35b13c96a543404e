"""Sources deleted by the RUN that builds them, on a real engine: debian:bookworm-slim copies the context into
/src, builds in /src/build (made after a `cd`) and deletes /src. The runtime repeats neither the build folder
nor the copy of the context (the program says whether /src is there), and is smaller. Skipped without a
Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-deleted-sources"


def test_sources_the_build_deletes_are_not_in_the_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "/src" not in runtime.replace("--from=builder", ""), runtime
    assert "hello, built in /src/build, sources deleted" in verified_default_output(APP, result.text)
