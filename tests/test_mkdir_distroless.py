"""A `RUN mkdir DIR` that is all the setup the runtime would repeat kept a Go program off distroless (it has no
shell to run mkdir): the runtime copies the builder's folder instead (empty, or what the build put there, as the
original has it). A real project built end to end (tolseone/Basic-of-GO, `RUN mkdir shared-data`) went to
debian:bookworm-slim, 171.7 MB against 6.5 MB by hand; engine proof: fixtures/apps/go-mkdir-distroless, whose
program writes into the folder."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM golang:1.19
WORKDIR /app
COPY . .
{setup}RUN go build -o server .
CMD ["./server"]
"""


@pytest.mark.parametrize("setup", ["RUN mkdir shared-data\n", "RUN mkdir -p /var/lib/app/cache /app/uploads\n"])
def test_a_folder_mkdir_makes_is_copied_to_distroless(setup: str) -> None:
    runner = runner_stage(FILE.format(setup=setup))
    assert runner.startswith("gcr.io/distroless/static") or "FROM gcr.io/distroless/static" in runner, runner
    assert "mkdir" not in runner, runner
    for folder in ("/app/shared-data",) if "shared" in setup else ("/var/lib/app/cache", "/app/uploads"):
        assert f"COPY --from=builder {folder} {folder}" in runner, runner


@pytest.mark.parametrize("setup", [
    "RUN mkdir $DATA_DIR\n",  # a path the tool cannot tell
    "RUN mkdir /data && touch /data/.keep && chown 1000 /data\n",  # other setup to repeat
    "RUN useradd app\nUSER app\nRUN mkdir /home/app/data\n",  # made by another user: the copy's owner is root's
    # a folder a COPY fills after it (dev 4607c25c, 586d5c2f): its copy would bring the sources
    "RUN mkdir -p /src/app\nCOPY . /src/app\n",
    "RUN mkdir -p $GOPATH/src/x\nADD . $GOPATH/src/x/\n",
])
def test_other_setups_keep_a_runtime_with_a_shell(setup: str) -> None:
    runner = runner_stage(FILE.format(setup=setup))
    assert "distroless" not in runner, runner


@pytest.mark.parametrize("setup", [
    # the adversarial review of this rule (adv-s36, W1 to W4)
    "RUN mkdir -m 777 /data\n",  # the mode's word is no folder, and a copy would not keep the folder's mode
    "RUN mkdir --mode=777 /data\n",
    "ENV GOCACHE=/cache/go-build\nRUN mkdir -p /cache\n",  # a build cache the go build fills: not empty
    "RUN mkdir -p /app\n",  # the sources' folder, which the COPY before filled
    "RUN mkdir out && echo v1 > out/version\n",  # a later command writes there, by its name
])
def test_a_folder_with_a_mode_or_contents_keeps_the_mkdir(setup: str) -> None:
    runner = runner_stage(FILE.format(setup=setup))
    assert "COPY --from=builder /data" not in runner and "/cache " not in runner and "/app/777" not in runner, runner
    assert "mkdir" in runner or "distroless" not in runner or setup.startswith("RUN mkdir -p /app"), runner
