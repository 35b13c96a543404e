"""A release the data do not know, on a real engine: python:3.6-stretch (stretch is past the archives the data
were read from), tagged in the zoo as python:3.11 (zoo.sh alias; bookworm really, but the tool reads the tag).
The file builds psycopg2 from source against libpq-dev and installs libicu-dev, whose run-time library the known
releases name differently (libicu55 ... libicu76) and which pulls in a build tool on bionic: the builder lists the
packages whose libraries the virtual environment links to, and those libicu-dev and libcairo-dev (a virtual name,
which libcairo2-dev provides) point to (the app loads ICU and cairo with ctypes, which no ldd sees), and the runtime
installs that list. Skipped without a Docker engine.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from lint_oracles import shared_dir

from transformer import refactor
from transformer.fileio import context_reader
from transformer.verify import NoEngine, render_table, verify_file

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-psycopg2-unknown-release"
ZOO = shared_dir(Path(__file__).resolve().parents[1]) / "e2e" / "zoo.sh"


def _docker(*args: str) -> str:
    return subprocess.run(["docker", *args], capture_output=True, text=True, check=True, timeout=300).stdout


def test_the_runtime_installs_what_the_builder_found_with_ldd() -> None:
    text = (APP / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "FROM python:3.6-slim-stretch AS runner" in result.text
    assert "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages" in result.text
    # libpq5, libpq-dev's library in every release the data know, is a guess on stretch all the same: listed
    assert "libpq5" not in result.text
    try:
        subprocess.run(["bash", str(ZOO), "alias", "python:3.6-stretch=python:3.11",
                        "python:3.6-slim-stretch=python:3.11-slim"], capture_output=True, timeout=120)
        report = verify_file(APP / "Dockerfile", APP, result_text=result.text, timeout=90, keep_images=True)
    except (NoEngine, FileNotFoundError) as e:
        pytest.skip(f"no Docker engine: {e}")
    try:
        table = render_table(report)
        print(table)
        assert report.ok, table
        assert report.size_result is not None and report.size_original is not None
        assert report.size_result < report.size_original, table
        outputs = [ms.output for orig, ms in report.smoke if orig.kind == "default"]
        assert outputs and re.search(r"libpq \d+ via psycopg2 2\.9\.9 and libicuuc\.so\.\d+ and libcairo\.so\.2",
                                     outputs[0]), table
        packages = _docker("run", "--rm", "--network", "host", report.images["result"], "dpkg-query", "-W",
                           "-f", "${Package}\n").split()
        listed = _docker("run", "--rm", "--network", "host", report.images["result"], "cat", "/opt/runtime-packages")
        assert "libpq5" in packages and any(re.fullmatch(r"libicu\d+", p) for p in packages), packages
        assert "libpq5" in listed.split() and any(re.fullmatch(r"libicu\d+", p) for p in listed.split()), listed
        # libcairo-dev is a virtual name: the libraries of libcairo2-dev, which provides it (read26 3d8ff4fb)
        assert "libcairo2" in listed.split(), listed
        # the zoo's slim image has the C headers of its own (as the official one has); the runtime adds no -dev
        base = _docker("run", "--rm", "--network", "host", "python:3.6-slim-stretch", "dpkg-query", "-W",
                       "-f", "${Package}\n").split()
        assert not [p for p in packages if p.endswith("-dev") and p not in base], packages
        assert not [p for p in listed.split() if p.endswith("-dev")], listed
    finally:
        for tag in report.images.values():
            subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=120)
