"""Old Go's `go test -i` installs the packages a test depends on (`-a`: the standard library again, as CGO_ENABLED
says) for the builds after it; dev file 3c97685b runs `go test -a -i -v` with CGO_ENABLED=0 before its `make`. The
tool read it as a test and moved it to a test stage after the build, so the build ran without it; it now stays a
build step in its place. A plain `go test` is still a test."""

from __future__ import annotations

from transformer import refactor

TEXT = ("FROM golang:1.19\nENV CGO_ENABLED 0\nWORKDIR /src\nCOPY . .\nRUN {test}\n"
        "RUN go build -o /out/app .\nCMD [\"/out/app\"]\n")


def test_go_test_i_stays_before_the_build() -> None:
    result = refactor(TEXT.format(test="go test -a -i -v"))
    assert result.changed, result.skipped
    builder = result.text.partition(" AS runner")[0]
    assert "AS test" not in builder
    assert builder.index("go test -a -i -v") < builder.index("go build")


def test_go_test_is_a_test() -> None:
    result = refactor(TEXT.format(test="go test -v ./..."))
    assert result.changed, result.skipped
    assert "AS test" in result.text
