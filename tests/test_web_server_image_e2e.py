"""nginx's own image with Debian's nodejs and npm building the site: the runtime is the same nginx image without
Node.js, serves the same page, and is smaller. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "nginx-apt-node-site"


def test_site_on_nginx_drops_node() -> None:
    result, _, runner = rewrite_app(APP)
    assert result.text.count("FROM nginx:stable") == 2 and "nodejs" not in runner, result.text
    verified(APP, result.text, timeout=60)


def test_site_on_nginx_s_own_cmd_drops_node(tmp_path: Path) -> None:
    """The same site with no CMD: nginx's own serves it (before, the runtime installed nodejs again)."""
    import shutil

    app = tmp_path / "nginx-own-cmd-site"
    shutil.copytree(APP, app)
    dockerfile = app / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace("CMD [\"nginx\", \"-g\", \"daemon off;\"]\n", ""))
    result, _, runner = rewrite_app(app)
    assert "nodejs" not in runner, result.text
    verified(app, result.text, timeout=60, http=(80, "/"))
