"""A Rust binary named by the image's command on a real engine: with the file alone (no Cargo.toml read), `CMD
["./target/release/greeter"]` in WORKDIR /tmp names what cargo builds; the runtime, debian:bullseye-slim, gets
the binary (kept though it lies in /tmp, since the command runs it from there) and the packages the builder
lists with ldd. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "rust-cmd-names-binary"


def test_the_binary_the_command_names_is_copied_and_runs() -> None:
    result = refactor((APP / "Dockerfile").read_text())  # the file alone, as the real files come
    assert result.changed, result.reason
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /tmp/target/release/greeter /tmp/target/release/greeter" in runtime
    assert "xargs -r apt-get install" in runtime
    output = verified_default_output(APP, result.text)
    assert "hello, multi-stage, from a binary cargo named after Cargo.toml" in output
