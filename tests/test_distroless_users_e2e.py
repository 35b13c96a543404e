"""A Go program run as Debian's www-data (USER www-data, as sourcegraph/xconf's Dockerfile has it), on golang:1.19,
on a real engine: the runtime used to be gcr.io/distroless/static-debian12, whose /etc/passwd has no www-data, and
the container did not start ("unable to find user www-data"). Now the runtime is Debian's slim image, and the
program runs as www-data (uid 33). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-user-www-data"


def test_a_program_run_as_www_data_starts_as_www_data() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "distroless" not in runtime and "USER www-data" in runtime, result.text
    assert "running as uid 33" in verified_default_output(APP, result.text)
