"""uWSGI built by pip with Debian's own Python 3 (python3-pip, which brings python3-dev), on a real engine: it links
the interpreter's shared library libpython3.11.so.1.0, which the runtime's python3 does not bring (libpython3.11
does). The runtime used to install python3 alone, and uwsgi stopped with "libpython3.11.so.1.0: cannot open shared
object file" (seen on andesm/django-for-flg-server, FROM ubuntu); it installs libpython3.11, and uWSGI's embedded
Python runs the app's script. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-system" / "uwsgi-libpython"


def test_uwsgi_of_debians_python_finds_its_libpython_in_the_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert " libpython3.11 " in runtime and "python3-pip" not in runtime, runtime
    assert verified_default_output(APP, result.text).strip() == "uwsgi 2.0.28 python 3"
