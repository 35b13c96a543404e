"""The Go workspace (GOPATH) holds the project a file builds there, not a toolchain.

golang's images set GOPATH=/go; a file that builds in it (`WORKDIR /go`, `go build github.com/x/cmd/app`) or
`go get`s commands into its bin copies that folder, which is not the Go installation (/usr/local/go) a
toolchain check is about. A GOPATH inside the Go installation itself (``GOPATH=/usr/local/go``) is one.
"""

from __future__ import annotations

from transformer import refactor


def test_a_build_in_golang_s_gopath_is_copied_to_a_slim_runtime() -> None:
    result = refactor("FROM golang:1.19\nADD . /go/src/github.com/x/rove\nWORKDIR /go\n"
                      "RUN go build github.com/x/rove/cmd/rove\nCMD [\"/go/rove\", \"migrate\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "COPY --from=builder /go /go" in runtime
    assert "golang" not in runtime


def test_go_get_into_a_gopath_of_the_file_copies_its_bin_not_the_toolchain() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang git\n"
                      "ENV GOPATH /opt/go\nENV PATH $PATH:$GOPATH/bin\nRUN go get -u github.com/ddollar/forego\n"
                      "CMD [\"forego\", \"start\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "COPY --from=builder /opt/go/bin /opt/go/bin" in runtime
    assert "golang" not in runtime


def test_a_gopath_inside_the_go_installation_is_a_toolchain() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y golang git\n"
                      "ENV GOPATH /usr/local/go\nRUN go get -u github.com/ddollar/forego\n"
                      "CMD [\"forego\", \"start\"]\n")
    assert not result.changed
    assert "toolchain (/usr/local/go/bin)" in (result.skipped or "")
