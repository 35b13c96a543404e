"""An image whose command runs a script named for building (``./build.sh``, ``/scripts/ollvm-build.sh``,
``python3 build.py``) builds at run time: it is a build environment, whose build tools the runtime must keep, so the
file is left alone and the reason names the script (a runtime without build-essential broke such images)."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

BASE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y build-essential cmake curl
COPY . /src
WORKDIR /src
RUN make
"""


@pytest.mark.parametrize("command", ['CMD ["./scripts/build.sh"]', 'CMD [ "/scripts/ollvm-build.sh", "--docker" ]',
                                     'CMD ["/src/build-linux-wheels.sh"]', 'ENTRYPOINT ["python3", "build.py"]',
                                     "CMD bash compile.sh"])
def test_a_command_running_a_build_script_is_left_alone(command: str) -> None:
    reason = skip_reason(BASE + command + "\n")
    assert "a build script by its name: the image builds at run time" in reason, reason


@pytest.mark.parametrize("command", ['CMD ["./server"]', 'CMD ["node", "build"]', 'CMD ["sphinx-autobuild", "docs"]',
                                     'CMD ["/app/build/server"]'])
def test_programs_that_only_live_in_a_build_folder_are_not_build_scripts(command: str) -> None:
    assert runner_stage(BASE + command + "\n")


def test_a_command_found_in_a_folder_of_build_scripts_on_path_is_left_alone() -> None:
    # hologram's build image: `start.sh` is found through the build scripts' folder the file puts on PATH
    reason = skip_reason(BASE + "ENV BUILD_SCRIPTS /src/buildscripts\nENV PATH ${BUILD_SCRIPTS}:$PATH\n"
                         'ENTRYPOINT ["start.sh"]\n')
    assert "from PATH, where the file puts /src/buildscripts, a folder of build scripts" in reason, reason


def test_a_command_by_its_path_or_another_folder_on_path_is_not_a_build_script() -> None:
    assert runner_stage(BASE + "ENV PATH /src/buildscripts:$PATH\nCMD [\"/src/server\"]\n")
    assert runner_stage(BASE + "ENV PATH /src/bin:$PATH\nCMD [\"server\"]\n")


@pytest.mark.parametrize(("build", "command"), [("RUN go build -o /build", "CMD /build"),
                                                ('RUN go build -o build .', 'CMD ["./build"]')])
def test_a_program_the_file_builds_under_a_build_name_is_the_app(build: str, command: str) -> None:
    # xkcdstickfigure/sidebox-api: `go build -o /build` then `CMD /build` runs the compiled server, not a build script
    text = f"FROM golang:1.20\nWORKDIR /app\nCOPY . .\nRUN go mod download\n{build}\n{command}\n"
    stage = runner_stage(text)
    assert "build" in stage, stage


@pytest.mark.parametrize("python", ["python", "python3", "python2.7"])
def test_setup_py_run_by_any_python_builds_at_run_time(python: str) -> None:
    # dev file 05c80fd4bcdc: `CMD python3 setup.py dist` (setup.py's commands build or install, with the build tools
    # python3-pip brings): the data's `python setup.py` rule read only `python`
    reason = skip_reason("FROM ubuntu:16.04\nRUN apt-get update && apt-get install -y python3-pip libsnappy-dev\n"
                         "COPY . /syncrypt\nRUN pip3 install -e '/syncrypt[dist]'\nWORKDIR /syncrypt\n"
                         f"CMD {python} setup.py dist\n")
    assert "builds at run time" in reason, reason
