"""python3-dev (or python-dev) installed on the official python image: its run-time part is Debian's Python, a
second interpreter the app does not run (pip builds against the image's own, in /usr/local, first on PATH).

Before: the slim runtime installed Debian's python3 (jabajke/django-postgres-example: `apt-get install gcc libpq-dev
python3-dev`, then pip), about 30 MB for nothing; a python3 the file installs itself, or Debian's Python on another
image, stays.
"""

from __future__ import annotations

import pytest
from conftest import runner_stage

APP = ("FROM {image}\nWORKDIR /usr/src/app\nCOPY requirements.txt .\n"
       "RUN apt-get update && apt-get install gcc libpq-dev {dev} -y\nRUN pip install -r requirements.txt\n"
       "COPY . .\nCMD [\"python\", \"app.py\"]\n")


@pytest.mark.parametrize("dev", ["python3-dev", "python-dev"])
def test_the_runtime_installs_no_second_python(dev: str) -> None:
    runtime = runner_stage(APP.format(image="python:3.10", dev=dev))
    installs = [line for line in runtime.splitlines() if "apt-get install" in line]
    assert installs and all("libpq5" in line and "python" not in line for line in installs), installs


def test_a_python3_the_file_installs_itself_stays() -> None:
    runtime = runner_stage(APP.format(image="python:3.10", dev="python3-dev python3"))
    assert any("python3" in line for line in runtime.splitlines() if "apt-get install" in line)


def test_debian_s_python_stays_on_a_debian_image() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-dev python3-venv gcc libpq-dev\n"
            "RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install psycopg2\nCOPY app.py /app.py\n"
            "CMD [\"/opt/venv/bin/python\", \"/app.py\"]\n")
    runtime = runner_stage(text)
    assert any("python3" in line for line in runtime.splitlines() if "apt-get install" in line), runtime
