"""A bare shell ENTRYPOINT (``["/bin/sh"]``) with an exec-form CMD naming a script of the project
(``["./start.sh"]``) runs that script, not an interactive shell (seen on a Celery worker image whose
docker.celery.sh starts celery beat and worker). The script runs a program pip installed; the runtime,
python:3.11-slim, has it from the builder's venv. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "context-scripts" / "shell-entrypoint"


def test_a_shell_entrypoint_running_the_cmd_script_is_no_interactive_shell() -> None:
    result, _, runtime = rewrite_app(APP)
    assert 'ENTRYPOINT [ "/bin/sh" ]' in runtime and 'CMD [ "./start.sh" ]' in runtime
    output = verified_default_output(APP, result.text)
    assert "started by start.sh" in output and "beat" in output
