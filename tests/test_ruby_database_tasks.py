"""Rails' database tasks at build time (``rake db:create``, ``db:migrate``, ``db:setup``; ``rails db:...``): the
database is the one config/database.yml (or DATABASE_URL) names. A SQLite file in the app's folder that the stage
names before the task (deleted, moved into place, tested with ``[ -f ]``), or config/database.yml read from the build
context, shows where it is: the task stays in the builder and the runtime copies the app's folder whole, with the
database. So it does, with the assumption in a note, where nothing shows the place (Rails' default is
db/ENV.sqlite3, in the app's folder) or the database is a server (the builder changes it as the original build
did). A SQLite file the file shows outside the app's folder, or one computed by ERB, leaves the file alone.

No gem registry is reachable here, so these are before/after texts only: no e2e build."""

from __future__ import annotations

import pytest
from conftest import context_of, skip_reason

from transformer import refactor

RAILS = """\
FROM ruby:3.2
ENV RAILS_ENV=production
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
{setup}
CMD ["bundle", "exec", "puma"]
"""


def test_a_database_file_named_before_the_task_is_copied_with_the_app() -> None:
    """The file moves a kept database into db/ and creates one only when there is none: it lives in /app."""
    text = RAILS.format(setup="RUN if [ -f shared/production.sqlite3 ]; then mv shared/production.sqlite3 "
                              "db/production.sqlite3; fi\n"
                              "RUN if [ ! -f db/production.sqlite3 ]; then rake db:create; fi\nRUN rake db:migrate")
    result = refactor(text)
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner\n")
    assert builder.endswith("RUN if [ ! -f db/production.sqlite3 ]; then rake db:create; fi\nRUN rake db:migrate\n\n"
                            "FROM ruby:3.2-slim")
    assert runtime.endswith("WORKDIR /app\nCOPY --from=builder /usr/local/bundle /usr/local/bundle\n"
                            "COPY --from=builder /app /app\nCMD [\"bundle\", \"exec\", \"puma\"]\n")
    assert "rake" not in runtime
    assert any("`rake db:migrate` is taken to write its database into /app, where a step before names "
               "/app/db/production.sqlite3" in str(c) for c in result.changes)


def test_a_database_file_the_same_run_deletes_first_counts() -> None:
    result = refactor(RAILS.format(setup="RUN rm -f db/development.sqlite3 && bundle exec rake db:setup"))
    assert result.changed, result.skipped
    assert "COPY --from=builder /app /app" in result.text


ASSUMED = ("assumed: `{task}` changes the database config/database.yml names (Rails' default: "
           "db/production.sqlite3, in the app's folder); it runs in the builder, as in the original build")


@pytest.mark.parametrize(("setup", "task"), [
    ("RUN rails db:migrate && test -f db/production.sqlite3", "rails db:migrate"),  # named only after the task
    ("RUN rake db:setup", "rake db:setup"),  # nothing shows where the database is
    ("RUN bundle exec rake db:create db:migrate", "rake db:create"),
])
def test_a_database_the_file_does_not_show_is_taken_to_be_rails_default(setup: str, task: str) -> None:
    """Before: skipped, "changes a database at build time: the one config/database.yml (or DATABASE_URL) names,
    which the tool does not read". Rails keeps a SQLite database in db/ (a server is changed by the builder as by
    the original build): the task stays in the builder, the runtime copies the app whole, and a note says so."""
    result = refactor(RAILS.format(setup=setup))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner\n")
    assert setup in builder and "db:" not in runtime
    assert runtime.endswith("COPY --from=builder /app /app\nCMD [\"bundle\", \"exec\", \"puma\"]\n")
    assert any(ASSUMED.format(task=task) in str(c) for c in result.changes)


def test_a_database_file_named_outside_the_app_is_the_cause() -> None:
    why = skip_reason(RAILS.format(setup="RUN rm -f /var/lib/app/production.sqlite3 && rake db:migrate"))
    assert "changes a database at build time: the one config/database.yml (or DATABASE_URL) names, which the tool " \
           "does not read: a server outside the image, or a file whose place it does not know" in why


