"""A USER that names a user of the distribution's user database (Debian's www-data, daemon) needs a runtime that
has it: distroless images know root and nonroot only. A Go program of golang:1.4 run as www-data (seen on
sourcegraph/xconf, dev file 2fc466a3fe3c) got gcr.io/distroless/static-debian12, where the container does not start
("unable to find user www-data: no matching entries in passwd file"); now it gets the Debian slim image of the
builder's release, whose base-passwd has the user."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

GO = """FROM golang:1.19
WORKDIR /app
COPY . .
RUN go build -o /usr/local/bin/server .
USER {user}
CMD ["server"]
"""


@pytest.mark.parametrize("user", ["www-data", "daemon", "nobody:nogroup", "1000:www-data", "$APP_USER"])
def test_a_go_program_run_as_a_debian_user_gets_debian_slim(user: str) -> None:
    runner = runner_stage(GO.format(user=user))
    assert runner.startswith("FROM debian:bookworm-slim AS runner\n"), runner
    assert f"USER {user}\n" in runner, runner


@pytest.mark.parametrize("user", ["nonroot", "nonroot:nonroot", "65532", "1000:1000", "root"])
def test_a_go_program_run_as_a_user_distroless_has_stays_on_distroless(user: str) -> None:
    runner = runner_stage(GO.format(user=user))
    assert runner.startswith("FROM gcr.io/distroless/static-debian12 AS runner\n"), runner


def test_the_reason_names_the_user() -> None:
    result = refactor(GO.format(user="www-data"))
    assert any("USER www-data is a user of the distribution's user database" in c.message
               for c in result.changes), result.changes


def test_the_old_golang_image_gets_its_own_release() -> None:
    text = "FROM golang:1.4\nADD . /go/src/x\nWORKDIR /go/src/x\nRUN go get -d -v\nRUN go install\n" \
           "USER www-data\nENTRYPOINT [\"/go/bin/x\"]\n"
    runner = runner_stage(text)
    assert runner.startswith("FROM debian:jessie-slim AS runner\n"), runner
