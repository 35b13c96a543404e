"""A program run through pipenv (`pipenv run python app.py`) on a real engine: python:3.11 becomes python:3.11-slim,
the runtime installs pipenv again, as the original does, and copies pipenv's environments from the builder (under
the user's data folder, named after the project's folder and a hash of its path), where its `pipenv run` finds the
project's. (Before, the file was left alone: "`pipenv run` needs pipenv at run time".) Skipped without a Docker
engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pipenv" / "run"


def test_pipenv_run_finds_the_projects_environment_in_the_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "RUN pip install pipenv==2024.4.0" in runtime and "pipenv install" not in runtime
    assert [line for line in runtime.splitlines() if line.startswith("COPY")] == [
        "COPY Pipfile Pipfile.lock app.py ./",
        "COPY --from=builder /root/.local/share/virtualenvs /root/.local/share/virtualenvs"]
    output = verified_default_output(APP, result.text)
    assert "&lt;pipenv run&gt; in a virtual environment with markupsafe 2.1.5" in output
