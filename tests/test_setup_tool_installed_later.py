"""A setup the runtime repeats that runs a tool only a later RUN installs (``curl ... | apt-key add -`` at line 3,
curl's install at line 22; dev file 68347cec, ruby:2.3.5-jessie): the original's full image had the tool, the slim
runtime has it from its own install, which comes first. A later RUN's install, which the runtime repeats in its
place, comes after the setup and does not count (the runtime build failed: ``curl: not found``)."""

from __future__ import annotations

import re

from conftest import runner_stage

from transformer import refactor

KEY = "RUN curl -fsSL https://dl.yarnpkg.com/debian/pubkey.gpg | apt-key add -\n"
APP = """WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""
# dev file 68347cec's shape: a later RUN installs curl for a download, then purges it
PURGED = ("FROM python:3.11\n" + KEY
          + "RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n"
            "    && curl -L https://example.com/tool.tar.bz2 | tar -xj -C /tmp \\\n"
            "    && mv /tmp/tool /usr/local/bin/tool \\\n"
            "    && apt-get purge --auto-remove -y curl && rm -rf /var/lib/apt/lists/*\n" + APP)
# a later RUN installs curl and keeps it
KEPT = "FROM python:3.11\n" + KEY + "RUN apt-get update && apt-get install -y curl libpq5\n" + APP


def _installs_before_key(runner: str) -> str:
    before = runner.split("RUN curl -fsSL https://dl.yarnpkg.com")[0]
    return " ".join(re.findall(r"apt-get install [^\n]*", before))


def test_a_tool_a_later_run_installs_and_purges_is_installed_before_the_setup() -> None:
    runner = runner_stage(PURGED)
    assert "python:3.11-slim" in runner, runner
    assert re.search(r"\bcurl\b", _installs_before_key(runner)), runner


def test_a_tool_a_later_run_installs_and_keeps_is_installed_before_the_setup_too() -> None:
    runner = runner_stage(KEPT)
    assert re.search(r"\bcurl\b", _installs_before_key(runner)), runner
    assert "libpq5" in runner.split("apt-key add")[1], runner  # the later install stays in its place


def test_a_tool_an_earlier_run_installs_is_not_installed_twice() -> None:
    text = KEPT.replace(KEY, "").replace("libpq5\n", "libpq5\n" + KEY)
    runner = runner_stage(text)
    installs = re.findall(r"apt-get install [^\n]*\bcurl\b", runner)
    assert len(installs) == 1 and runner.index(installs[0]) < runner.index("apt-key add"), runner


def test_the_explanation_says_why_the_tool_comes_first() -> None:
    said = [c.message for c in refactor(KEPT).changes]
    assert "the runtime installs curl first: the RUN at line 2 it repeats runs `curl`, and only a later RUN installs " \
           "curl" in said, said
