"""`manage.py collectstatic` repeated in the runtime reads the settings, which read the environment: the build
arguments in scope at the original's step go with it (rp19py BOVAGE/Twit-test: SECRET_KEY and seven more from ARGs,
which the runtime lacked: `decouple.UndefinedValueError: SECRET_KEY not found` and the build failed)."""

from __future__ import annotations

from conftest import runner_stage

FILE = """FROM python:3.11
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . /app/
ARG SECRET_KEY
ARG DEBUG=False
RUN python manage.py collectstatic --noinput
CMD ["gunicorn", "config.wsgi"]
"""


def test_the_runtime_declares_the_arguments_collectstatic_reads() -> None:
    runner = runner_stage(FILE)
    step = runner.index("RUN python manage.py collectstatic")
    assert runner.index("ARG SECRET_KEY") < step and runner.index("ARG DEBUG=False") < step, runner

