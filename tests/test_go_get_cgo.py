"""``go get`` (GOPATH mode) builds and installs the commands it fetches, as ``go install`` does. On a golang image
cgo is on (gcc is there), so a command that imports net or os/user links the C library dynamically. The tool took
its binary for a static one without deciding cgo for it: dev 130c5a3f's runtime (distroless static, no C library)
got an ``airliftd`` that ``go get -u`` built with cgo, which cannot start there. ``go get`` now decides cgo as
``go install`` does: off in the builder unless the code needs it, and then the runtime has the C library."""

from __future__ import annotations

from transformer import refactor

_GET = "FROM golang:1.10\nRUN go get -u example.com/cmd/server\nENTRYPOINT [\"server\"]\n"


def test_go_get_builds_the_command_without_cgo_for_a_static_runtime() -> None:
    result = refactor(_GET)
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    assert "CGO_ENABLED=0" in builder.partition("RUN go get")[0]
    assert "COPY --from=builder /go/bin /go/bin" in runtime


def test_go_get_with_cgo_on_gets_a_runtime_with_the_c_library() -> None:
    result = refactor(_GET.replace("RUN go get", "ENV CGO_ENABLED=1\nRUN go get"))
    assert result.changed, result.skipped
    runtime_image = result.text.partition("AS runner")[0].rsplit("FROM ", 1)[1]
    assert "static" not in runtime_image and runtime_image.strip() != "scratch"


def test_go_get_d_only_fetches() -> None:
    result = refactor("FROM golang:1.10\nWORKDIR /go/src/app\nCOPY . .\nRUN go get -d ./...\n"
                      "RUN go build -o /usr/local/bin/app\nCMD [\"app\"]\n")
    assert result.changed, result.skipped
    assert "/go/bin" not in result.text.partition("AS runner")[2]
