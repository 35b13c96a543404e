"""`cargo update` (and `cargo generate-lockfile`) only rewrite Cargo.lock before the build, as `cargo fetch`
prepares it: the tool used to leave such a file alone ("`cargo update -p libc` is not understood"), which hid
the real cause on AlbertSuarez/rust-docker-image-test (its CMD runs cargo at run time) and kept a file whose
CMD runs the binary from a rewrite."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

BUILD = """FROM rust:1.63
WORKDIR /app
COPY . .
RUN {prepare}
RUN cargo build --release
CMD {cmd}
"""


@pytest.mark.parametrize("prepare", ["cargo update -p libc", "cargo update", "cargo generate-lockfile"])
def test_a_lockfile_update_before_the_build_stays_in_the_builder(prepare: str) -> None:
    runner = runner_stage(BUILD.format(prepare=prepare, cmd='["./target/release/app"]'))
    assert "cargo" not in runner and "COPY --from=builder /app/target/release/app" in runner, runner


def test_the_skip_names_cargo_at_run_time_not_the_update() -> None:
    reason = skip_reason(BUILD.format(prepare="cargo update -p libc", cmd="cargo run"))
    assert "runs cargo" in reason and "not understood" not in reason, reason
