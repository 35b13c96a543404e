"""An app built in / on a real engine: python:3.11 copies the context into / (no WORKDIR), unpacks a package's
archive there, installs it from the folder it made and removes that folder. The folder is named by what the build
does with it, so the runtime, on python:3.11-slim, copies the context again and the installed packages, not /.
Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-root-archive"


def test_a_package_unpacked_and_installed_in_root_runs_on_the_slim_image() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "FROM python:3.11-slim" in result.text and "COPY . .\n" in runtime, runtime
    assert "COPY --from=builder /opt/venv /opt/venv\n" in runtime and "greet-1.0 " not in runtime, runtime
    assert "app: hello root" in verified_default_output(APP, result.text)
