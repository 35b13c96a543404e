"""Go packages that use cgo keep it (and the C library at run time); the others get CGO_ENABLED=0."""

from __future__ import annotations

import time

from conftest import context_of

from transformer import refactor

DOCKERFILE = ("FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app {pkg}\n"
              "CMD [\"/out/app\"]\n")
PLAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'
CGO = 'package main\n\n// int one() { return 1; }\nimport "C"\n\nfunc main() { println(C.one()) }\n'
GROUPED = 'package main\n\nimport (\n\t"fmt"\n\t"C"\n)\n\nfunc main() { fmt.Println(C.one()) }\n'
LINKS = 'package main\n\n// #cgo LDFLAGS: -lsqlite3\n// #include <sqlite3.h>\nimport "C"\n\nfunc main() {}\n'


context = context_of


def test_no_cgo_gives_a_static_binary() -> None:
    result = refactor(DOCKERFILE.format(pkg="."), read_context=context({"main.go": PLAIN}))
    assert "ENV CGO_ENABLED=0" in result.text
    assert "FROM gcr.io/distroless/static" in result.text


def test_import_c_keeps_cgo_and_the_c_library() -> None:
    for source, pkg, path in ((CGO, "./cmd/app", "cmd/app/main.go"), (GROUPED, "./...", "internal/x/x.go")):
        result = refactor(DOCKERFILE.format(pkg=pkg), read_context=context({path: source, "go.mod": "module m\n"}))
        assert result.changed, result.skipped
        assert "CGO_ENABLED" not in result.text
        assert any('imports "C"' in c.message for c in result.changes)
        runner = result.text.split("AS runner")[0].rsplit("FROM", 1)[1]
        assert "static" not in runner and "scratch" not in runner


def test_cgo_linking_libraries_is_left_alone() -> None:
    result = refactor(DOCKERFILE.format(pkg="."), read_context=context({"main.go": LINKS}))
    assert not result.changed
    assert "`go build" in (result.skipped or "")


def test_tests_and_vendor_do_not_count() -> None:
    files = {"main.go": PLAIN, "main_test.go": CGO, "vendor/x/x.go": CGO}
    result = refactor(DOCKERFILE.format(pkg="./..."), read_context=context(files))
    assert "ENV CGO_ENABLED=0" in result.text


def test_every_option_that_takes_a_value_is_not_a_package() -> None:
    # `-p 4`, `-buildmode exe`, `-modfile go.mod`: the value of an option is not a package whose sources are read;
    # the package "4" has none, which made cgo unknown, and the build got CGO_ENABLED=0 though its package imports C
    for options in ("-p 4", "-buildmode exe", "-modfile go.mod"):
        result = refactor(DOCKERFILE.format(pkg=f"{options} ./cmd/app"),
                          read_context=context({"cmd/app/main.go": CGO, "go.mod": "module m\n"}))
        assert result.changed, result.skipped
        assert "CGO_ENABLED" not in result.text, (options, result.text)


def test_a_long_import_block_is_read_in_linear_time() -> None:
    # read22: the regex for `import "C"` tried 2^n ways through a block of n imports without "C" (justitia's
    # node.go, 35 imports: the tool ran for minutes); 200 imports now take well under a second
    block = "package main\n\nimport (\n" + "".join(f'\t"example.com/p{i}"\n' for i in range(200)) + ")\n"
    start = time.perf_counter()
    result = refactor(DOCKERFILE.format(pkg="."), read_context=context({"main.go": block + "func main() {}\n"}))
    assert time.perf_counter() - start < 5
    assert "ENV CGO_ENABLED=0" in result.text
    grouped = block.replace('\t"example.com/p100"\n', '\t"C"\n')
    result = refactor(DOCKERFILE.format(pkg="."), read_context=context({"main.go": grouped + "func main() {}\n"}))
    assert "CGO_ENABLED" not in result.text