def test_a_database_file_in_the_root_folder_shows_nothing() -> None:
    """In / the folder would be the whole image: no app folder to copy with its database."""
    text = RAILS.replace("WORKDIR /app\n", "").format(setup="RUN rm -f app.db && rake db:migrate")
    assert "changes a database at build time" in skip_reason(text)


def test_an_app_tool_s_migration_reads_the_same_evidence() -> None:
    """``find . -name '*.sqlite' -delete`` before a Pyramid app's database script: the database is made anew in the
    app's folder, which the runtime copies (before, only a deletion the tool models, `rm`, counted)."""
    text = ("FROM python:3.11\nWORKDIR /srv\nCOPY . .\nRUN pip install .\nRUN find . -name '*.sqlite' -delete\n"
            "RUN flask db upgrade\nCMD [\"gunicorn\", \"app:app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "COPY --from=builder /srv /srv" in result.text.partition(" AS runner\n")[2]
    assert any("`flask` is taken to write its database into /srv, where a step before names /srv/*.sqlite"
               in str(c) for c in result.changes)


DATABASE_YML = """\
# SQLite. Versions 3.8.0 and up are supported.
default: &default
  adapter: sqlite3
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>
  timeout: 5000

development:
  <<: *default
  database: db/development.sqlite3

production:
  <<: *default
  database: PRODUCTION
"""


def _with_config(text: str, production: str = "db/production.sqlite3") -> str | None:
    result = refactor(text, read_context=context_of({"config/database.yml": DATABASE_YML.replace(
        "PRODUCTION", production), "Gemfile": "gem 'rails'\n"}))
    return None if not result.changed else result.text.partition(" AS runner\n")[2]


def test_config_database_yml_in_the_context_shows_a_sqlite_database_in_the_app() -> None:
    """Before: skipped, "`rails db:migrate` changes a database at build time: the one config/database.yml (or
    DATABASE_URL) names, which the tool does not read" with config/database.yml in the build context (a Rails app
    on SQLite, whose migrations make db/production.sqlite3 in the app's folder)."""
    text = RAILS.format(setup="RUN bundle exec rails db:migrate")
    runtime = _with_config(text)
    assert runtime is not None and "COPY --from=builder /app /app\n" in runtime and "db:migrate" not in runtime
    result = refactor(text, read_context=context_of({"config/database.yml": DATABASE_YML.replace(
        "PRODUCTION", "db/production.sqlite3")}))
    assert any("config/database.yml puts the production database in db/production.sqlite3" in str(c)
               for c in result.changes)
    development = text.replace("ENV RAILS_ENV=production\n", "")  # the development section, through <<: *default
    assert _with_config(development, production="/var/lib/app.sqlite3") is not None


@pytest.mark.parametrize("production", [
    "/var/lib/app/production.sqlite3",  # outside the app's folder
    "<%= ENV['DB_PATH'] %>",  # ERB: not known
    "../shared/production.sqlite3",  # outside, named from the app's folder
])
def test_a_database_outside_the_app_or_not_known_is_still_the_cause(production: str) -> None:
    text = RAILS.format(setup="RUN bundle exec rails db:migrate")
    assert _with_config(text, production) is None
    why = refactor(text, read_context=context_of({"config/database.yml": DATABASE_YML.replace(
        "PRODUCTION", production)})).skipped or ""
    assert f"the production database config/database.yml names (sqlite3, {production}): a file outside the " \
           "app's folder, or one whose place it does not know" in why


@pytest.mark.parametrize(("env", "config", "server"), [
    ("", DATABASE_YML.replace("adapter: sqlite3", "adapter: postgresql").replace("PRODUCTION", "app"),
     "config/database.yml names for production (postgresql: a server)"),
    ("ENV DATABASE_URL=postgres://db/app\n", DATABASE_YML.replace("PRODUCTION", "/var/lib/app.sqlite3"),
     "DATABASE_URL names (postgres: a server)"),  # the URL wins over the file
])
def test_a_database_server_is_changed_by_the_builder(env: str, config: str, server: str) -> None:
    """A server is changed at build time by the builder as by the original build; the runtime copies the app."""
    text = RAILS.format(setup=f"{env}RUN bundle exec rails db:migrate")
    result = refactor(text, read_context=context_of({"config/database.yml": config}))
    assert result.changed, result.skipped
    assert "db:migrate" not in result.text.partition(" AS runner\n")[2]
    assert any(f"assumed: `rails db:migrate` changes the database {server}" in str(c) for c in result.changes)


def test_a_sqlite_url_is_still_the_cause() -> None:
    text = RAILS.format(setup="ENV DATABASE_URL=sqlite3:/var/db/app.sqlite3\nRUN bundle exec rails db:migrate")
    assert "changes a database at build time" in skip_reason(text)


def test_database_yml_is_read_as_yaml() -> None:
    """A flow mapping and a quoted value with a trailing comment are the same settings as the block form (before,
    a line reader saw no settings in the first and `"db/production.sqlite3" # local` as the file name)."""
    text = RAILS.format(setup="RUN bundle exec rails db:migrate")
    for production in ("production: {adapter: sqlite3, database: db/production.sqlite3}\n",
                       "production:\n  adapter: sqlite3\n  database: \"db/production.sqlite3\" # local\n"):
        result = refactor(text, read_context=context_of({"config/database.yml": production}))
        assert result.changed, result.skipped
        assert any("puts the production database in db/production.sqlite3, a SQLite file" in str(c)
                   for c in result.changes)


def test_database_yml_that_is_yaml_only_after_its_erb_runs_is_not_read() -> None:
    """`<% if %>` lines choose the settings when Rails runs the ERB: before that the file is not YAML, and which
    database the task changes is not known (before, a line reader skipped the ERB lines and took both branches)."""
    erb = ("production:\n<% if ENV['SQLITE'] %>\n  adapter: sqlite3\n  database: db/production.sqlite3\n"
           "<% else %>\n  adapter: postgresql\n  database: app\n<% end %>\n")
    text = RAILS.format(setup="RUN bundle exec rails db:migrate")
    result = refactor(text, read_context=context_of({"config/database.yml": erb}))
    assert not result.changed
    assert "the one config/database.yml (or DATABASE_URL) names, which the tool does not read" in (result.skipped or "")


@pytest.mark.parametrize("setup", [
    "ENV DB_PATH=/var/lib/app/production.sqlite3\nRUN mkdir -p /var/lib/app && rake db:migrate",  # adv-s38 1a
    "RUN rake db:migrate DATABASE_URL=sqlite3:/var/lib/app/p.sqlite3",  # rake's own environment argument
    "RUN env DATABASE_URL=sqlite3:/var/lib/app/p.sqlite3 rake db:migrate",
    "RUN export DATABASE_URL=sqlite3:/var/lib/app/db.sqlite3 && rake db:migrate",  # 1e: not a file in /app
])
def test_a_variable_that_places_the_database_is_the_cause(setup: str) -> None:
    """The app's own configuration places the database (adv-s38: 29056e3 took Rails' default place, and the
    rewrite lost the database: `no such table: greetings`)."""
    why = skip_reason(RAILS.format(setup=setup))
    assert "changes a database at build time" in why and "names it)" in why, why


RAILS8 = """default: &default
  adapter: sqlite3
  pool: <%= ENV.fetch("RAILS_MAX_THREADS") { 5 } %>

production:
  primary:
    <<: *default
    database: storage/production.sqlite3
  cache:
    <<: *default
    database: CACHE
    migrations_paths: db/cache_migrate
"""


def test_several_databases_of_one_environment_are_read() -> None:
    """adv-s38 1f: Rails 8's config/database.yml names several databases for production, all in storage/: before,
    "(no adapter): a file outside the app's folder" with the context, while the same file without it changed."""
    text = RAILS.format(setup="RUN bundle exec rails db:prepare")
    inside = refactor(text, read_context=context_of({"config/database.yml": RAILS8.replace(
        "CACHE", "storage/production_cache.sqlite3")}))
    assert inside.changed, inside.skipped
    assert any("puts the production database in storage/production.sqlite3" in str(c) for c in inside.changes)
    outside = refactor(text, read_context=context_of({"config/database.yml": RAILS8.replace(
        "CACHE", "/var/lib/cache.sqlite3")}))
    assert "(sqlite3, /var/lib/cache.sqlite3): a file outside the app's folder" in (outside.skipped or "")
