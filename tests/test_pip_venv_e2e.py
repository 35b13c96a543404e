"""A virtual environment the file makes and activates in its RUN, on a real engine: a Node image whose Python
tool pip installs into /opt/tool after `. /opt/tool/bin/activate`. pip's user base would not serve (pip refuses
PIP_USER's user install in a virtual environment): the runtime, node:18-slim with Debian's python3, copies the
environment whole, and its console script runs with the C extension gcc built in the builder, as another user
than root. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-venv" / "node-activated-venv"


def test_the_activated_environment_is_copied_whole() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "PIP_USER" not in builder
    assert "COPY --from=builder /opt/tool /opt/tool" in runtime
    assert "install -y --no-install-recommends python3 \\" in runtime and "gcc" not in runtime
    assert "&lt;rendered by markupsafe 2.1.5 as app&gt;" in verified_default_output(APP, result.text)
