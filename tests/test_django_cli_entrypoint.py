"""An image whose ENTRYPOINT is Django's manage.py with the management command left to the CMD or to `docker run`
(`ENTRYPOINT ["python3", "manage.py"]`, `CMD ["runserver", ...]`) runs any management command: compilemessages
runs gettext's msgfmt, makemessages xgettext. gettext, a build tool the runtime otherwise leaves out, stays there
when the file installs it. Found by a real build of dev 5c1ad6d6 (a Django dev image whose app is mounted at
/src): `docker run IMAGE compilemessages` compiled the translations with the original and said `CommandError:
Can't find msgfmt` with the rewrite."""

from __future__ import annotations

import re

from conftest import runner_stage

from transformer import refactor

DEV_IMAGE = """\
FROM python:3.5

RUN apt-get update && apt-get install -y gettext

ADD requirements.txt /requirements.txt
RUN pip3 install -r requirements.txt

WORKDIR /src
EXPOSE 8000
ENTRYPOINT ["python3", "manage.py"]
CMD ["runserver", "0.0.0.0:8000"]
"""


def _keeps_gettext(runtime: str) -> bool:
    """Whether the runtime installs gettext itself (msgfmt); gettext-base, its run-time part (envsubst), it does
    install in its place."""
    return re.search(r"\bgettext\b(?!-)", runtime) is not None


def test_an_entrypoint_of_manage_py_keeps_gettext() -> None:
    result = refactor(DEV_IMAGE)
    assert result.changed, result.skipped
    assert "apt-get install -y --no-install-recommends gettext" in runner_stage(DEV_IMAGE)
    assert any("the runtime keeps gettext" in c.message and "manage.py" in c.message for c in result.changes)


def test_django_admin_with_options_keeps_gettext_too() -> None:
    text = DEV_IMAGE.replace('ENTRYPOINT ["python3", "manage.py"]',
                             'ENTRYPOINT ["django-admin", "--settings=app.settings"]')
    assert "gettext" in runner_stage(text)


# a build step that runs msgfmt: gettext is then a build tool, which a runtime that runs one command leaves out (with
# none, the file installs it for run time, and the runtime keeps it whatever the command: rp19py Ramin-RX7/RSS-Feed)
COMPILED = DEV_IMAGE.replace("WORKDIR /src\n", "WORKDIR /src\nCOPY . .\nRUN python3 manage.py compilemessages\n")


def test_an_entrypoint_naming_its_command_runs_only_that_one() -> None:
    text = COMPILED.replace('ENTRYPOINT ["python3", "manage.py"]', 'ENTRYPOINT ["python3", "manage.py", "runserver"]')
    text = text.replace('CMD ["runserver", "0.0.0.0:8000"]', 'CMD ["0.0.0.0:8000"]')
    assert not _keeps_gettext(runner_stage(text))


def test_a_cmd_of_manage_py_is_one_command() -> None:
    text = COMPILED.replace('ENTRYPOINT ["python3", "manage.py"]\n', "").replace(
        'CMD ["runserver", "0.0.0.0:8000"]', 'CMD ["python3", "manage.py", "runserver", "0.0.0.0:8000"]')
    assert not _keeps_gettext(runner_stage(text))


def test_gettext_no_build_step_uses_stays_for_one_command_too() -> None:
    text = DEV_IMAGE.replace('ENTRYPOINT ["python3", "manage.py"]\n', "").replace(
        'CMD ["runserver", "0.0.0.0:8000"]', 'CMD ["python3", "manage.py", "runserver", "0.0.0.0:8000"]')
    assert _keeps_gettext(runner_stage(text))
