"""The commands of an ENTRYPOINT's script that a COPY took from a folder of the build context
(``COPY docker/entry.sh /app/``, ``ENTRYPOINT ["/app/entry.sh"]``, as keywhiz's Dockerfile does): the tool looked for
the script only under the WORKDIR's path, as written and by its name at the context's root, so it did not read it, and
the slim runtime lacked the `envsubst` it runs (gettext, installed by the file, stays in the builder): on a real
engine the runtime's entry script stopped with `envsubst: not found`. The script is now found where the COPY took it
from, and the runtime installs gettext-base (gettext is build-only here, run by `manage.py compilemessages`: a
gettext kept for run time would give envsubst itself)."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

FILE = """FROM python:3.11
RUN apt-get update && apt-get install -y gettext
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py config.tpl manage.py /app/
RUN python manage.py compilemessages
COPY {source} {dest}
ENTRYPOINT ["/app/entry.sh"]
"""

SCRIPT = "#!/bin/sh\nenvsubst < /app/config.tpl\nexec python /app/app.py\n"


def _runner(source: str, dest: str) -> str:
    files = {"requirements.txt": "six\n", "app.py": "print(1)\n", "config.tpl": "x=$X\n", "manage.py": "",
             source: SCRIPT}
    result = refactor(FILE.format(source=source, dest=dest), read_context=context_of(files))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


def test_a_script_copied_from_a_folder_into_a_folder_is_read() -> None:
    assert "gettext-base" in _runner("docker/entry.sh", "/app/"), _runner("docker/entry.sh", "/app/")


def test_a_script_copied_from_a_folder_under_its_own_name_is_read() -> None:
    assert "gettext-base" in _runner("docker/entry.sh", "/app/entry.sh")


def test_a_script_at_the_context_root_is_read_as_before() -> None:
    assert "gettext-base" in _runner("entry.sh", "/app/")
