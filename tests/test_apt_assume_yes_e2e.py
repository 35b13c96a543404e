"""An apt-get install without -y on the full image, on a real engine: python:3.11 has the MySQL client headers
already, so the input's install asks nothing; the slim runtime's install of libmariadb3 and its dependencies
would ask "Do you want to continue? [Y/n]" and abort the build without the -y the refactoring adds.
mysqlclient's C extension then loads in the runtime. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-native" / "apt-without-y"


def test_the_runtime_install_answers_yes_and_the_extension_loads() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "apt-get install -y --no-install-recommends libmariadb3" in runtime
    assert verified_default_output(APP, result.text).startswith("mysqlclient 2.2.4 client ")
