"""poetry with virtualenvs.create false on a real engine: python:3.11 becomes python:3.11-slim. poetry 2 installs
the project (in editable mode, with its console script) and its main dependencies from PyPI into the virtual
environment the tool makes and activates after poetry itself is installed; the runtime copies that environment
and the project's folder, without poetry. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "poetry" / "project-script"


def test_poetry_installs_into_the_tools_environment_and_stays_in_the_builder() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert builder.index('RUN pip install "poetry==$POETRY_VERSION"') < builder.index("RUN python -m venv /opt/venv")
    assert [line for line in runtime.splitlines() if line.startswith("COPY")] == [
        "COPY --from=builder /opt/venv /opt/venv", "COPY --from=builder /srv/greeter /srv/greeter"]
    assert "pip install" not in runtime and "poetry install" not in runtime
    output = verified_default_output(APP, result.text)
    assert "&lt;poetry&gt; greeted by greeter 0.1.0 with markupsafe 2.1.5" in output
