"""config/database.yml whose merge key carries YAML's explicit tag (`!!merge <<: *default`, as YAML tools rewrite
Rails' `<<: *default`) still gives the environment the default's adapter: a SQLite file in the app's folder is copied
with the app. Found on mogest/stupid-bank (`rails db:migrate` at build time): skipped as "(no adapter,
db/stupid_bank.sqlite3): a server outside the image, or a file outside the app's folder", neither of which it is."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

_FILE = ("FROM ruby:3.2\nENV RAILS_ENV=production\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n"
         'COPY . .\nRUN SECRET_KEY_BASE=x bundle exec rails db:migrate\nCMD ["bundle", "exec", "puma"]\n')
_LOCK = "GEM\n  remote: https://rubygems.org/\n  specs:\n    sqlite3 (1.6.3)\n\nDEPENDENCIES\n  sqlite3\n"


def _database_yml(merge: str) -> str:
    return (f"default: &default\n  adapter: sqlite3\n\nproduction:\n  {merge} *default\n"
            "  database: db/production.sqlite3\n")


def test_a_tagged_merge_key_gives_the_sqlite_adapter_and_the_app_is_copied_with_its_database() -> None:
    for merge in ("!!merge <<:", "<<:"):
        context = context_of({"Gemfile": "source 'https://rubygems.org'\ngem 'sqlite3'\n", "Gemfile.lock": _LOCK,
                              "config/database.yml": _database_yml(merge)})
        result = refactor(_FILE, read_context=context)
        assert result.changed, (merge, result.skipped)
        runtime = result.text.partition(" AS runner")[2]
        assert "COPY --from=builder /app /app" in runtime and "db:migrate" not in runtime
