"""The builder's listing of the libraries the runtime installs (linked.py: ldd, dpkg-query, then ``sort -u -o
/opt/runtime-packages``) after a last build step that runs as a user other than root (``USER app`` before ``pip
install --user``): chained to that step, it ran as that user, who may not write /opt (root's), and the builder's
build failed ("sort: open failed: /opt/runtime-packages: Permission denied"; built: fixtures/apps/py-user-listing,
dev files 1cc2b026 and 2691cf77). It runs as root in a RUN of its own, and the step's user comes back after it."""

from __future__ import annotations

from pathlib import Path

from transformer import refactor
from transformer.linked import LIST, builder_commands

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-user-listing"

BEFORE = """\
FROM python:3.6-stretch
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app
USER app
WORKDIR /home/app
COPY requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt
COPY app.py .
CMD ["python", "app.py"]
"""

LISTING = " \\\n    && ".join(builder_commands(["/home/app/.local"], ["/usr/local"], ["libpq-dev"]))

BUILDER_AFTER = f"""\
FROM python:3.6-stretch AS builder
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home app
USER app
WORKDIR /home/app
COPY requirements.txt .
RUN pip install --user --no-cache-dir -r requirements.txt
USER 0
RUN {LISTING}
USER app
COPY app.py .

FROM python:3.6-slim-stretch AS runner
"""


def test_the_listing_runs_as_root_after_a_step_of_another_user() -> None:
    result = refactor(BEFORE, read_context={"requirements.txt": "psycopg2==2.9.9\n"}.get)
    assert result.changed, result.skipped
    assert result.text.startswith(BUILDER_AFTER), result.text
    assert (f"the builder lists the libraries as root, in a RUN of its own: the last build step runs as app, who may "
            f"not write {LIST}") in [c.message for c in result.changes]


def test_a_step_run_as_root_keeps_the_listing_chained_to_it() -> None:
    result = refactor(BEFORE.replace("USER app\n", "USER root\n"),
                      read_context={"requirements.txt": "psycopg2==2.9.9\n"}.get)
    builder = result.text.split(" AS runner")[0]
    assert "RUN pip install --user --no-cache-dir -r requirements.txt \\\n    && mkdir -p /tmp/runtime-libraries" \
        in builder
    assert "USER 0" not in builder


def test_the_fixture_lists_as_root() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context={"requirements.txt": "psycopg2==2.9.9\n"}.get)
    builder = result.text.split(" AS runner")[0]
    assert builder.count("\nUSER 0\n") == 1 and "\nUSER app\nCOPY app.py .\n" in builder
