"""A ``pip install --user`` after a plain install, on a real engine: the refactoring makes no virtual environment
(pip in one refuses --user, and the build failed), so both installs stay in the image's Python; the slim runtime
copies its site-packages and ~/.local, and the app imports from both. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-venv" / "user-install-after"


def test_the_user_site_and_the_image_site_both_reach_the_runtime() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "venv" not in result.text
    assert "COPY --from=builder /root/.local /root/.local" in result.text
    assert verified_default_output(APP, result.text).strip() == "markupsafe 2.1.5 six 1.16.0 from /root/.local"
