"""Elixir with mix: a program mix starts in prod (``mix phx.server``) runs on the slim variant of its elixir
image with the project folder and mix's homes (~/.mix: Hex, rebar; ~/.hex), without the packages that only
built it (Node.js for the assets, with the NodeSource setup none of whose packages the runtime then installs);
the full image's runtime keeps git for dependencies taken from git, and lists with ldd what compiled dependencies
link. And the files left alone, with the cause: dev environments, commands that are scripts, database tasks,
releases, tasks of the project's own, images the tool does not know.

No Hex registry is reachable here, so these are before/after texts; tests/test_elixir_e2e.py builds a project
without dependencies on Debian's elixir package."""

from __future__ import annotations

import pytest
from conftest import context_of, skip_reason

from transformer import refactor

PHOENIX_SLIM = """\
FROM elixir:1.6-slim
RUN mix local.hex --force && mix local.rebar --force
WORKDIR /app
ENV MIX_ENV prod
RUN apt-get update && apt-get install -y curl gnupg
RUN curl -sL https://deb.nodesource.com/setup_8.x | bash -
RUN apt-get install -y nodejs
RUN npm install -g brunch
COPY . .
RUN cd assets && brunch build --production
RUN mix deps.get
RUN mix compile
RUN mix phx.digest
CMD ["mix", "phx.server"]
"""


def test_phoenix_on_the_slim_image_leaves_node_and_its_repository_in_the_builder() -> None:
    assert refactor(PHOENIX_SLIM).text == """\
FROM elixir:1.6-slim AS builder
RUN mix local.hex --force && mix local.rebar --force
WORKDIR /app
ENV MIX_ENV prod
RUN apt-get update && apt-get install -y curl gnupg
RUN curl -sL https://deb.nodesource.com/setup_8.x | bash -
RUN apt-get install -y nodejs
RUN npm install -g brunch
COPY . .
RUN cd assets && brunch build --production
RUN mix deps.get
RUN mix compile
RUN mix phx.digest \\
    && mkdir -p /root/.mix /root/.hex

FROM elixir:1.6-slim AS runner
WORKDIR /app
ENV MIX_ENV prod
{APT}
COPY --from=builder /root/.mix /root/.mix
COPY --from=builder /root/.hex /root/.hex
COPY --from=builder /app /app
CMD ["mix", "phx.server"]
""".replace("{APT}", "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl gnupg "
                     "&& rm -rf /var/lib/apt/lists/*")


FULL = """\
FROM elixir:1.14
WORKDIR /app
ENV MIX_ENV=prod
RUN mix local.hex --force && mix local.rebar --force
COPY . .
RUN mix do deps.get, compile
CMD ["mix", "run", "--no-halt"]
"""

LOCK = '%{\n  "jason": {:hex, :jason, "1.2.2", "ba43e3f2", [:mix], [], "hexpm", "18d70fa6"},\n}\n'


def _runtime(text: str, files: dict[str, str] | None = None) -> str:
    result = refactor(text, read_context=context_of(files)) if files is not None else refactor(text)
    assert result.changed, result.skipped
    return "FROM " + result.text.rsplit("\nFROM ", 1)[1]


def test_the_full_image_gets_its_slim_variant_with_the_project_and_mix_homes() -> None:
    runtime = _runtime(FULL, {"mix.lock": LOCK, "mix.exs": "defmodule A.MixProject do\nend\n"})
    assert runtime.startswith("FROM elixir:1.14-slim AS runner\n"), runtime
    assert "COPY --from=builder /app /app" in runtime and "COPY --from=builder /root/.mix /root/.mix" in runtime
    assert "git" not in runtime.split("COPY --from=builder /root")[0].replace("/opt/runtime-packages", "")
    # what compiled dependencies link of the full image's libraries: listed by the builder, installed by the runtime
    assert "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages" in runtime


def test_without_mix_lock_the_slim_runtime_keeps_git_for_git_dependencies() -> None:
    runtime = _runtime(FULL)
    assert "apt-get install -y --no-install-recommends git" in runtime, runtime


def test_a_git_dependency_in_mix_lock_keeps_git() -> None:
    lock = '%{\n  "x": {:git, "https://example.org/x.git", "abc123", []},\n}\n'
    assert "--no-install-recommends git" in _runtime(FULL, {"mix.lock": lock})


def test_a_dependency_that_runs_javascript_keeps_node() -> None:
    """With node in the runtime, the slim image's file has nothing left to gain."""
    lock = '%{\n  "execjs": {:hex, :execjs, "2.0.0", "ab", [:mix], [], "hexpm", "cd"},\n}\n'
    result = refactor(PHOENIX_SLIM, read_context=context_of({"mix.lock": lock}))
    assert not result.changed and (result.skipped or "").startswith("nothing to gain"), result.text


