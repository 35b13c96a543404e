"""pip on Debian's or Ubuntu's own Python installs under /usr/local, but counts the setuptools that python3-pip
brought into the distribution's dist-packages as installed: a requirement on them (gunicorn 20
imports pkg_resources) puts nothing under /usr/local. The runtime, which installs only python3, installs it."""

from __future__ import annotations

import re

import pytest
from conftest import stages as _stages


def _installs(runtime: str, package: str) -> bool:
    """Whether an apt install of the runtime names the package (alone, or joined to the packages it keeps)."""
    return re.search(rf"install -y --no-install-recommends [^&\n]*(?<![\w.-]){re.escape(package)}(?![\w.-])",
                     runtime) is not None


_SERVE = 'COPY . /app\nWORKDIR /app\nRUN {pip} install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n'


@pytest.mark.parametrize(("image", "apt", "pip"), [
    ("ubuntu:20.04", "python3-pip python3-dev build-essential", "pip3"),
    ("ubuntu:22.04", "python3 python3-pip", "pip3"),
    ("debian:bullseye", "python3-pip", "python3 -m pip"),
])
def test_pip3_from_the_distribution_keeps_its_setuptools(image: str, apt: str, pip: str) -> None:
    _, runtime = _stages(f"FROM {image}\nRUN apt-get update && apt-get install -y {apt}\n" + _SERVE.format(pip=pip))
    assert "COPY --from=builder /usr/local /usr/local" in runtime
    assert _installs(runtime, "python3-setuptools"), runtime
    assert "python3-pip" not in runtime and "build-essential" not in runtime


def test_setuptools_installed_alone_is_kept() -> None:
    _, runtime = _stages("FROM debian:bullseye\nRUN apt-get update && apt-get install -y python3 python3-setuptools "
                         "gcc\nCOPY . /src\nWORKDIR /src\nRUN python3 setup.py install\nCMD [\"app\"]\n")
    assert "python3-setuptools" in runtime


def test_python2_pip_keeps_python2_setuptools() -> None:
    _, runtime = _stages("FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y python-pip\n"
                         + _SERVE.format(pip="pip"))
    assert "python-setuptools" in runtime
    assert "python3-setuptools" not in runtime


# on bionic and xenial python-pip only recommends python-setuptools: an install without them leaves the builder with
# none, so the runtime installs none (read26 1bbb573b said the builder had it); named by the install, it stays
@pytest.mark.parametrize(("apt", "kept"), [("--no-install-recommends python-pip", False), ("python-pip", True),
                                           ("--no-install-recommends python-pip python-setuptools", True)])
def test_setuptools_pip_only_recommends_follows_the_install(apt: str, kept: bool) -> None:
    _, runtime = _stages(f"FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y {apt}\n"
                         + _SERVE.format(pip="pip"))
    assert ("python-setuptools" in runtime) is kept, runtime


def test_the_official_python_image_installs_into_its_own_python() -> None:
    # pip runs the image's Python (/usr/local), which has setuptools of its own: Debian's are not what it counted
    _, runtime = _stages("FROM python:3.11\nRUN apt-get update && apt-get install -y python3-pip\n"
                         + _SERVE.format(pip="pip"))
    assert "setuptools" not in runtime


def test_the_user_base_on_another_ecosystems_image_keeps_setuptools_too() -> None:
    # node:18 has no Python of its own: pip --user (the user base) also counts Debian's setuptools as installed
    _, runtime = _stages("FROM node:18\nRUN apt-get update && apt-get install -y python3-pip\n"
                         "COPY . /app\nWORKDIR /app\nRUN pip3 install -r requirements.txt\nRUN npm ci\n"
                         'CMD ["gunicorn", "app:app"]\n')
    assert "COPY --from=builder /opt/python /opt/python" in runtime
    assert _installs(runtime, "python3-setuptools"), runtime


# dev file 551c0bac (p4lang/p4c): Mininet's hand-written Makefile runs `python setup.py install` in `make install`,
# whose `mn` command imports pkg_resources; the runtime had dropped python-setuptools as build-only
@pytest.mark.parametrize("install", ["make install", "make install PREFIX=/usr"])
def test_a_staged_make_install_keeps_the_distribution_setuptools(install: str) -> None:
    _, runtime = _stages("FROM debian:bullseye\nRUN apt-get update && apt-get install -y --no-install-recommends "
                         "gcc make python3 python3-setuptools\nCOPY . /src\nWORKDIR /src\n"
                         f"RUN {install}\nCMD [\"mn\"]\n")
    assert "COPY --from=builder /opt/staged /" in runtime
    assert _installs(runtime, "python3-setuptools"), runtime


def test_a_staged_unpack_does_not_keep_setuptools() -> None:
    _, runtime = _stages("FROM debian:bullseye\nRUN apt-get update && apt-get install -y --no-install-recommends "
                         "gcc make python3 python3-setuptools curl ca-certificates\n"
                         "RUN curl -fsSL https://example.org/tool.tar.gz | tar -xz -C /usr/local\n"
                         "COPY . /src\nWORKDIR /src\nRUN gcc -o /usr/local/bin/app app.c\nCMD [\"app\"]\n")
    assert "python3-setuptools" not in runtime, runtime
