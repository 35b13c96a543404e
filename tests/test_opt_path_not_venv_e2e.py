"""pip on the official python image whose PATH names a tool's folder in /opt (dev file 2f1a5046's /opt/confd/bin), on
a real engine: the tool read the folder as pip's virtual environment, and the runtime's COPY --from=builder /opt/confd
failed (the builder never made it; pip installed into the image's Python). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-opt-tool-path"


def test_pip_under_a_tools_folder_on_path_installs_into_a_virtual_environment() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "/opt/confd /opt/confd" not in runtime, runtime
    assert verified_default_output(APP, result.text).strip() == "app: six 1.16.0"
