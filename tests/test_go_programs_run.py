"""A Go program that runs another program through os/exec (scaleway-cli's `scw exec` runs ssh; read22 16cafcf5)
needs it in the runtime: the tool reads the Go sources of the build context for the programs they name in
exec.Command, exec.CommandContext and exec.LookPath, and installs those a slim image lacks (openssh-client), on a
Debian slim runtime instead of distroless."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor
from transformer.gosource import programs_executed

FILE = 'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /go/bin/scw ./cmd/scw\nENTRYPOINT ["scw"]\n'
MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("scw") }\n'
SSH = ('package utils\n\nimport (\n\t"os/exec"\n)\n\n'
       'func SSH(a []string) error { return exec.Command("ssh", a...).Run() }\n')


def _refactor(files: dict[str, str]) -> tuple[str, str]:
    result = refactor(FILE, read_context=context_of({"cmd/scw/main.go": MAIN, "go.mod": "module m\n", **files}))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    return builder, runtime


def test_a_program_the_go_code_runs_is_installed() -> None:
    builder, runtime = _refactor({"pkg/utils/utils.go": SSH})
    assert builder.rstrip().endswith("FROM debian:bookworm-slim"), builder
    assert "openssh-client" in runtime, runtime


@pytest.mark.parametrize("path", ["pkg/utils/utils_test.go", "vendor/x/utils.go"])
def test_tests_and_vendored_packages_do_not_count(path: str) -> None:
    builder, runtime = _refactor({path: SSH})
    assert "distroless/static" in builder and "openssh-client" not in runtime


@pytest.mark.parametrize(("source", "programs"), [
    ('import "os/exec"\nexec.CommandContext(ctx, "git", "pull")', ("git",)),
    ('import "os/exec"\np, err := exec.LookPath(`ssh-keygen`)', ("ssh-keygen",)),
    ('import "os/exec"\nexec.Command("/usr/bin/ssh", "-T")', ("ssh",)),
    ('import "os/exec"\nexec.Command(name, args...)', ()),  # a variable names it
    ('exec.Command("ssh")', ()),  # no os/exec: another package's exec
])
def test_the_programs_a_file_runs(source: str, programs: tuple[str, ...]) -> None:
    assert programs_executed(source) == programs
