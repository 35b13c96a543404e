"""Django's compilemessages runs gettext's msgfmt (a build-only package) and writes the .mo files beside the .po
files under the folder it runs in: a build step whose folder the runtime copies, not setup the slim runtime repeats
(it lacks msgfmt). The e2e proof is test_django_compilemessages_e2e.py."""

from __future__ import annotations

import re

import pytest
from conftest import skip_reason, stages

from transformer import refactor

# gettext itself (msgfmt); gettext-base, its run-time part (envsubst), the runtime installs in its place
GETTEXT = re.compile(r"\bgettext\b(?!-)")

APT = "RUN apt-get update && apt-get install -y gettext && rm -rf /var/lib/apt/lists/*\n"


# makemessages runs gettext's xgettext, msguniq and msgmerge and writes the .po files: rp12 vgalaktionov/dopomoga2
# repeated it in the runtime, which has gettext-base only ("Can't find msguniq", the build failed)
@pytest.mark.parametrize("command", ["python manage.py compilemessages", "./manage.py compilemessages -l fr",
                                     "cd /srv/app && python3 manage.py compilemessages",
                                     "python manage.py makemessages -l uk",
                                     "python manage.py makemessages -l uk && python manage.py compilemessages"])
def test_compilemessages_stays_in_the_builder_and_its_folder_is_copied(command: str) -> None:
    builder, runtime = stages(f"FROM python:3.11\n{APT}WORKDIR /srv/app\nCOPY . .\n"
                              f"RUN pip install -r requirements.txt\nRUN {command}\nCMD [\"gunicorn\", \"app.wsgi\"]\n")
    assert command in builder
    assert "messages" not in runtime and not GETTEXT.search(runtime), runtime
    assert "COPY --from=builder /srv/app /srv/app" in runtime, runtime


def test_the_explanation_states_the_folder_it_is_taken_to_write_into() -> None:
    result = refactor(f"FROM python:3.11\n{APT}WORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n"
                      "RUN python manage.py compilemessages\nCMD [\"gunicorn\", \"app.wsgi\"]\n")
    assert any("compilemessages` is taken to write only into /code" in r.message for r in result.changes), \
        result.changes


def test_compilemessages_in_the_root_folder_is_left_alone_naming_the_cause() -> None:
    reason = skip_reason(f"FROM python:3.11\n{APT}COPY . /\nRUN pip install -r requirements.txt\n"
                         "RUN python manage.py compilemessages\nCMD [\"gunicorn\", \"app.wsgi\"]\n")
    assert "compilemessages" in reason and "under /" in reason, reason


def test_other_setup_commands_are_still_repeated() -> None:
    _, runtime = stages("FROM python:3.11\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n"
                        "RUN python manage.py createcachetable\nCMD [\"gunicorn\", \"app.wsgi\"]\n")
    assert "RUN python manage.py createcachetable" in runtime
