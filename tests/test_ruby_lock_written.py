"""``COPY Gemfile /app/`` without its lock (left out of the repository), then ``bundle install --without test``:
Bundler writes Gemfile.lock beside the Gemfile, and at run time resolves the gems from it. The runtime copied the
gems and bundler's settings but not the lock (dev 2792ad66, nepenthes: a reviewer's repro with Bundler 2.3 fails
with ``Could not find gem 'mysql2'``, the group left out; as another user, Bundler cannot write it either). The
lock comes along now; a later copy of the context brings the context's own lock over it, as in the original."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM ruby:3.1
WORKDIR /app
{copies}RUN bundle install --without test
COPY . .
CMD ["bundle", "exec", "ruby", "app.rb"]
"""
LOCK = "COPY --from=builder /app/Gemfile.lock /app/Gemfile.lock\n"


@pytest.mark.parametrize("copies", ["COPY Gemfile ./\n", "COPY Gemfile /app/\n", "COPY Gemfile app.gemspec ./\n"])
def test_the_lock_bundle_install_writes_is_copied_before_the_context(copies: str) -> None:
    runner = runner_stage(FILE.format(copies=copies))
    assert LOCK in runner and runner.index(LOCK) < runner.index("COPY . ."), runner


@pytest.mark.parametrize("copies", ["COPY Gemfile Gemfile.lock ./\n", "COPY Gemfile* ./\n", "COPY . .\n",
                                    "COPY Gemfile ./\nCOPY Gemfile.lock /app/Gemfile.lock\n"])
def test_a_lock_the_file_copies_is_not_copied_from_the_builder(copies: str) -> None:
    assert "/app/Gemfile.lock" not in runner_stage(FILE.format(copies=copies))


def test_a_frozen_install_writes_no_lock() -> None:
    text = FILE.format(copies="COPY Gemfile ./\n").replace("--without test", "--frozen")
    assert "/app/Gemfile.lock" not in runner_stage(text)


@pytest.mark.parametrize(("files", "copied"), [
    # rp30review sivolko/blog-cms-platform: `COPY Gemfile* .` with a Gemfile alone in the context
    ({"Gemfile": "source 'https://rubygems.org'\n", "app.rb": ""}, True),
    ({"Gemfile": "source 'https://rubygems.org'\n", "Gemfile.lock": "GEM\n", "app.rb": ""}, False),
])
def test_a_pattern_that_brings_no_lock_in_the_context_has_the_written_one_copied(files: dict[str, str],
                                                                              copied: bool) -> None:
    runner = runner_stage(FILE.format(copies="COPY Gemfile* ./\n"), files)
    assert (LOCK in runner) is copied, runner
