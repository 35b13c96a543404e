"""pip's user base on a distribution's Python whose setuptools a build step put there (get-pip.py, ensurepip): pip
counts that setuptools as installed and puts none in the user base, and the runtime, which does not repeat the
bootstrap, lacked pkg_resources (dev files 6632a201, whose `setup.py install` console script imports it, and
5394bd7a; h-read's finding). The runtime installs the distribution's setuptools package."""

from __future__ import annotations

import pytest
from conftest import runner_stage

ALPINE = ("FROM alpine:3.9\nRUN apk add --no-cache {python} && {bootstrap}\nCOPY requirements.txt /\n"
          "RUN {pip} install -r /requirements.txt\nCOPY . /app\nCMD [\"{python}\", \"/app/server.py\"]\n")


@pytest.mark.parametrize(("python", "pip", "bootstrap", "setuptools"), [
    ("python3", "pip3", "python3 -m ensurepip && rm -r /usr/lib/python*/ensurepip", "py3-setuptools"),
    ("python", "pip", "wget https://bootstrap.pypa.io/get-pip.py -O - | python", "py-setuptools"),
    ("python", "pip", "wget https://bootstrap.pypa.io/get-pip.py && python get-pip.py", "py-setuptools"),
])
def test_the_runtime_installs_the_distribution_s_setuptools(python: str, pip: str, bootstrap: str,
                                                             setuptools: str) -> None:
    runner = runner_stage(ALPINE.format(python=python, pip=pip, bootstrap=bootstrap))
    assert f"apk add --no-cache {setuptools}" in runner, runner


def test_without_a_bootstrap_nothing_is_added() -> None:
    text = ("FROM alpine:3.9\nRUN apk add --no-cache py3-pip build-base\nCOPY requirements.txt /\n"
            "RUN pip3 install -r /requirements.txt\nCOPY . /app\nCMD [\"python3\", \"/app/server.py\"]\n")
    runner = runner_stage(text)
    assert "setuptools" not in runner and "build-base" not in runner, runner


def test_debian_s_python_on_an_image_with_files_in_usr_local_gets_its_package() -> None:
    # maven's image has Maven under /usr/share and its own files under /usr/local: pip goes to the user base
    text = ("FROM maven:3.3-jdk-8\nRUN apt-get update && apt-get install -y python python-dev\n"
            "RUN wget https://bootstrap.pypa.io/get-pip.py && python get-pip.py\nCOPY requirements.txt /\n"
            "RUN pip install -r /requirements.txt\nCOPY . /app\nCMD [\"python\", \"/app/server.py\"]\n")
    runner = runner_stage(text)
    assert "python-setuptools" in runner, runner
