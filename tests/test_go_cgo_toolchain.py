"""A Go build after the stage installed a C toolchain keeps cgo when its sources cannot be read.

Without the Go sources (no build context, or a folder next to the Dockerfile that holds none of the package's
.go files) the tool cannot see whether the code imports "C". A stage that installs build-essential, gcc or
pkg-config before `go build` (letsconsul's 27861eae: `apt-get install pkg-config build-essential` on
golang:1.6.2-wheezy) compiles C for it: with CGO_ENABLED=0 a package that imports "C" does not build ("build
constraints exclude all Go files", seen in a real build of that file) and go-sqlite3 builds a stub that fails at
run time. cgo stays on, and the runtime has the C library.
"""

from __future__ import annotations

from conftest import context_of, stages

from transformer import refactor

GO_WITH_TOOLCHAIN = """\
FROM golang:1.19
RUN apt-get update && apt-get install -y pkg-config build-essential
WORKDIR /app
COPY . /app/
RUN go build -o letsconsul
CMD ["./letsconsul"]
"""
PLAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'


def test_a_go_build_after_a_c_toolchain_without_its_sources_keeps_cgo() -> None:
    builder, runtime = stages(GO_WITH_TOOLCHAIN)
    assert "CGO_ENABLED" not in builder, builder
    assert "distroless/static" not in runtime and "scratch" not in runtime, runtime


def test_an_alpine_gcc_and_musl_dev_keep_cgo() -> None:
    text = GO_WITH_TOOLCHAIN.replace("golang:1.19", "golang:1.19-alpine").replace(
        "apt-get update && apt-get install -y pkg-config build-essential", "apk add --no-cache gcc musl-dev")
    builder, runtime = stages(text)
    assert "CGO_ENABLED" not in builder, builder
    assert "distroless/static" not in runtime and "scratch" not in runtime, runtime


def test_a_context_without_the_package_s_go_files_is_no_proof_of_pure_go() -> None:
    result = refactor(GO_WITH_TOOLCHAIN, read_context=context_of({"README.md": "letsconsul\n"}))
    assert result.changed, result.skipped
    assert "CGO_ENABLED" not in result.text, result.text


def test_readable_pure_go_sources_still_give_a_static_binary() -> None:
    result = refactor(GO_WITH_TOOLCHAIN, read_context=context_of({"main.go": PLAIN, "go.mod": "module m\n"}))
    assert "ENV CGO_ENABLED=0" in result.text, result.text
    assert "distroless/static" in result.text, result.text


def test_without_a_toolchain_the_build_is_still_static() -> None:
    builder, _ = stages(GO_WITH_TOOLCHAIN.replace("pkg-config build-essential", "protobuf-compiler"))
    assert "ENV CGO_ENABLED=0" in builder, builder
    assert builder.rstrip().endswith("FROM gcr.io/distroless/static-debian12"), builder


def test_without_a_toolchain_a_runtime_with_the_c_library_keeps_cgo() -> None:
    # libcap2-bin stays for run time: the runtime is Debian's slim image, whose C library serves a cgo binary
    builder, _ = stages(GO_WITH_TOOLCHAIN.replace("pkg-config build-essential", "libcap2-bin"))
    assert "CGO_ENABLED" not in builder and builder.rstrip().endswith("FROM debian:bookworm-slim"), builder
