"""pip3 on Debian's Python, on a real engine: gunicorn 20 imports pkg_resources at start, which Debian's
python3-setuptools (brought by python3-pip) provides; pip put no setuptools under /usr/local. Without the
runtime's python3-setuptools, gunicorn stops with "No module named 'pkg_resources'" and serves nothing.
Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "python-system" / "gunicorn-setuptools"


def test_gunicorn_20_serves_from_the_slim_runtime() -> None:
    from transformer.verify import NoEngine, render_table, verify_file

    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "python3-setuptools" in result.text.partition(" AS runner")[2]
    try:
        report = verify_file(APP / "Dockerfile", APP, result_text=result.text, http=(8731, "/"), timeout=90)
    except NoEngine as e:
        pytest.skip(f"no Docker engine: {e}")
    table = render_table(report)
    print(table)
    assert report.ok, table
    assert report.size_result is not None and report.size_original is not None
    assert report.size_result < report.size_original, table
