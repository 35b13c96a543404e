"""Debian's npm installed with apt that no step of the build runs (2313dde7: `apt-get install -y npm` beside a pip
install, no CMD): the file installs it for run time (the program, or `docker run IMAGE npm ...`, runs it), and the
runtime lacked it: npm was left in the builder as a build tool, and only its run-time part, nodejs, installed. The
runtime keeps it; where a build step runs npm (`npm install`), it stays in the builder as before."""

from __future__ import annotations

from conftest import runner_stage

PIP = """\
FROM python:3.11
WORKDIR /app
COPY . /app
RUN apt-get update && apt-get install -y nodejs npm
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
"""


def test_npm_no_build_step_runs_is_kept_for_run_time() -> None:
    runtime = runner_stage(PIP)
    assert " npm" in runtime, runtime


def test_npm_a_build_step_runs_stays_in_the_builder() -> None:
    runtime = runner_stage(PIP.replace("RUN pip install", "RUN npm install --prefix /app/web\nRUN pip install"))
    assert " npm" not in runtime and "nodejs" in runtime, runtime
