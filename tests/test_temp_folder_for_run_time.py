"""A `mkdir` of a folder under /tmp or /var/tmp, by its absolute path, that no other command of the stage names is
not the build's scratch but a folder the program uses at run time (dev file 388c8641's `RUN mkdir -p /tmp/gh-tmp`
for GraphHopper, 6bc9309c's `RUN mkdir /tmp/nginx`): the runtime makes it too. It was taken for scratch and
dropped. A folder the build works in, or one named relative to the working folder, stays scratch."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = ("FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        "{run}\nCOPY . .\nCMD [\"python\", \"app.py\"]\n")


@pytest.mark.parametrize("run", ["RUN mkdir -p /tmp/gh-tmp", "RUN mkdir /var/tmp/nginx /tmp/sessions",
                                 "RUN mkdir -p /tmp/cache && chmod 777 /tmp/cache"])
def test_a_folder_for_run_time_is_made_by_the_runtime(run: str) -> None:
    assert run in runner_stage(FILE.format(run=run))


@pytest.mark.parametrize("run", ["RUN mkdir /tmp/build && cd /tmp/build && curl -o x.tgz https://example.org/x.tgz",
                                 "RUN mkdir -p /tmp/src\nRUN tar -xzf /app/vendor.tgz -C /tmp/src"])
def test_a_folder_the_build_works_in_stays_scratch(run: str) -> None:
    assert "mkdir" not in runner_stage(FILE.format(run=run))
