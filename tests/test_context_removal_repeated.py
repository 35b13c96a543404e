"""Files of the build context a RUN deletes (``COPY . /app`` ... ``pip install -r requirements.txt && rm -rf .git
tests``, honeytail's ``git clean -f && rm -rf .git``, 157c39c3): the runtime repeats the context COPY, so it
repeats the deletion too; it kept what the original deletes (the repository's history, a settings file removed
so that the defaults apply). Only ``rm -f``, which a file the build made instead of the context cannot stop."""

from __future__ import annotations

from conftest import runner_stage

APP = """\
FROM python:3.11
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt && {rm}
CMD ["python", "app.py"]
"""


def test_the_runtime_deletes_the_context_files_the_run_deletes() -> None:
    runtime = runner_stage(APP.format(rm="rm -rf .git tests"))
    assert runtime.index("COPY . /app") < runtime.index("rm -rf .git tests"), runtime


def test_an_absolute_path_too() -> None:
    runtime = runner_stage(APP.format(rm="rm -f /app/settings_local.py"))
    assert runtime.index("COPY . /app") < runtime.index("rm -f /app/settings_local.py"), runtime


def test_an_rm_without_force_is_not_repeated() -> None:
    runtime = runner_stage(APP.format(rm="rm settings_local.py"))
    assert "rm settings_local.py" not in runtime, runtime
