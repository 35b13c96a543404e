"""An exec-form CMD or ENTRYPOINT that runs a command of the system (coreutils' ``tail``, ``sleep``, ``env``) needs
a runtime that has it: a Debian-like slim image, not distroless or scratch, which hold no coreutils. A Go build
on golang:1.19 whose ``CMD ["tail", "-f", "/dev/null"]`` keeps the container up (seen on
fabiocaettano/devops-005-kind) got gcr.io/distroless/static-debian12, where the container does not start
("exec: tail: not found"); a C program of gcc:12 got scratch the same way. (A command that only keeps the
container up, as that one, now leaves the file alone: test_idle_cmd.py.)"""

from __future__ import annotations

import pytest
from conftest import context_of, runner_stage

from transformer import refactor

GO = """FROM golang:1.19
WORKDIR /app
COPY . .
RUN go build -o server .
CMD {cmd}
"""

C = """FROM gcc:12
WORKDIR /app
COPY main.c .
RUN gcc -o app main.c
CMD {cmd}
"""


@pytest.mark.parametrize("cmd", ['["tail", "-f", "/var/log/server.log"]', '["sleep", "3600"]',
                                 '["/usr/bin/env", "PORT=8080", "./server"]', '["/bin/cat", "/etc/hostname"]',
                                 '["test", "-f", "/tmp/ok"]'])
def test_a_go_program_whose_cmd_runs_a_system_command_gets_debian_slim(cmd: str) -> None:
    runner = runner_stage(GO.format(cmd=cmd))
    assert runner.startswith("FROM debian:bookworm-slim AS runner\n"), runner


@pytest.mark.parametrize("cmd", ['["./server"]', '["/app/server", "--port", "8080"]'])
def test_a_go_program_run_by_itself_stays_on_distroless(cmd: str) -> None:
    runner = runner_stage(GO.format(cmd=cmd))
    assert runner.startswith("FROM gcr.io/distroless/static-debian12 AS runner\n"), runner


def _c_runner(cmd: str) -> str:
    result = refactor(C.format(cmd=cmd), read_context=context_of({"main.c": "int main(void) { return 0; }\n"}))
    assert result.changed, result.skipped
    return result.text.partition("\n\nFROM ")[2]


def test_a_c_program_whose_cmd_runs_tail_is_not_linked_onto_scratch() -> None:
    runner = _c_runner('["tail", "-f", "/var/log/app.log"]')
    assert runner.startswith("debian:bookworm-slim AS runner\n"), runner


def test_a_c_program_run_by_itself_still_goes_to_scratch() -> None:
    assert _c_runner('["./app"]').startswith("scratch AS runner\n")


def test_an_exec_form_healthcheck_of_coreutils_needs_them_too() -> None:
    text = GO.format(cmd='["./server"]').replace("CMD", 'HEALTHCHECK CMD ["test", "-f", "/tmp/ready"]\nCMD')
    runner = runner_stage(text)
    assert runner.startswith("FROM debian:bookworm-slim AS runner\n"), runner
