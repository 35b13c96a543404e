"""A virtual environment the file makes with the distribution's Python (``python3 -m venv``, ``virtualenv -p
python3``) links its bin/python to that Python (/usr/bin/python3): the runtime, which copies the environment, needs
the interpreter's package. Where the file installs it only through packages that build with it (Red Hat's
python3-pip or python3-devel, Alpine's python3-dev), the runtime left them out with the build packages and had no
python3 (a synthetic centos:7 file: found by reading, no dev file has the shape; the zoo has no rpm or Alpine image
to build on)."""

from __future__ import annotations

import pytest
from conftest import stages

VENV = ("WORKDIR /app\nCOPY requirements.txt .\nRUN /opt/venv/bin/pip install -r requirements.txt\nCOPY . .\n"
        "CMD [\"/opt/venv/bin/python\", \"app.py\"]\n")


@pytest.mark.parametrize(("image", "install", "make", "wanted"), [
    ("centos:7", "yum install -y python3-pip gcc", "python3 -m venv /opt/venv", "RUN yum install -y python3 &&"),
    ("centos:7", "yum install -y python3-devel gcc", "python3 -m venv /opt/venv", "RUN yum install -y python3 &&"),
    ("alpine:3.18", "apk add --no-cache python3-dev py3-virtualenv gcc musl-dev", "virtualenv -p python3 /opt/venv",
     "RUN apk add --no-cache python3\n"),
])
def test_the_runtime_installs_the_python_the_environment_runs(image: str, install: str, make: str,
                                                              wanted: str) -> None:
    _, runtime = stages(f"FROM {image}\nRUN {install}\nRUN {make}\n" + VENV)
    assert wanted in runtime, runtime


def test_only_the_python_the_command_names() -> None:
    # dev file 6e218023's shape: Alpine's py-pip and py-virtualenv (Python 2's names on old releases) beside
    # python3, and `virtualenv -p python3`: the runtime has python3, and gets no python2
    _, runtime = stages("FROM alpine:3.18\nRUN apk add --no-cache python3 python3-dev py-virtualenv py-pip gcc "
                        "musl-dev\nRUN virtualenv -p python3 /opt/venv\n" + VENV)
    assert "python2" not in runtime and "apk add --no-cache python3" in runtime, runtime


def test_a_kept_package_of_that_python_brings_it() -> None:
    # the data do not know rockylinux's python3.11-pip as build-only: the runtime keeps it, and it brings python3.11
    _, runtime = stages("FROM rockylinux:9\nRUN dnf install -y python3.11-pip gcc\nRUN python3.11 -m venv /opt/venv\n"
                        + VENV)
    assert "dnf install -y python3.11-pip &&" in runtime and "install -y python3.11 " not in runtime, runtime
