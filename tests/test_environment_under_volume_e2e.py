"""A file that declares `VOLUME /opt` (and works there), on a real engine, run the way such a project documents it:
`docker run -v $PWD:/opt IMAGE` (pgbedrock, 58e46f98 of the dev set, whose rewrite lost its command this way). The
original installs into the image's site-packages; the rewrite must too, not into a virtual environment under
/opt, which the mount hides: both images' command runs with a host folder mounted over /opt. Skipped without a
Docker engine.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from conftest import docker, engine_reachable, rewrite_app

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "volume-opt" / "tool"



def test_the_command_runs_with_a_folder_mounted_over_the_volume(tmp_path: Path) -> None:
    _, builder, runtime = rewrite_app(APP)
    assert "/opt/venv" not in builder + runtime
    assert "COPY --from=builder /usr/local/lib/python3.11/site-packages" in runtime
    if not engine_reachable():
        pytest.skip("no Docker engine reachable")
    app = tmp_path / "app"
    shutil.copytree(APP, app)
    (app / "Dockerfile.ms").write_text(rewrite_app(APP)[0].text)
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    (mounted / "config.yml").write_text("roles: {}\n")
    tag = f"msrefactor-e2e/volume-opt-{uuid.uuid4().hex[:8]}"
    try:
        outputs = []
        for name, dockerfile in (("orig", "Dockerfile"), ("ms", "Dockerfile.ms")):
            built = docker("build", "--network", "host", "-f", str(app / dockerfile), "-t", f"{tag}:{name}", str(app))
            assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
            ran = docker("run", "--rm", "--network", "host", "-v", f"{mounted}:/opt", f"{tag}:{name}", timeout=120)
            assert ran.returncode == 0, f"{name}: {ran.stderr}"
            outputs.append(ran.stdout)
        assert outputs[0] == outputs[1] == "volume-tool runs, /opt holds: ['config.yml']\n"
    finally:
        docker("rmi", "-f", f"{tag}:orig", f"{tag}:ms", timeout=120)
