"""An editable VCS requirement on a real engine: pip (Debian's, no virtual environment) checks the repository out
into /app/src and installs a link to it; the runtime copies the checkout as well as /usr/local, and the app
imports the package from it. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-vcs-editable" / "debian-src"


def test_the_checkout_pip_links_to_comes_along() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /app/src /app/src\n" in runtime, result.text
    assert "hello from the checkout /app/src/greet/greet/__init__.py" in verified_default_output(APP, result.text)
