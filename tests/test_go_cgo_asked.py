"""A Go build the file itself asks cgo for (``CGO_ENABLED=1 go build``, ``ENV CGO_ENABLED=1``): a module it uses may
link a C library besides the C library, which the tool cannot see in the Dockerfile nor in the context (wasmer-go
links libwasmer.so from the module cache; dev file 2dd278df). The runtime used to get the C library alone, without
a word. The builder now lists the packages whose shared libraries the binary links to (ldd), as for a Rust binary
whose Cargo.lock is not known, and the runtime installs them; a library no package owns fails the build."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.linked import LIST

APP = """FROM golang:1.19
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
{build}
ENTRYPOINT ["/server"]
"""


@pytest.mark.parametrize("build", ["RUN CGO_ENABLED=1 GOOS=linux go build -o /server main.go",
                                   "ENV CGO_ENABLED=1\nRUN go build -o /server main.go"])
def test_the_builder_lists_what_a_cgo_binary_the_file_asks_for_links(build: str) -> None:
    result = refactor(APP.format(build=build))
    assert result.changed, result.reason
    builder, _, runner = result.text.partition(" AS runner")
    assert "-exec ldd {} ';'" in builder and "find /server -type f" in builder, builder
    assert f"COPY --from=builder {LIST} {LIST}" in runner and f"< {LIST}" in runner, runner
    assert "FROM debian:bookworm-slim AS runner" in result.text, result.text
    said = [c.message for c in result.changes]
    assert any(s.startswith("the file builds the Go binary with CGO_ENABLED=1, and a module it uses may link a C "
                            "library besides the C library (wasmer-go links libwasmer.so") for s in said), said


def test_a_build_the_tool_decides_cgo_for_gets_no_list() -> None:
    result = refactor(APP.format(build="RUN go build -o /server main.go"))
    assert result.changed, result.reason
    assert "ldd" not in result.text and "CGO_ENABLED=0" in result.text, result.text


def test_on_alpine_the_note_says_what_was_assumed() -> None:
    # the runtime is alpine's moving tag: the builder's list would be for another release; the file is changed as
    # before, and the note names the assumption
    text = APP.format(build="RUN CGO_ENABLED=1 go build -o /server main.go").replace(
        "FROM golang:1.19", "FROM golang:1.21-alpine\nRUN apk add --no-cache gcc musl-dev")
    result = refactor(text)
    assert result.changed, result.reason
    assert "ldd" not in result.text, result.text
    said = [c.message for c in result.changes]
    assert any(s.startswith("assumed: the Go binary, which the file builds with CGO_ENABLED=1, links no C library "
                            "but musl") for s in said), said
