"""Setup after a `cd` into a folder of the base image, on a real engine: node:18-slim installs the app's
packages and, in the same RUN, writes /etc/ssl/app.conf from inside /etc/ssl. The runtime, on the same image,
repeats the `cd` and the setting, copies node_modules, leaves npm's cache behind, and the app reads both.
Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-cd-base-folder"


def test_the_runtime_repeats_setup_after_a_cd_into_the_image_s_folder() -> None:
    result, _, runtime = rewrite_app(APP)
    assert 'RUN cd /etc/ssl \\\n    && echo "app-setting=on" > app.conf\n' in runtime, runtime
    assert "typescript 5.4.5, app-setting=on" in verified_default_output(APP, result.text)
