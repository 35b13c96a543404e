"""A removal the builder mirrors on a staged copy (``rm -Rf /go`` after ``cp -a rootfs/* /`` was staged into
/opt/staged) said why with the removal's own reason, which a cleanup has none of: the change read "the builder
adds `rm -Rf /opt/staged/go &&` to `rm -Rf /go`: " and stopped."""

from __future__ import annotations

from transformer import refactor

FILE = """\
FROM alpine:3.18
RUN apk add --no-cache make gcc musl-dev
COPY . /go/src/app
WORKDIR /go/src/app
RUN make build
RUN cp -a /go/src/app/rootfs/* /
WORKDIR /home
RUN rm -Rf /go
ENTRYPOINT ["/usr/bin/app"]
"""


def test_a_mirrored_removal_says_why() -> None:
    result = refactor(FILE)
    assert result.changed, result.skipped
    assert "RUN rm -Rf /opt/staged/go && rm -Rf /go" in result.text
    said = [str(c) for c in result.changes if "rm -Rf /opt/staged/go" in str(c)]
    assert said and all("the staged copy" in s for s in said), said
