"""BuildKit mode on a real engine (issue #12): the pip/libpq sample refactored with ``--buildkit`` builds
with BuildKit, runs, and a second build after one requirement changed takes psycopg2 from the pip cache
mount instead of downloading and compiling it again. Skipped without a Docker engine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from lint_oracles import shared_dir

from transformer import refactor
from transformer.cachemount import Mode
from transformer.fileio import context_reader
from transformer.refactor import Options

pytestmark = pytest.mark.e2e

SAMPLE = shared_dir(Path(__file__).resolve().parents[1]) / "e2e" / "apps" / "py-psycopg2"
DOCKER = "/usr/bin/docker" if Path("/usr/bin/docker").exists() else (shutil.which("docker") or "docker")


def _engine() -> bool:
    try:
        return subprocess.run([DOCKER, "info"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def _build(folder: Path, tag: str) -> tuple[str, float]:
    start = time.monotonic()
    p = subprocess.run([DOCKER, "build", "--network", "host", "--progress", "plain", "-t", tag, str(folder)],
                       capture_output=True, text=True, timeout=1200, env={**os.environ, "DOCKER_BUILDKIT": "1"})
    took = time.monotonic() - start
    assert p.returncode == 0, p.stdout[-3000:] + p.stderr[-3000:]
    return p.stdout + p.stderr, took


def _pip_lines(log: str, package: str) -> list[str]:
    """What pip said about ``package``: Downloading / Using cached / Building wheel lines."""
    pattern = re.compile(rf"(Downloading|Using cached|Building wheel for) {re.escape(package)}\b")
    return [m.group(1) for line in log.splitlines() if (m := pattern.search(line))]


@pytest.mark.skipif(not SAMPLE.is_dir() or not _engine(), reason="needs ../shared/e2e/apps/py-psycopg2 and a Docker "
                                                                  "engine")
def test_a_changed_requirement_reuses_the_pip_cache(tmp_path: Path) -> None:
    app = tmp_path / "app"
    shutil.copytree(SAMPLE, app)
    requirements = app / "requirements.txt"
    pinned = requirements.read_text()
    assert "psycopg2==" in pinned
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)),
                      options=Options(buildkit=Mode.ON))
    assert result.changed and "--mount=type=cache,target=/root/.cache/pip" in result.text
    (app / "Dockerfile").write_text(result.text)
    tag = f"msrefactor-test-buildkit-{uuid.uuid4().hex[:8]}"
    try:
        pinned += f"# {tag}\n"  # a line of this run: no layer of an earlier run is reused, the pip step runs
        requirements.write_text(pinned + "six==1.16.0\n")
        first, first_took = _build(app, f"{tag}:1")
        run = subprocess.run([DOCKER, "run", "--rm", "--network", "host", f"{tag}:1", "python", "app.py"],
                             capture_output=True, text=True, timeout=120)
        assert run.stdout.startswith("libpq "), run.stdout + run.stderr
        requirements.write_text(pinned + "six==1.15.0\n")  # one requirement changes: the pip step runs again
        second, second_took = _build(app, f"{tag}:2")
    finally:
        subprocess.run([DOCKER, "rmi", "-f", f"{tag}:1", f"{tag}:2"], capture_output=True, timeout=120)
    print(f"\nfirst build {first_took:.1f}s, second build {second_took:.1f}s")
    assert _pip_lines(first, "six") and _pip_lines(second, "six")  # the pip step ran in both builds
    assert _pip_lines(second, "psycopg2") == ["Using cached"]  # the one it had is neither fetched nor compiled
