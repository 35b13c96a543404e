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


def test_a_dev_package_no_build_step_can_use_stays_for_an_unread_script() -> None:
    """Dev file 2adbb479 (haskell:8.6.5): libpq-dev installed where only curl and apt run, and an ENTRYPOINT script
    the tool cannot read: the image's users `stack run` a project on postgresql-simple, which builds with libpq-dev.
    The runtime left it in the builder; it stays (or the file is left alone where that leaves nothing to gain)."""
    text = ("FROM python:3.11\nRUN apt-get update && apt-get install -y libpq-dev doxygen\n"
            "RUN curl -fsSL -o /usr/local/bin/dbmate https://example.com/dbmate && chmod +x /usr/local/bin/dbmate\n"
            "COPY entrypoint.sh /opt/entrypoint.sh\nENTRYPOINT [\"/opt/entrypoint.sh\"]\n")
    from transformer import refactor
    result = refactor(text)
    assert not result.changed or "libpq-dev" in runner_stage(text), result.text


def test_a_dev_package_a_build_step_may_compile_with_is_left_in_the_builder() -> None:
    runner = runner_stage(APP.format(tool="doxygen", cmd='ENTRYPOINT ["./manage.sh"]'))
    assert "libpq-dev" not in runner and "libpq5" in runner, runner


def test_a_dev_package_a_build_under_another_name_compiles_with_is_left_in_the_builder() -> None:
    """Dev file 30d5f34c (CKAN): pip run through a link of its own name (`ckan-pip install -r ...`) builds with the
    -dev packages; a rule that looked at the commands' names alone took the build for one that compiles nothing."""
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-venv python3-dev libpq-dev\n"
            "RUN python3 -m venv /opt/venv && ln -s /opt/venv/bin/pip /usr/local/bin/app-pip\n"
            "COPY . /opt/venv/src/app/\nRUN app-pip install -r /opt/venv/src/app/requirements.txt\n"
            "COPY entrypoint.sh /entrypoint.sh\nENTRYPOINT [\"/entrypoint.sh\"]\n")
    runner = runner_stage(text)
    assert "libpq-dev" not in runner and "libpq5" in runner, runner
