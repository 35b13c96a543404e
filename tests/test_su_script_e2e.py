"""`su USER -c` on a real engine: a virtual environment made and filled by its own user (the tool reads su's
script as USER's, in the home folder useradd gave USER). The runtime, debian:bookworm-slim with python3, copies
the environment --chown=USER, so the files the user made are still the user's, and its console script runs
with the C extension gcc built in the builder. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "su-script" / "venv-as-user"


def test_what_su_made_is_copied_with_its_owner() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder --chown=explorer /home/explorer/env /home/explorer/env" in runtime
    assert "su explorer" not in runtime and "gcc" not in runtime
    # render-page ran from the copied environment, and the file su's script made there is explorer's
    assert "as explorer&gt;\nexplorer" in verified_default_output(APP, result.text)
