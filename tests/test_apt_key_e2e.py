"""A key added with apt-key, on a real engine. The official python:3.11 has gnupg (the zoo's look-alike does not:
the test tags python:3.11.4, the zoo's python:3.11 with gnupg and dirmngr, and python:3.11.4-slim, its slim
image). The file adds Debian's bookworm key with `apt-key add` and builds psycopg2 from source. The runtime, on
the slim image (no gnupg: apt-key fails there with "gnupg, gnupg2 and gnupg1 do not seem to be installed"), repeats
the apt-key setup (whose build fails without gnupg), so it installs gnupg first. Skipped without a Docker engine.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apt-key" / "py-apt-key"
FULL = ("FROM python:3.11\nRUN apt-get update && apt-get install -y --no-install-recommends gnupg dirmngr "
        "&& rm -rf /var/lib/apt/lists/*\n")


def _tag_full_images(tmp: Path) -> None:
    if shutil.which("docker") is None or subprocess.run(["docker", "info"], capture_output=True).returncode:
        pytest.skip("no Docker engine")
    (tmp / "Dockerfile").write_text(FULL)
    subprocess.run(["docker", "build", "--network", "host", "-q", "-t", "python:3.11.4", str(tmp)], check=True,
                   capture_output=True)
    subprocess.run(["docker", "tag", "python:3.11-slim", "python:3.11.4-slim"], check=True)


def test_a_slim_runtime_that_repeats_apt_key_installs_gnupg(tmp_path: Path) -> None:
    _tag_full_images(tmp_path)
    result, _, runtime = rewrite_app(APP)
    assert runtime.index("gnupg") < runtime.index("apt-key add"), runtime
    assert "app: psycopg2 2.9.9" in verified_default_output(APP, result.text)
