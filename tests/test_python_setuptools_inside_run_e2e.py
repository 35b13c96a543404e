"""Debian's Python and the app's packages in one RUN, on a real engine (`apt install -y python3 python3-pip
libpq-dev && pip3 install -r requirements.txt`, as Chaoswrd/Vulnerable-Flask-API does on Ubuntu): the runtime keeps
the install without the pip part, so the install now ends inside the RUN's text, where the tool adds both
python3-setuptools and the list cleanup. The package used to land after the cleanup (`&& rm -rf
/var/lib/apt/lists/* python3-setuptools`), an argument of rm: no setuptools, and gunicorn 20, which imports
pkg_resources at start, served nothing. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-system" / "gunicorn-setuptools-one-run"


def test_setuptools_is_installed_before_the_list_cleanup() -> None:
    result, _, runtime = rewrite_app(APP)
    install = next(line for line in runtime.splitlines() if "apt-get install" in line)
    assert install.endswith("python3-setuptools && rm -rf /var/lib/apt/lists/*"), install
    assert " libpq5 " in install, install
    verified(APP, result.text, http=(8732, "/"))
