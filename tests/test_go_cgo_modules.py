"""A Go build whose go.mod requires a module that works only with cgo keeps cgo on, though no file of the main
package imports "C" and no -dev package is installed: go-sqlite3 bundles SQLite's C sources, so Dockerfiles on
golang:1.x (which has gcc) install nothing for it. With the CGO_ENABLED=0 the tool used to set, go-sqlite3
builds a stub whose every call fails at run time ("Binary was compiled with 'CGO_ENABLED=0', go-sqlite3
requires cgo to work"), and confluent-kafka-go leaves no Go file to build. Seen on
GoGerman/weatherTelegramBot (main.go imports github.com/mattn/go-sqlite3)."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor

DOCKERFILE = """FROM golang:1.19
WORKDIR /app
COPY . .
RUN go build -o server .
CMD ["./server"]
"""

MAIN = 'package main\n\nimport (\n\t"database/sql"\n\n\t_ "github.com/mattn/go-sqlite3"\n)\n\nfunc main() {}\n'


PURE = 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc main() { gin.Default() }\n'


def _stages(go_mod: str, main: str = PURE) -> tuple[str, str]:
    result = refactor(DOCKERFILE, read_context=context_of({"go.mod": go_mod, "main.go": main}))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.rpartition("\nFROM ")
    return builder, runtime  # the runtime from its image on


@pytest.mark.parametrize("require", [
    "require github.com/mattn/go-sqlite3 v1.14.16\n",
    "require (\n\tgithub.com/gin-gonic/gin v1.9.1\n\tgithub.com/mattn/go-sqlite3 v1.14.17 // indirect\n)\n",
    "require github.com/confluentinc/confluent-kafka-go/v2 v2.3.0\n",
])
def test_a_module_that_needs_cgo_keeps_cgo_on_and_the_c_library(require: str) -> None:
    builder, runtime = _stages(f"module example.com/app\n\ngo 1.19\n\n{require}")
    assert "CGO_ENABLED=0" not in builder, builder
    assert runtime.startswith("debian:bookworm-slim AS runner\n"), runtime


def test_a_module_of_pure_go_still_builds_without_cgo() -> None:
    builder, runtime = _stages("module example.com/app\n\ngo 1.19\n\nrequire github.com/gin-gonic/gin v1.9.1\n")
    assert "CGO_ENABLED=0" in builder and runtime.startswith("gcr.io/distroless/static-debian12"), runtime


def test_a_gopath_build_whose_main_package_imports_go_sqlite3_keeps_cgo_on() -> None:
    text = """FROM golang:1.15
WORKDIR /go/src/app
COPY . .
RUN go get -d -v ./...
RUN go build -o app .
CMD ["./app"]
"""
    result = refactor(text, read_context=context_of({"main.go": MAIN}))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.rpartition("\nFROM ")
    assert "CGO_ENABLED=0" not in builder and not runtime.startswith("gcr.io/distroless/static"), result.text
