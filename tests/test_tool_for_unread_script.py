"""A build-only tool (Debian files highlight and shellcheck under Section devel) that the file installs but no RUN
runs, where the image's command runs a file of its own the tool cannot read (a script the build context does not
give, a program of the context run by its path): the file installs the tool for that file, which may run it. Dev file
395775c5's manage.sh lints with shellcheck, and 325d82f8's ./bin/omnic renders code with highlight; both runtimes
left the tool out. Compilers and build systems (clang, automake), which builds run unnamed, are not kept so.
(highlight and shellcheck themselves are no longer build-only, gen_debian_runtime_map.py's RUN_TIME_TOOLS: the tests
use doxygen, a build-only tool of Section devel that builds run by name.)"""

from __future__ import annotations

import pytest
from conftest import runner_stage

APP = """\
FROM python:3.11
RUN apt-get update && apt-get install -y {tool} libpq-dev
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . /app
WORKDIR /app
{cmd}
"""


@pytest.mark.parametrize("cmd", ['ENTRYPOINT ["./manage.sh"]', "CMD ./bin/server --port 80",
                                 'CMD ["bash", "/app/start.sh"]'])
def test_a_tool_no_step_runs_stays_for_a_program_the_tool_cannot_read(cmd: str) -> None:
    runner = runner_stage(APP.format(tool="doxygen", cmd=cmd))
    assert "doxygen" in runner, runner


def test_a_tool_of_a_command_the_tool_reads_is_left_in_the_builder() -> None:
    runner = runner_stage(APP.format(tool="doxygen", cmd='CMD ["gunicorn", "app:app"]'))
    assert "doxygen" not in runner, runner


@pytest.mark.parametrize("tool", ["clang", "automake"])
def test_a_compiler_or_build_system_is_not_kept_so(tool: str) -> None:
    runner = runner_stage(APP.format(tool=tool, cmd='ENTRYPOINT ["./manage.sh"]'))
    assert tool not in runner, runner


MAKE = """\
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y python3 python3-pip python3-dev libpq-dev make wget
COPY . /usr/src/app
WORKDIR /usr/src/app
RUN {build}
CMD ["/bin/bash", "scripts/bootstrap.sh"]
"""


def test_make_no_build_step_runs_stays_for_a_script_the_tool_cannot_read() -> None:
    # 1c26f355: vector-datasource's docker_boostrap.sh runs `make -f Makefile-import-data`; only pip built
    runner = runner_stage(MAKE.format(build="pip3 install -r requirements.txt"))
    assert any(line.startswith("RUN apt-get") and " make " in line for line in runner.splitlines()), runner


def test_make_a_build_may_run_is_left_in_the_builder() -> None:
    runner = runner_stage(MAKE.format(build="apt-get install -y npm && npm ci"))
    assert " make" not in runner, runner
