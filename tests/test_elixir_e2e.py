"""Elixir on a real engine, with what the zoo can build: Debian's own elixir package (no Hex registry is
reachable, so the project has no dependencies). The build compiles a C helper with build-essential and the
project with mix; the runtime is debian:bookworm-slim with the elixir package, the project folder and mix's homes,
without the compilers, and the program mix starts prints what the helper computed. Skipped without a Docker
engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "elixir-debian-mix"


def test_a_program_mix_starts_runs_on_the_slim_image_with_the_distribution_elixir() -> None:
    text = (APP / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert "FROM debian:bookworm-slim AS runner" in result.text
    runtime = result.text.split(" AS runner", 1)[1]
    assert "install -y --no-install-recommends elixir &&" in runtime and "build-essential" not in runtime
    assert "COPY --from=builder /app /app" in runtime
    output = verified_default_output(APP, result.text)
    assert "greeter 42 on Elixir 1." in output and "(prod)" in output, output
