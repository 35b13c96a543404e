"""nginx's own image with Debian's nodejs and npm building the site: the runtime is the same nginx image without
Node.js, serves the same page, and is smaller. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader
from transformer.verify import NoEngine, render_table, verify_file

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "nginx-apt-node-site"


def test_site_on_nginx_drops_node() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner", 1)[1]
    assert result.text.count("FROM nginx:stable") == 2 and "nodejs" not in runner, result.text
    try:
        report = verify_file(APP / "Dockerfile", APP, result_text=result.text, timeout=60)
    except NoEngine as e:
        pytest.skip(f"no Docker engine: {e}")
    table = render_table(report)
    print(table)
    assert report.ok, table
    assert report.size_result is not None and report.size_original is not None
    assert report.size_result < report.size_original, table
