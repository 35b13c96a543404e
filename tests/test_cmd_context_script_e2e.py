"""A Go program started by a shell script of the build context (``CMD ["/go/src/bot/docker/run.sh"]``), on golang:1.19,
on a real engine: the runtime used to be gcr.io/distroless/static-debian12, which has no shell for the script's
``#!/bin/sh`` (and, without the build context, not the script either). Now the runtime copies the script's folder
(with the COPY as written) onto Debian's slim image, and the script starts the program. Skipped without a Docker
engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-cmd-context-script"


def test_the_script_runs_the_program_on_an_image_with_a_shell() -> None:
    result, _, runtime = rewrite_app(APP)
    # (the program runs in the folder the COPY fills: the COPY as written, test_run_time_files_beside_program)
    assert "distroless" not in runtime and "COPY . /go/src/bot\n" in runtime, result.text
    assert "bot started" in verified_default_output(APP, result.text)
