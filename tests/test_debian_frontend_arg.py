"""An ARG the programs of a RUN read from their environment without the RUN naming it (DEBIAN_FRONTEND, which
apt's debconf reads) goes with the runtime's RUNs: the runtime left ``ARG DEBIAN_FRONTEND=noninteractive`` in the
builder as unused, and its apt install ran without it (vimagick/dockerfiles dvr-scan, ubuntu:20.04; where the
install holds tzdata, its question waits for an answer and the build hangs)."""

from __future__ import annotations

from conftest import runner_stage

import transformer
from transformer.parser import parse
from transformer.safety import check


def _file(arg: str, packages: str = "python3 python3-pip tzdata") -> str:
    return (f"FROM ubuntu:20.04\n{arg}\nRUN apt-get update && apt-get install -y {packages} && pip3 install flask\n"
            'CMD ["flask"]\n')


def test_the_runtime_installs_with_the_frontend_the_original_sets() -> None:
    runtime = runner_stage(_file("ARG DEBIAN_FRONTEND=noninteractive"))
    assert runtime.index("ARG DEBIAN_FRONTEND=noninteractive") < runtime.index("RUN apt-get")


def test_the_debconf_arguments_go_with_it() -> None:
    runtime = runner_stage(_file("ARG DEBCONF_NONINTERACTIVE_SEEN=true DEBIAN_FRONTEND=noninteractive"))
    assert "ARG DEBCONF_NONINTERACTIVE_SEEN=true DEBIAN_FRONTEND=noninteractive" in runtime


def test_an_unused_argument_still_stays_in_the_builder() -> None:
    runtime = runner_stage(_file("ARG DEBIAN_FRONTEND=noninteractive\nARG UNUSED=1"))
    assert "UNUSED" not in runtime


def test_a_runtime_without_a_run_leaves_it_in_the_builder() -> None:
    result = transformer.refactor("FROM golang:1.19\nARG DEBIAN_FRONTEND=noninteractive\nWORKDIR /src\nCOPY . .\n"
                                  'RUN CGO_ENABLED=0 go build -o /app .\nCMD ["/app"]\n')
    assert result.changed and "DEBIAN_FRONTEND" not in result.text.split(" AS ")[-1]


def test_the_safety_check_takes_it_as_used_by_a_run() -> None:
    before = parse(_file("ARG DEBIAN_FRONTEND=noninteractive"))
    after = parse("FROM ubuntu:20.04 AS builder\nRUN true\nFROM ubuntu:20.04 AS runner\n"
                  "ARG DEBIAN_FRONTEND=noninteractive\nRUN apt-get update\nCMD [\"flask\"]\n")
    assert not any("DEBIAN_FRONTEND" in p for p in check(before, after))
