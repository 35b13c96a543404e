"""An install that relied on the package lists an earlier RUN fetched, in a RUN that updates again later (as dev file
30483771111c does), on a real engine: the runtime, whose earlier RUN removes its lists, used to take the later
update for one and install without lists ("Unable to locate package file"). Now it updates before that install,
and the image runs as the original. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "apt-update-later"


def test_the_install_gets_the_lists_it_relied_on() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN apt-get update && apt-get install -y --no-install-recommends file && apt-get update" in runtime
    assert "app file curl" in verified_default_output(APP, result.text)
