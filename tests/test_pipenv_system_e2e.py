"""pipenv's --system install on python:3 on a real engine: python:3 becomes python:3-slim. The tag does not name the
minor version (site-packages' folder); the builder makes and activates the tool's virtual environment after pipenv's
own install, pipenv installs the lock file's packages with that environment's pip, and the runtime copies it, without
pipenv. (Before, the file was left alone.) Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pipenv" / "system-python3"


def test_pipenv_system_installs_into_the_tools_environment() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert builder.index("RUN pip install pipenv") < builder.index("RUN python -m venv /opt/venv") \
        < builder.index("RUN pipenv install --system --deploy")
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime and "pipenv" not in runtime
    output = verified_default_output(APP, result.text)
    assert "&lt;pipenv&gt; on Python 3 with markupsafe 2.1.5" in output
