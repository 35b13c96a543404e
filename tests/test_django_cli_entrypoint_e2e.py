"""A Django image whose ENTRYPOINT is manage.py, on a real engine, used as dev 5c1ad6d6 is: the project mounted at
/src and a management command given to `docker run`. `compilemessages` runs gettext's msgfmt, which the file
installs: the rewrite's runtime keeps gettext, and both images compile the translations (the rewrite used to say
`CommandError: Can't find msgfmt`). Skipped without a Docker engine.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from conftest import docker, engine_reachable, rewrite_app

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "django-cli"
APP = FIXTURES / "image"



def test_compilemessages_runs_in_both_images(tmp_path: Path) -> None:
    result, _, runtime = rewrite_app(APP)
    assert "install -y --no-install-recommends gettext" in runtime
    if not engine_reachable():
        pytest.skip("no Docker engine reachable")
    app = tmp_path / "app"
    shutil.copytree(APP, app)
    (app / "Dockerfile.ms").write_text(result.text)
    tag = f"msrefactor-e2e/django-cli-{uuid.uuid4().hex[:8]}"
    try:
        for name, dockerfile in (("orig", "Dockerfile"), ("ms", "Dockerfile.ms")):
            built = docker("build", "--network", "host", "-f", str(app / dockerfile), "-t", f"{tag}:{name}", str(app))
            assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
            project = tmp_path / f"project-{name}"
            shutil.copytree(FIXTURES / "project", project)
            ran = docker("run", "--rm", "--network", "host", "-v", f"{project}:/src", f"{tag}:{name}",
                          "compilemessages", timeout=120)
            assert ran.returncode == 0, f"{name}: {ran.stdout} {ran.stderr}"
            assert (project / "locale" / "de" / "LC_MESSAGES" / "django.mo").is_file(), name
    finally:
        docker("rmi", "-f", f"{tag}:orig", f"{tag}:ms", timeout=120)
