"""Build flags that need cgo (-race, -msan, -asan, the external linker) keep it on, whatever the Go code imports."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor

PLAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'


def _runner(result_text: str) -> str:
    return result_text.split(" AS runner", 1)[0].rsplit("FROM", 1)[1]


@pytest.mark.parametrize("build", [
    "go build -race -o /out/app .",
    "go install -race .",
    "go build -msan -o /out/app .",
    "GOFLAGS=-race go build -o /out/app .",
    "go build -ldflags '-linkmode external' -o /out/app .",
    "go build -ldflags=-linkmode=external -o /out/app .",
])
def test_a_flag_that_needs_cgo_keeps_it(build: str) -> None:
    text = f'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN {build}\nCMD ["/out/app"]\n'
    result = refactor(text, read_context=context_of({"main.go": PLAIN, "go.mod": "module m\n"}))
    assert result.changed, result.skipped
    assert "CGO_ENABLED=0" not in result.text
    assert "static" not in _runner(result.text) and "scratch" not in _runner(result.text)
    assert any("needs cgo" in c.message for c in result.changes)


def test_a_plain_build_still_turns_cgo_off() -> None:
    text = 'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n'
    result = refactor(text, read_context=context_of({"main.go": PLAIN, "go.mod": "module m\n"}))
    assert "ENV CGO_ENABLED=0" in result.text
