"""A requirements file in UTF-16 (PowerShell's ``pip freeze > requirements.txt``) on a real engine: psycopg2,
built from source against the full python image's libpq, runs on the slim runtime, which installs libpq5 because
the tool reads the file as pip does. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "requirements-encoding" / "utf16-psycopg2"


def test_psycopg2_named_by_a_utf_16_file_finds_libpq_in_the_runtime() -> None:
    assert (APP / "requirements.txt").read_bytes().startswith(b"\xff\xfe")  # the file is UTF-16, as written
    result, _, runtime = rewrite_app(APP)
    assert "--no-install-recommends libpq5 " in runtime
    assert verified_default_output(APP, result.text).startswith("psycopg2 on libpq ")
