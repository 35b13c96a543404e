"""Without Gemfile.lock in the build context, the runtime of a bundle on ruby:X-slim installed the libraries of
pg, mysql2 and sqlite3 in case the bundle had them. Now the ruby pass reads the Gemfile's gem lines (groups, git
sources, platform blocks) and installs only the libraries of the native gems it names; a Gemfile it cannot read
(gemspec, path gems, conditions, Ruby it does not know) keeps the in-case libraries. Gemfile.lock stays the first
source when it is there. Before/after texts on a Gemfile written for these tests."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.passes.ruby import gemfile_gems

DOCKERFILE = ("FROM ruby:3.2\nWORKDIR /app\nCOPY Gemfile ./\nRUN bundle install\nCOPY . .\n"
              "CMD [\"bundle\", \"exec\", \"puma\"]\n")

# a Rails-style Gemfile: pg in production, sqlite3 in development, mysql2 only in a comment
RAILS_GEMFILE = """\
# frozen_string_literal: true
source "https://rubygems.org"
git_source(:github) do |repo_name|
  repo_name = "#{repo_name}/#{repo_name}" unless repo_name.include?("/")
  "https://github.com/#{repo_name}.git"
end

ruby '3.2.2'

gem 'rails', '~> 7.0.4'
gem "pg", ">= 0.18", "< 2.0" # the database in production
gem 'puma',
    '~> 5.0'
gem 'tzinfo-data', platforms: %i[mingw mswin x64_mingw jruby]
gem 'devise', git: 'https://github.com/heartcombo/devise.git', branch: 'main'
gem 'bootsnap', require: false

group :development, :test do
  # gem 'mysql2'
  gem 'sqlite3', '~> 1.4'
  gem 'debug', platforms: [:mri, :mingw, :x64_mingw]
end

platforms :jruby do
  gem 'activerecord-jdbcmysql-adapter'
