"""An image tagged latest and its family's slim variant (elixir:latest and elixir:slim) are one release: the builder
lists with ldd what the compiled dependencies link, as it does for elixir:1.16.1 and elixir:1.16.1-slim. Found on
brandonkandyy/301remover-database-worker (elixir:latest, a NIF dependency): skipped as "the builder cannot list them
for the runtime", a cause that is not there."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer.plan import _same_release

_FILE = ("FROM elixir:{tag}\nWORKDIR /app\nENV MIX_ENV prod\nRUN mix local.hex --force\nCOPY . .\n"
         'RUN mix deps.get --only prod\nRUN mix compile\nCMD ["mix", "run", "--no-halt"]\n')


@pytest.mark.parametrize(("tag", "slim"), [("latest", "slim"), ("1.16.1", "1.16.1-slim")])
def test_the_slim_runtime_of_elixir_gets_the_libraries_the_builder_lists(tag: str, slim: str) -> None:
    runtime = runner_stage(_FILE.format(tag=tag))
    assert runtime.startswith(f"FROM elixir:{slim} AS runner\n")
    assert "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages" in runtime


def test_latest_and_slim_are_one_release_and_other_tags_are_not() -> None:
    assert _same_release("elixir:latest", "elixir:slim")
    assert _same_release("elixir", "elixir:slim")
    assert not _same_release("elixir:latest", "elixir:1.16.1-slim")
    assert not _same_release("elixir:1.15", "elixir:slim")
