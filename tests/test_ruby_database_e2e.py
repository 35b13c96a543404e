"""A Rails-like database task at build time on a real engine: Debian's Ruby, rake and SQLite binding on
debian:bookworm, a gem with a C extension (made by the test from fixtures/gem-home/hello, installed with ``gem
install --local``: no gem registry is reachable here), and ``rm -f db/production.sqlite3 && rake db:migrate``, whose
Rakefile writes the database the file names into the app's folder. The refactoring keeps the task in the builder and
the runtime, debian:bookworm-slim without the compiler and headers, copies the app's folder with the database the
task made: the app reads it there. Skipped without a Docker engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import verified_default_output
from gems import build_gem

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
APP = FIXTURES / "database-setup" / "rake-sqlite-database"


def test_the_database_a_task_makes_in_the_app_folder_is_copied_with_it(tmp_path: Path) -> None:
    app = tmp_path / APP.name  # the images are named by the folder: not a name other builds use
    shutil.copytree(APP, app)
    build_gem(FIXTURES / "gem-home" / "hello", app / "hello-0.1.0.gem")
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "RUN rm -f db/production.sqlite3 && rake db:migrate\n" in builder
    assert "rake db:migrate" not in runtime and "COPY --from=builder /app /app\n" in runtime
    assert "gcc" not in runtime and "ruby-dev" not in runtime
    assert "hello from C, and the database says hi" in verified_default_output(app, result.text)


def test_a_task_whose_database_nothing_names_keeps_it_in_the_app_folder(tmp_path: Path) -> None:
    """Before: skipped ("`rake db:migrate` changes a database at build time ... which the tool does not read").
    Without context or a file named before it, the task is taken to use Rails' default place (db/, in the app's
    folder): it stays in the builder and the runtime copies the app's folder with the database it made."""
    app = tmp_path / "rake-default-database"
    shutil.copytree(APP, app)
    build_gem(FIXTURES / "gem-home" / "hello", app / "hello-0.1.0.gem")
    dockerfile = app / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace("RUN rm -f db/production.sqlite3 && rake db:migrate",
                                                         "RUN rake db:migrate"))
    result = refactor(dockerfile.read_text())
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "rake db:migrate" not in runtime and "COPY --from=builder /app /app\n" in runtime
    assert any("assumed: `rake db:migrate` changes the database config/database.yml names (Rails' default: "
               "db/production.sqlite3" in str(c) for c in result.changes)
    assert "hello from C, and the database says hi" in verified_default_output(app, result.text)
