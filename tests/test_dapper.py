"""An image for Rancher's Dapper (ENV DAPPER_SOURCE, DAPPER_OUTPUT...) is a build environment: Dapper mounts the
project at DAPPER_SOURCE and runs its build scripts there (``ENTRYPOINT ["./scripts/entry"]``, ``CMD ["ci"]``), with
the compilers and Go toolchain the file installs. A runtime without them (gcc dropped, or distroless static with no
shell at all) cannot build anything, so the file is left alone and the reason names the variable."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

HEAD = """FROM golang:1.19
RUN apt-get update && apt-get install -y gcc libc6-dev
RUN go install golang.org/x/lint/golint@latest
"""
TAIL = """WORKDIR /go/src/github.com/example/project
ENTRYPOINT ["./scripts/entry"]
CMD ["ci"]
"""


@pytest.mark.parametrize("env", ["ENV DAPPER_SOURCE /go/src/github.com/example/project",
                                 "ENV DAPPER_OUTPUT=\"./bin ./dist\"", "ENV DAPPER_ENV TAG REPO"])
def test_a_dapper_build_environment_is_left_alone(env: str) -> None:
    reason = skip_reason(HEAD + env + "\n" + TAIL)
    assert "the image is a build environment for Dapper" in reason, reason


def test_an_argument_named_like_it_is_not_enough() -> None:
    # a build argument the file reads (ARG DAPPER_HOST_ARCH) sets nothing Dapper reads in the image
    assert runner_stage(HEAD + "ARG DAPPER_HOST_ARCH=amd64\nCMD [\"golint\", \"./...\"]\n") is not None


def test_dapper_is_named_before_a_step_the_tool_cannot_place() -> None:
    # skip41 2f425961: a script of the build (`bats/install.sh`) before the ENV that sets DAPPER_SOURCE: the image
    # is a build environment whatever the script does, and the reason says so
    text = HEAD + "RUN git clone https://github.com/sstephenson/bats.git && bats/install.sh /usr/local\n" \
        + "ENV DAPPER_SOURCE /go/src/github.com/example/project\n" + TAIL
    reason = skip_reason(text)
    assert reason.startswith("ENV at line 5 sets DAPPER_SOURCE: the image is a build environment for Dapper"), reason