end
"""

IN_CASE = "RUN apt-get update && apt-get install -y --no-install-recommends libmariadb3 libpq5 libsqlite3-0 && "


def _runner(context: dict[str, str]) -> tuple[str, list[str]]:
    result = refactor(DOCKERFILE, read_context=context.get)
    assert result.changed, result.skipped
    return result.text.split(" AS runner\n", 1)[1], [c.message for c in result.changes]


def test_before_without_a_gemfile_the_common_native_gems_libraries_are_installed_in_case() -> None:
    runner, notes = _runner({})
    assert IN_CASE in runner
    assert any("in case the bundle has them" in n for n in notes)


def test_after_the_gemfile_names_the_native_gems_whose_libraries_the_runtime_installs() -> None:
    runner, notes = _runner({"Gemfile": RAILS_GEMFILE})
    assert ("RUN apt-get update && apt-get install -y --no-install-recommends libpq5 libsqlite3-0 && "
            "rm -rf /var/lib/apt/lists/*\n") in runner
    assert "libmariadb" not in runner  # mysql2: a comment, and a JRuby-only adapter
    assert not any("in case" in n for n in notes)
    assert ("Gemfile.lock is not in the build context: the runtime installs the libraries of the gems with native "
            "extensions the Gemfile names (pg, sqlite3; the gems they depend on are not read)") in notes


def test_a_gemfile_without_native_gems_adds_no_library() -> None:
    runner, notes = _runner({"Gemfile": "source 'https://rubygems.org'\n\ngem 'sinatra'\ngem \"puma\"\n"})
    assert "apt-get" not in runner
    assert any("the Gemfile names no gem with a native extension" in n for n in notes)


def test_the_lock_file_comes_first() -> None:
    lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    mysql2 (0.5.5)\n    rails (7.0.4)\n"
    runner, _ = _runner({"Gemfile": RAILS_GEMFILE, "Gemfile.lock": lock})
    assert "libmariadb3" in runner and "libpq5" not in runner and "libsqlite3" not in runner


def test_a_gem_named_for_its_database_brings_that_database_s_library() -> None:
    """activerecord-postgis-adapter is built on pg, which the Gemfile need not name (the lock file would)."""
    runner, _ = _runner({"Gemfile": "source 'https://rubygems.org'\ngem 'rails'\ngem 'activerecord-postgis-adapter'\n"})
    assert "libpq5" in runner and "libmariadb" not in runner and "libsqlite3" not in runner


@pytest.mark.parametrize("gemfile", [
    "source 'https://rubygems.org'\ngemspec\n",
    "gem 'rails'\ngem 'engine', path: 'engines/engine'\n",
    "gem 'rails'\ngem 'engine', :path => '../engine'\n",
    "path 'engines' do\n  gem 'billing'\nend\n",
    "gem 'rails'\neval_gemfile 'Gemfile.local'\n",
    "gem 'rails'\nif ENV['DB'] == 'mysql'\n  gem 'mysql2'\nelse\n  gem 'pg'\nend\n",
    "gem 'rails'\ngem database_gem\n",
    "group :test do\n  gem 'rspec'\n",  # an unclosed block
])
def test_a_gemfile_the_reader_cannot_read_keeps_the_libraries_in_case(gemfile: str) -> None:
    assert gemfile_gems(gemfile) is None
    runner, notes = _runner({"Gemfile": gemfile})
    assert IN_CASE in runner
    assert any("in case the bundle has them" in n for n in notes)


def test_the_reader_reads_groups_platforms_git_gems_and_continued_lines() -> None:
    assert gemfile_gems(RAILS_GEMFILE) == ["rails", "pg", "puma", "devise", "bootsnap", "sqlite3", "debug"]
    assert gemfile_gems("gem('pg')\ngem \"a\", :platforms => [:jruby]\ngem 'b', platform: :mswin\n"
                        "github 'rails/rails' do\n  gem 'activesupport'\nend\n") == ["pg", "activesupport"]


def test_without_a_bundle_the_reason_names_the_gems_gem_install_names() -> None:
    """``gem install fluentd`` with no Gemfile anywhere (jpetazzo/container.training's efk/fluentd): the in-case
    libraries stay, and the reason names the gems the file installs, not a Gemfile.lock it never had."""
    result = refactor("FROM ruby\nRUN gem install fluentd\nRUN gem install --no-document fluent-plugin-elasticsearch\n"
                      "COPY fluentd.conf /fluentd.conf\nCMD [\"fluentd\", \"-c\", \"/fluentd.conf\"]\n")
    assert result.changed, result.skipped
    assert IN_CASE in result.text.split(" AS runner\n", 1)[1]
    notes = [c.message for c in result.changes]
    assert not any("Gemfile.lock" in n for n in notes), notes
    assert ("the file installs no bundle, only the gems `gem install` names (fluent-plugin-elasticsearch, fluentd), "
            "whose dependencies are not known without the gem registry: the runtime installs the libraries of the "
            "common gems with native extensions (pg, mysql2, sqlite3) in case they are among them") in notes


def test_without_a_bundle_gem_install_bundler_alone_brings_no_library() -> None:
    """rp30review chinny555/rails-sample (`gem install bundler`, no `bundle install`): Gemfile.lock's sqlite3 got
    libsqlite3-0, though nothing installed it; bundler depends on no other gem."""
    files = {"Gemfile": "gem 'sqlite3'\n", "Gemfile.lock": "GEM\n  specs:\n    sqlite3 (1.6.6)\n"}
    result = refactor("FROM ruby:3.2\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN gem install bundler\nCOPY . .\n"
                      "CMD [\"ruby\", \"app.rb\"]\n", read_context=files.get)
    assert result.changed, result.skipped
    runtime = result.text.split(" AS runner\n", 1)[1]
    assert "libsqlite3" not in runtime and IN_CASE not in runtime, runtime
