"""A Go build after the stage installed a C library's headers keeps cgo.

Without the build context the tool cannot see whether the Go code imports "C" (and with it, it reads only the
packages built, not their dependencies); it used to set CGO_ENABLED=0 anyway, for a static binary. A stage
that installs libsqlite3-dev, libpcap-dev or libleveldb-dev first builds Go code that links them: with cgo
off, go-sqlite3 builds a stub that fails at run time ("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3
requires cgo to work"), gopacket's pcap does not build. The runtime already kept those libraries
(libsqlite3-0 for libsqlite3-dev): now the binary links them (nsqdelay's 45509543, aurproxy's gor on
libpcap-dev in 0684ba9f).
"""

from __future__ import annotations

from conftest import stages

GO_WITH_HEADERS = """\
FROM golang:1.19
RUN apt-get update && apt-get install -y libsqlite3-dev
COPY . /go/src/example.com/app
WORKDIR /go/src/example.com/app
RUN go build -o /usr/local/bin/app .
CMD ["app"]
"""


def test_a_go_build_after_a_c_library_s_headers_keeps_cgo_and_the_library() -> None:
    builder, runtime = stages(GO_WITH_HEADERS)
    assert "CGO_ENABLED" not in builder, builder
    assert "GOFLAGS=-ldflags=-s" in builder, builder
    assert "libsqlite3" in runtime or "/opt/runtime-packages" in runtime, runtime
    assert "distroless/static" not in runtime and "scratch" not in runtime, runtime


def test_a_go_build_after_only_the_c_library_s_own_headers_is_still_static() -> None:
    builder, _ = stages(GO_WITH_HEADERS.replace("libsqlite3-dev", "libc6-dev"))
    assert "ENV CGO_ENABLED=0" in builder, builder
