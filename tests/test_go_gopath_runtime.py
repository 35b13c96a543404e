"""A Go build whose runtime is a Debian or Ubuntu slim image keeps cgo on, as the original built it, and the runtime
sets GOPATH where it has files of the Go workspace's sources. Found reading the rewrite of dev file 5df0fd05
(DSiSc/justitia, read22): its config was read from $GOPATH/src/.../config, and a dependency `make fetch-deps`
fetched builds only with cgo. fixtures/apps/go-gopath-cgo-dependency builds both on the engine."""

from __future__ import annotations

import pytest
from conftest import stages

from transformer import refactor

JUSTITIA = ("FROM golang:1.10\nWORKDIR /go/src/github.com/DSiSc/justitia\nCOPY . .\nRUN make fetch-deps\n"
            "RUN go install -v ./...\nEXPOSE 47768\nCMD [\"justitia\"]\n")


def test_the_runtime_sets_gopath_where_it_has_the_workspace_sources() -> None:
    builder, runtime = stages(JUSTITIA)
    assert builder.rstrip().endswith("FROM debian:stretch-slim")
    assert 'ENV GOPATH=/go PATH="/go/bin:$PATH"' in runtime, runtime


def test_cgo_stays_on_where_the_runtime_has_the_c_library() -> None:
    result = refactor(JUSTITIA)
    builder, _, runtime = result.text.partition(" AS runner")
    assert "CGO_ENABLED" not in builder, builder
    explained = "\n".join(str(c) for c in result.changes)
    assert "cgo stays on, as in the original: debian:stretch-slim has the C library" in explained
    assert "assumed: the Go sources, which the build context does not give, do not use cgo" not in explained


@pytest.mark.parametrize("cmd", ['CMD ["/go/bin/app"]', 'ENTRYPOINT ["app"]'])
def test_a_static_runtime_still_gets_a_binary_without_cgo(cmd: str) -> None:
    builder, runtime = stages(f"FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /go/bin/app .\n{cmd}\n")
    assert builder.rstrip().endswith("FROM gcr.io/distroless/static-debian12"), builder
    assert "CGO_ENABLED=0" in builder and "GOPATH" not in runtime


def test_cgo_stays_on_where_the_runtime_is_the_builders_own_image() -> None:
    # read24 44241aca: resin/rpi-raspbian, an image the tool does not know, is the runtime too: the binary runs
    # against the C library it was built with, and "CGO_ENABLED=0 ... so it runs on a minimal image" was untrue
    text = ("FROM resin/rpi-raspbian\nRUN apt-get update && apt-get install -y golang git\n"
            "ENV GOPATH=/go\nRUN go get github.com/ddollar/forego\nCMD [\"/go/bin/forego\", \"start\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert runtime.startswith("\n") and "FROM resin/rpi-raspbian" in builder
    assert "CGO_ENABLED" not in result.text, result.text
    assert any("cgo stays on, as in the original: resin/rpi-raspbian has the C library" in str(c)
               for c in result.changes)