def test_mix_do_with_plus_reads_each_task() -> None:
    text = FULL.replace("mix do deps.get, compile", "mix do deps.get + compile + ecto.migrate")
    assert "`mix ecto.migrate` changes the app's database" in skip_reason(text)


@pytest.mark.parametrize(("change", "cause"), [
    (("ENV MIX_ENV=prod", "ENV MIX_ENV=dev"), "the program runs with MIX_ENV=dev (not prod)"),
    (("ENV MIX_ENV=prod\n", ""), "the program runs with MIX_ENV=dev (not prod)"),
    (('CMD ["mix", "run", "--no-halt"]', "CMD ./run.sh"), "does not start the program with mix"),
    (("mix do deps.get, compile", "mix do deps.get, compile, release"), "`mix release` makes an Erlang release"),
    (("mix do deps.get, compile", "mix setup"), "`mix setup` is not a task the tool knows"),
    (("mix do deps.get, compile", "mix ecto.create"), "`mix ecto.create` changes the app's database"),
    (("FROM elixir:1.14", "FROM bitwalker/alpine-elixir:1.14"), "an image whose Erlang and Elixir the tool does not"),
    (("WORKDIR /app", "USER app\nWORKDIR /app"), "runs as app, whose home folder the file does not show"),
])
def test_left_alone_with_the_cause(change: tuple[str, str], cause: str) -> None:
    assert cause in skip_reason(FULL.replace(*change))


def test_tests_stay_in_a_test_step() -> None:
    text = FULL.replace("RUN mix do deps.get, compile", "RUN mix do deps.get, compile\nRUN mix test")
    assert "mix test" not in _runtime(text)


def test_a_nodesource_setup_whose_nodejs_the_runtime_keeps_is_repeated() -> None:
    """A pinned nodejs (``nodejs=6*``) is still NodeSource's package: the runtime repeats the setup before it."""
    text = """\
FROM python:3.11
RUN curl -sL https://deb.nodesource.com/setup_18.x | bash -
RUN apt-get update && apt-get install -y nodejs=18* gcc
COPY requirements.txt .
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
"""
    runtime = _runtime(text)
    assert "deb.nodesource.com/setup_18.x" in runtime and "nodejs=18*" in runtime, runtime


PHOENIX_LOCK = '%{\n  "phoenix": {:hex, :phoenix, "1.7.10", "02189140", [:mix], [], "hexpm", "cf784932"},\n}\n'


@pytest.mark.parametrize(("lock", "cause"), [
    (PHOENIX_LOCK, "mix.lock names phoenix"),
    (None, "mix.lock, which would tell, is not in the build context"),
])
def test_a_dev_environment_with_phoenix_or_without_its_lock_is_left_alone(lock: str | None, cause: str) -> None:
    text = FULL.replace("ENV MIX_ENV=prod\n", "")
    result = refactor(text, read_context=context_of({"mix.lock": lock} if lock else {}))
    assert not result.changed and "the program runs with MIX_ENV=dev (not prod)" in (result.skipped or "")
    assert cause in (result.skipped or "")


def test_a_dev_environment_without_phoenix_gets_the_slim_image() -> None:
    """rp30review senpainikolay/Message-Broker (MISLEADING: "Phoenix starts the watchers of config/dev.exs", with tds
    its only dependency): mix recompiles in dev with Elixir's own compiler, which the slim image has."""
    result = refactor(FULL.replace("ENV MIX_ENV=prod\n", ""), read_context=context_of({"mix.lock": LOCK}))
    assert result.changed, result.skipped
    assert "FROM elixir:1.14-slim AS runner\n" in result.text
    assert any("mix.lock names no Phoenix" in c.message for c in result.changes)


DEPS = "defmodule A.MixProject do\n  defp deps do\n    [\n{deps}\n    ]\n  end\nend\n"


@pytest.mark.parametrize(("deps", "git"), [
    # mix new's own comments name a git dependency: rp30review polnio/proxy-tcp-udp got git for them
    ('      # {:dep_from_git, git: "https://github.com/elixir-lang/my_dep.git", tag: "0.1.0"}', False),
    ('      {:jason, "~> 1.4"}', False),
    ('      {:plug, github: "elixir-plug/plug"}', True),
    ('      {:my_dep, git: "https://example.com/my_dep.git", tag: "0.1.0"}', True),
])
def test_without_mix_lock_git_follows_what_mix_exs_names(deps: str, git: bool) -> None:
    runtime = _runtime(FULL, {"mix.exs": DEPS.format(deps=deps)})
    assert ("--no-install-recommends git" in runtime) is git, runtime
