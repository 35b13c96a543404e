"""A removal in a WORKDIR among the system's configuration, on a real engine: python:3.11 removes /etc/motd from
inside /etc, then installs the app's package. The runtime, on python:3.11-slim, repeats the removal (it used to
leave it in the builder, so the slim image's /etc/motd came back) and the app finds the file gone.
Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-rm-in-etc-workdir"


def test_the_runtime_repeats_a_removal_in_etc() -> None:
    text = (APP / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    _, _, runtime = result.text.partition(" AS runner")
    assert "WORKDIR /etc\nRUN rm motd\n" in runtime, runtime
    assert "app: six 1.16.0, motd removed" in verified_default_output(APP, result.text)
