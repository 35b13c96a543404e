"""A CMD whose mix tasks fetch or compile when the container starts (`mix do deps.get, compile, run --no-halt`) is a
skip naming those tasks; the reason used to say the command "does not start the program with mix", which it does.
Found on alejandrodnm/nine_digits_server (`CMD mix do clean --only prod, deps.get --only prod, compile, run
--no-halt` on elixir:1.6.4)."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

_FILE = ("FROM elixir:1.15\nENV MIX_ENV prod\nWORKDIR /app\nRUN mix local.hex --force && mix local.rebar --force\n"
         "COPY . .\nRUN mix deps.get --only prod && mix compile\n{cmd}\n")


@pytest.mark.parametrize(("cmd", "tasks"), [
    ("CMD mix do clean --only prod, deps.get --only prod, compile, run --no-halt", "(`deps.get`, `compile`)"),
    ('CMD ["elixir", "--sname", "x", "-S", "mix", "do", "compile,", "phx.server"]', "(`compile`)"),
])
def test_mix_tasks_that_build_at_start_are_named(cmd: str, tasks: str) -> None:
    reason = skip_reason(_FILE.format(cmd=cmd))
    assert reason.startswith(f"the image's command runs mix tasks that fetch or compile {tasks} when the container "
                             "starts"), reason


def test_a_server_task_alone_still_changes() -> None:
    assert runner_stage(_FILE.format(cmd='CMD ["mix", "run", "--no-halt"]')).startswith("FROM elixir:1.15-slim")
