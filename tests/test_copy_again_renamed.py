"""``COPY production-requirements.txt /app/requirements.txt`` before ``COPY . /app/``: the later COPY brings
production-requirements.txt, not /app/requirements.txt, so the runtime keeps the first COPY (dev 1d4d1314 had lost
/app/requirements.txt). A COPY that keeps the file's name is still left out."""

from __future__ import annotations

from conftest import runner_stage

FILE = """FROM python:3.11
COPY {source} /app/requirements.txt
RUN pip install -r /app/requirements.txt
COPY . /app/
WORKDIR /app
CMD ["python", "app.py"]
"""


def test_a_copy_that_renames_its_file_stays() -> None:
    runner = runner_stage(FILE.format(source="production-requirements.txt"))
    assert "COPY production-requirements.txt /app/requirements.txt\n" in runner, runner


def test_a_copy_under_the_same_name_is_left_out() -> None:
    runner = runner_stage(FILE.format(source="requirements.txt"))
    assert "COPY requirements.txt" not in runner, runner
