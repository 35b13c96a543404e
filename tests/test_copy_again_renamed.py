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


def test_both_copies_into_a_folder_named_by_a_variable() -> None:
    """71d3bb22: ``COPY Gemfile $APP_HOME/Gemfile`` before ``COPY . $APP_HOME``: the stage's ENV is read in both
    (the destination of the first, read with it, was compared to the second's as written, and the runtime copied
    the Gemfile twice)."""
    runner = runner_stage("FROM ruby:3.2\nENV APP_HOME /app\nWORKDIR $APP_HOME\nCOPY Gemfile $APP_HOME/Gemfile\n"
                          "COPY Gemfile.lock $APP_HOME/Gemfile.lock\nRUN bundle install\nCOPY . $APP_HOME\n"
                          'CMD ["ruby", "app.rb"]\n')
    assert "COPY Gemfile" not in runner and "COPY . $APP_HOME\n" in runner, runner
