"""A folder deleted before the build fills it again (``rm -rf /opt/app && mkdir -p /opt/app``, the context copied
there, a virtual environment made in it; 3653b1db's shape), on a real engine: the runtime deletes its own folder (a
setup it repeats put a stale module there) before it copies the builder's, so the stale module the original
deletes is gone. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-rm-before-rebuild"


def test_the_folder_is_deleted_before_the_builders_copy() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN rm -rf /opt/app" in runtime, result.text
    assert "the stale module there: False" in verified_default_output(APP, result.text)
