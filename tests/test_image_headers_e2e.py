"""A C program that links a library whose -dev package the official image has from buildpack-deps (gcc's
libsqlite3-dev) and the file does not install: the slim runtime lacked the library (SavastaCoffee-Backend on
gcc:12.2.0; a reviewer's variant failed with `libsqlite3.so.0: cannot open shared object file`). The builder now
lists what the copied program links (ldd) and the runtime installs its packages. The zoo's gcc:12 has no
buildpack-deps -dev packages: the test builds one that has SQLite's (fixtures/image-headers/base.Dockerfile) and
tags it gcc:12.2.0."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import docker, engine_reachable, rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "image-headers"


def test_a_library_of_the_images_own_dev_packages_is_installed_at_run_time() -> None:
    if not engine_reachable():
        pytest.skip("no Docker engine")
    if docker("image", "inspect", "gcc:12", timeout=60).returncode != 0:
        pytest.skip("no gcc:12: run ../shared/e2e/zoo.sh up")
    built = docker("build", "--network", "host", "-t", "gcc:12.2.0", "-f", str(FIXTURES / "base.Dockerfile"),
                   str(FIXTURES))
    assert built.returncode == 0, built.stdout + built.stderr
    app = FIXTURES / "gcc-sqlite"
    result, builder, runtime = rewrite_app(app)
    assert "ldd" in builder and "FROM debian:bookworm-slim AS runner" in "FROM " + builder.rsplit("FROM ", 1)[1] \
        + " AS runner", result.text
    assert "xargs -r apt-get install" in runtime, runtime
    assert verified_default_output(app, result.text).strip() == "ok 42"
