"""gettext that no build step uses is installed for run time (`manage.py compilemessages` when the container starts):
the runtime keeps it whole rather than its run-time part, gettext-base, which has no msgfmt (rp19py
Ramin-RX7/RSS-Feed: `CommandError: Can't find msgfmt` under its compose command)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = """FROM python:3.11
WORKDIR /src/
RUN apt-get update && apt-get install -y gettext libpq-dev && rm -rf /var/lib/apt/lists/*
COPY ./requirements.txt .
RUN python -m pip install -r requirements.txt
COPY . .
{step}CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
"""


def test_gettext_no_build_step_uses_stays_whole() -> None:
    runner = runner_stage(FILE.format(step=""))
    assert "gettext " in runner and "gettext-base" not in runner, runner


@pytest.mark.parametrize("step", ["RUN python manage.py compilemessages\n",
                                  "RUN python manage.py compilemessages && python manage.py collectstatic\n"])
def test_gettext_a_build_step_uses_leaves_its_run_time_part(step: str) -> None:
    assert "gettext-base" in runner_stage(FILE.format(step=step))


def test_make_named_as_a_package_is_no_build_step() -> None:
    runner = refactor(FILE.replace("gettext libpq-dev", "gettext make gcc libpq-dev").format(step="")).text
    assert "gettext " in runner.split(" AS runner\n", 1)[1] and "gettext-base" not in runner
