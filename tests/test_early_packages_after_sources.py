"""The packages a slim runtime installs first, for the setup it repeats (curl for NodeSource's ``curl ... | bash -``),
come after the RUNs that write the package manager's sources: the original's installs all read those sources (a
mirror in place of a release's archive that is gone), so an install before them fails where the original built
(songjian/kindergarten: ruby:2.4 with a stretch mirror written into /etc/apt/sources.list)."""

from __future__ import annotations

from conftest import runner_stage

FILE = """FROM ruby:3.1
RUN echo "deb http://mirror.example/debian bookworm main" > /etc/apt/sources.list
RUN curl -sL https://deb.nodesource.com/setup_18.x | bash - && apt-get install -y nodejs
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
CMD ["rails", "server"]
"""


def test_the_runtime_installs_its_first_packages_after_the_sources_are_written() -> None:
    runtime = runner_stage(FILE)
    assert "install -y --no-install-recommends curl" in runtime, runtime
    assert runtime.index("/etc/apt/sources.list") < runtime.index("--no-install-recommends curl"), runtime
    assert runtime.index("--no-install-recommends curl") < runtime.index("setup_18.x"), runtime


def test_without_a_sources_setup_they_still_come_first() -> None:
    runtime = runner_stage(FILE.replace('RUN echo "deb http://mirror.example/debian bookworm main" > '
                                        "/etc/apt/sources.list\n", ""))
    lines = [line for line in runtime.splitlines()[1:] if line.strip()]
    assert "--no-install-recommends curl" in lines[0], runtime


def test_a_key_downloaded_into_the_sources_still_waits_for_the_tools() -> None:
    # `curl -o /etc/apt/...` writes into the sources too, but needs curl: the install comes before it
    text = FILE.replace('RUN echo "deb http://mirror.example/debian bookworm main" > /etc/apt/sources.list\n',
                        "RUN curl -fsSL -o /etc/apt/trusted.gpg.d/m.asc https://mirror.example/key.asc\n")
    runtime = runner_stage(text)
    lines = [line for line in runtime.splitlines()[1:] if line.strip()]
    assert "--no-install-recommends" in lines[0] and "curl" in lines[0], runtime
