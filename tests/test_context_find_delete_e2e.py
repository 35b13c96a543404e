"""A Python app whose build context holds a .pyc file, which the Dockerfile deletes after the ADD (`find . -name
"*.pyc" -delete`, as dev file 443f1b42 does), rewritten without its context, then built and run on a real engine.
The runtime used to keep the file the original deletes. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-context-pyc-deleted"


def test_context_files_a_find_deletes_stay_deleted() -> None:
    result = refactor((APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    assert "pyc 0" in verified_default_output(APP, result.text)
