"""A build-time database migration on a real engine: a Flask app whose build deletes its SQLite file and makes it
anew with Flask-Migrate (`flask db init/migrate/upgrade`, PyPI packages). The refactoring takes the migration as
writing into the app's folder (the RUN before deletes the database file there) and the runtime, python:3.11-slim,
copies the folder whole: the database it opens has the migrated table and alembic's version. Skipped without a
Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "app-commands" / "flask-migrate"


def test_the_migrated_database_is_copied_with_the_app() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "flask db upgrade" in builder and "flask" not in runtime
    assert "COPY --from=builder /srv /srv" in runtime
    assert "tables: alembic_version, note; migrated: True" in verified_default_output(APP, result.text)
