"""Package files on a real engine: a python app whose Dockerfile fetches two Debian packages with
``apt-get download`` (hello and cowsay, from Debian's archive), installs hello with ``dpkg -i`` and cowsay with
``apt-get install ./cowsay_*.deb`` (which installs its dependency, perl, that python:3.11 has and the slim image
lacks) and removes the files. The refactoring keeps a copy of each file in the builder's /opt/package-files, and
the runtime, python:3.11-slim, installs them from there with the same commands: copied and removed with the classic
builder, bound from the builder with BuildKit. Skipped without a Docker engine.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

from transformer import refactor
from transformer.cachemount import Mode
from transformer.fileio import context_reader
from transformer.refactor import Options

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "package-files" / "python-deb"
EXPECTED = "Hello, world! | six 1.16.0 | cowsay said moo: True"
DOCKER = "/usr/bin/docker" if Path("/usr/bin/docker").exists() else (shutil.which("docker") or "docker")


def test_the_runtime_installs_the_fetched_debs_from_the_builders_copy() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /opt/package-files/hello_*.deb /opt/package-files/cowsay_*.deb /opt/package-files/" \
        in runtime
    assert "dpkg -i /opt/package-files/hello_*.deb" in runtime and "apt-get download" not in runtime
    output = verified_default_output(APP, result.text)
    assert EXPECTED in output


def _docker(*args: str, timeout: float = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "DOCKER_BUILDKIT": "1"})


def test_with_buildkit_the_runtime_binds_the_debs_and_runs(tmp_path: Path) -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)),
                      options=Options(buildkit=Mode.ON))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "--mount=type=bind,from=builder,source=/opt/package-files,target=/opt/package-files" in runtime
    try:
        if _docker("info", timeout=30).returncode != 0:
            pytest.skip("no Docker engine")
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("no Docker engine")
    app = tmp_path / "app"
    shutil.copytree(APP, app)
    (app / "Dockerfile").write_text(result.text)
    tag = f"msrefactor-e2e/package-files-buildkit:{uuid.uuid4().hex[:8]}"
    try:
        built = _docker("build", "--network", "host", "-t", tag, str(app), timeout=1200)
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
        ran = _docker("run", "--rm", "--network", "host", tag, timeout=120)
        assert ran.returncode == 0, ran.stderr[-2000:]
        assert EXPECTED in ran.stdout
        # bound for the install: the image keeps only the empty folder BuildKit made to mount it on
        listed = _docker("run", "--rm", "--entrypoint", "ls", tag, "-A", "/opt/package-files", timeout=120)
        assert listed.returncode == 0 and listed.stdout == "", listed.stdout + listed.stderr
    finally:
        _docker("rmi", "-f", tag, timeout=120)
