"""Debian's xvfb only recommends xauth, which its xvfb-run runs (`xvfb-run: error: xauth command not found` without
it); Ubuntu's xvfb depends on it. An original install that took the recommended packages had xauth, and the runtime,
which installs with --no-install-recommends, lacked it: debian_recommends.json named only the recommended packages
built from the package's own source (xauth is its own source's). gen_debian_recommends.py now also names a
recommended package that the same package depends on in another release read: its maintainers there found the
program needs it."""

from __future__ import annotations

import pytest
from test_recommended_parts import _runner, debian, gen

from transformer.packages import recommended_parts

INDEX = """\
Package: xvfb
Source: xorg-server
Section: x11
Depends: libc6, xserver-common
Recommends: xauth, xfonts-base

Package: xserver-common
Source: xorg-server
Section: x11

Package: xauth
Source: xauth
Section: x11

Package: xfonts-base
Source: xfonts-base
Section: fonts

Package: libc6
Source: glibc
Section: libs
"""

UBUNTU = INDEX.replace("Depends: libc6, xserver-common\nRecommends: xauth, xfonts-base",
                       "Depends: libc6, xserver-common, xauth\nRecommends: xfonts-base")


def test_the_generator_takes_a_recommends_another_release_depends_on() -> None:
    elsewhere = gen.merged(iter([gen.depended_on(debian.parse_packages(UBUNTU))]))
    assert gen.release_map(INDEX, elsewhere) == {"xvfb": ["xauth"]}
    assert gen.release_map(INDEX) == {}  # alone, a recommends of another source is no part


def test_a_dependency_with_alternatives_elsewhere_is_not_taken() -> None:
    either = UBUNTU.replace("xserver-common, xauth", "xserver-common, xauth | xfonts-base")
    assert gen.depended_on(debian.parse_packages(either))["xvfb"] == {"libc6", "xserver-common"}


@pytest.mark.parametrize("release", ["bullseye", "bookworm", "trixie"])
def test_committed_data_name_xauth_for_debian_s_xvfb(release: str) -> None:
    assert "xauth" in recommended_parts("xvfb", release)


FILE = """FROM python:3.11
RUN apt-get update && apt-get install -y {flags}xvfb libpq-dev && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py .
CMD ["xvfb-run", "python", "app.py"]
"""


def test_the_runtime_installs_xauth_the_original_install_took() -> None:
    runner = _runner(FILE.format(flags=""))
    assert " xvfb " in runner and " xauth " in runner and "--no-install-recommends" in runner, runner


def test_an_install_without_recommends_had_no_xauth() -> None:
    runner = _runner(FILE.format(flags="--no-install-recommends "))
    assert "xauth" not in runner, runner
