"""`cargo install --path .` on a real engine: the binary lands in CARGO_HOME/bin (/usr/local/cargo/bin on rust's
images, beside cargo and rustc; /opt/cargo/bin here, set by the file, as the zoo's rust image has no CARGO_HOME); the
runtime copies it alone and the image's command, the bare name, finds it on the PATH. Skipped without a Docker
engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "rust-cargo-install-path"


def test_the_installed_binary_is_copied_alone_and_runs_by_name() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(APP))
    assert result.changed, result.reason
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /opt/cargo/bin/installed-greeter /opt/cargo/bin/installed-greeter" \
        in runtime
    output = verified_default_output(APP, result.text)
    assert "hello, multi-stage, from a binary cargo installed into CARGO_HOME/bin" in output
