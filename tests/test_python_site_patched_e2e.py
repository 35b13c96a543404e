"""A RUN that edits a file pip installed in the official image's site-packages
(`sed -i ... /usr/local/lib/python3.11/site-packages/greet/__init__.py`, as pyethapp's images patch gevent's
ssl.py), on a real engine: the installs stay in the image's site-packages, which the runtime copies; a virtual
environment would leave the path empty and the sed would fail the build. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-site-patched"


def test_an_edit_of_an_installed_package_builds_and_runs() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "/opt/venv" not in result.text
    output = verified_default_output(APP, result.text)
    assert "greet patched /usr/local/lib/python3.11/site-packages/greet/__init__.py" in output


COMMAND_APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-site-command"


def test_a_command_running_a_file_of_an_installed_package_runs() -> None:
    # CMD ["python", "/usr/local/lib/python3.11/site-packages/greet/main.py"]: in a virtual environment the file
    # would be under /opt/venv and the container would not start
    result, _, _ = rewrite_app(COMMAND_APP)
    assert "/opt/venv" not in result.text
    output = verified_default_output(COMMAND_APP, result.text)
    assert "greet main unpatched /usr/local/lib/python3.11/site-packages/greet/main.py" in output


COPY_APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-site-copy"


def test_a_module_copied_into_the_image_site_packages_is_importable() -> None:
    # COPY sitepatch.py /usr/local/lib/python3.11/site-packages/: a virtual environment's Python would not see it
    result, _, _ = rewrite_app(COPY_APP)
    assert "/opt/venv" not in result.text
    output = verified_default_output(COPY_APP, result.text)
    assert "greet unpatched copied" in output
