"""A Python app that installs Node.js only to build its assets (npm runs Tailwind's CLI): the runtime kept nodejs
as "the run-time part of npm" (rp11 Ovchinnikov01/site: 841 MB against 648 MB without it, the same answers). With
the build context the tool sees that nothing runs node: the command, the app's Python code, the requirements
(execjs, django-compressor run JavaScript with it). Without the context, or where something may run node, it stays."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor

FILE = """\
FROM python:3.11
RUN apt-get update && apt-get install -y nodejs npm
WORKDIR /app
COPY package*.json requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
RUN npm install
COPY . .
RUN npm run build-css
CMD {cmd}
"""
APP = {"requirements.txt": "flask==3.0.0\ngunicorn==21.2.0\n", "app.py": "import flask\napp = flask.Flask('x')\n",
       "package.json": '{"scripts": {"build-css": "tailwindcss -o static/out.css"}, '
                       '"devDependencies": {"tailwindcss": "3.4.0"}}'}
GUNICORN = '["gunicorn", "app:app", "-b", "0.0.0.0:8000"]'


def _runtime(files: dict[str, str] | None, cmd: str = GUNICORN) -> tuple[str, list[str]]:
    text = FILE.format(cmd=cmd)
    result = refactor(text, read_context=context_of(files)) if files is not None else refactor(text)
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2], [str(c) for c in result.changes]


def test_node_stays_in_the_builder_where_nothing_runs_it() -> None:
    runtime, changes = _runtime(APP)
    assert "nodejs" not in runtime and "npm" not in runtime, runtime
    assert any("left nodejs in the builder: Node.js only builds the assets of a Python app" in c for c in changes)


@pytest.mark.parametrize(("files", "cmd"), [
    (None, GUNICORN),  # no context: what the app runs is not known
    ({**APP, "requirements.txt": "flask==3.0.0\nPyExecJS==1.5.1\n"}, GUNICORN),
    ({**APP, "requirements.txt": "Django==4.2\ndjango-compressor==4.4\n"}, GUNICORN),
    ({**APP, "app.py": "import subprocess\nsubprocess.run(['node', 'render.js'])\n"}, GUNICORN),
    (APP, '["sh", "-c", "npm run watch & gunicorn app:app"]'),
])
def test_node_stays_where_something_may_run_it(files: dict[str, str] | None, cmd: str) -> None:
    runtime, _ = _runtime(files, cmd)
    assert "nodejs" in runtime, runtime


def test_nodesources_setup_and_its_curl_go_with_node() -> None:
    # rp12 colorofchange/coding_challenge_1: the runtime left nodejs and NodeSource's setup out, but still installed
    # curl "for the RUN it repeats", which it did not repeat
    text = FILE.format(cmd=GUNICORN).replace(
        "RUN apt-get update && apt-get install -y nodejs npm\n",
        "RUN curl -sL https://deb.nodesource.com/setup_18.x | bash -\nRUN apt-get install -y nodejs\n")
    result = refactor(text, read_context=context_of(APP))
    runtime = result.text.partition(" AS runner")[2]
    assert "nodesource" not in runtime and "curl" not in runtime and "nodejs" not in runtime, runtime
