"""pip's user base keeps the commands where the original has them too: a program the build context holds runs the
Python tool by the path Debian's pip gives it (/usr/local/bin/render-page), which the tool, given the Dockerfile
alone, cannot read (read21: cloudtools/nymms's start scripts exec /usr/local/bin/nymms_*; a cron job of
es-curator-cron runs /usr/bin/curator_cli). Engine: rewritten without the build context, built with it; the
original and the result print the same. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-user" / "node-tool-by-path"


def test_a_command_run_by_its_original_path_is_there() -> None:
    result = refactor((APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /opt/python/bin/ /usr/local/bin/\n" in runtime, runtime
    assert "&lt;rendered by markupsafe 2.1.5 as root&gt;" in verified_default_output(APP, result.text)
