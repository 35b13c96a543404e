"""`apt-get build-dep` installs a source package's build dependencies, a package set the file does not name: for
python-matplotlib they include the distribution's python3-numpy, python3-dateutil, python3-six... pip on the
distribution's Python counts them as installed and leaves a requirement they meet out of /usr/local, and the
runtime, which copies /usr/local and installs python3 and the packages the file names, would lack them (dev file
044926f9 on ubuntu:14.04). The file is left alone; without build-dep it is refactored as before."""

from __future__ import annotations

from transformer import refactor


def _skipped(text: str) -> str:
    """Why the tool leaves ``text`` alone ("" when it refactors it)."""
    result = refactor(text)
    return "" if result.changed else (result.skipped or "unchanged")

FILE = """FROM ubuntu:14.04
RUN apt-get update && apt-get install -y libgeos-dev python3-pip cron
{build_dep}WORKDIR /src
ADD requirements.txt /src
RUN pip3 install -r requirements.txt
ADD . /src
CMD ["./run.sh"]
"""


def test_build_dep_before_pip_into_usr_local_leaves_the_file_alone() -> None:
    reason = _skipped(FILE.format(build_dep="RUN apt-get build-dep -y python-matplotlib python3-lxml\n"))
    assert "build-dep" in reason and "/usr/local" in reason, reason


def test_apt_build_dep_too() -> None:
    reason = _skipped(FILE.format(build_dep="RUN apt build-dep -y python-matplotlib\n"))
    assert "build-dep" in reason, reason


def test_without_build_dep_the_file_is_refactored() -> None:
    reason = _skipped(FILE.format(build_dep=""))
    assert reason == "", reason
