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


def test_site_built_inside_the_web_root_drops_node(tmp_path: Path) -> None:
    """The same site built in nginx's html folder itself (rp7's reactjs app): the runtime copies that folder and
    leaves Node.js in the builder; both images serve the same page."""
    import shutil

    app = tmp_path / "nginx-built-in-root"
    shutil.copytree(APP, app)
    dockerfile = app / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace("WORKDIR /site", "WORKDIR /usr/share/nginx/html").replace(
        "RUN cp -r dist/. /usr/share/nginx/html/\n", "").replace("CMD [\"nginx\", \"-g\", \"daemon off;\"]\n", ""))
    result, _, runner = rewrite_app(app)
    assert "nodejs" not in runner and "COPY --from=builder /usr/share/nginx/html /usr/share/nginx/html" in runner
    report = verified(app, result.text, timeout=60, http=(80, "/dist/index.html"))
    assert any("a site nginx serves" in ms.body for orig, ms in report.smoke if orig.kind == "http"), report
