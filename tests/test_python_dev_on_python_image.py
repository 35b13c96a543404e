"""python3-dev (or python-dev) installed on the official python image: its run-time part is Debian's Python, a
second interpreter the app does not run (pip builds against the image's own, in /usr/local, first on PATH).

Before: the slim runtime installed Debian's python3 (jabajke/django-postgres-example: `apt-get install gcc libpq-dev
python3-dev`, then pip), about 30 MB for nothing; a python3 the file installs itself, or Debian's Python on another
image, stays.
"""

from __future__ import annotations

import pytest
from conftest import runner_stage

APP = ("FROM {image}\nWORKDIR /usr/src/app\nCOPY requirements.txt .\n"
       "RUN apt-get update && apt-get install gcc libpq-dev {dev} -y\nRUN pip install -r requirements.txt\n"
       "COPY . .\nCMD [\"python\", \"app.py\"]\n")


@pytest.mark.parametrize("dev", ["python3-dev", "python-dev"])
def test_the_runtime_installs_no_second_python(dev: str) -> None:
    runtime = runner_stage(APP.format(image="python:3.10", dev=dev))
    installs = [line for line in runtime.splitlines() if "apt-get install" in line]
    # python-dev is not in bookworm (python:3.10's release) but is in older ones: the builder also lists the
    # libraries the outputs link to, installed in a second line (packages.dev_runtime)
    assert installs and "libpq5" in installs[0] and all("python" not in line for line in installs), installs


def test_a_python3_the_file_installs_itself_stays() -> None:
    runtime = runner_stage(APP.format(image="python:3.10", dev="python3-dev python3"))
    assert any("python3" in line for line in runtime.splitlines() if "apt-get install" in line)


def test_debian_s_python_stays_on_a_debian_image() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-dev python3-venv gcc libpq-dev\n"
            "RUN python3 -m venv /opt/venv && /opt/venv/bin/pip install psycopg2\nCOPY app.py /app.py\n"
            "CMD [\"/opt/venv/bin/python\", \"/app.py\"]\n")
    runtime = runner_stage(text)
    assert any("python3" in line for line in runtime.splitlines() if "apt-get install" in line), runtime


def test_the_reason_says_the_runtime_installs_no_second_python() -> None:
    """The reason used to say "the runtime installs python3, the run-time part of python3-dev" for a runtime
    that installs no python3 (seen on jabajke/autohouse)."""
    from transformer import refactor

    messages = [c.message for c in refactor(APP.format(image="python:3.10", dev="python3-dev")).changes]
    assert not any(m.startswith("the runtime installs python3") for m in messages), messages
    assert ("the runtime installs no package for python3-dev: its run-time part, Debian's python3, would be a second "
            "Python: python:3.10-slim runs its own, in /usr/local, which pip built against") in messages, messages
    assert "the runtime installs libpq5, the shared libraries behind libpq-dev" in messages, messages


def test_the_reason_names_no_install_for_a_base_library() -> None:
    """zlib1g-dev's zlib1g is in every Debian image: the runtime installs nothing for it, and says so."""
    from transformer import refactor

    messages = [c.message for c in refactor(APP.format(image="python:3.10", dev="zlib1g-dev")).changes]
    assert not any(m.startswith("the runtime installs zlib1g") for m in messages), messages
    assert ("the runtime installs no package for zlib1g-dev: zlib1g, the shared libraries behind it, is in every "
            "image of the family already") in messages, messages


def test_dev_packages_of_the_same_libraries_make_one_line_of_the_reason() -> None:
    """default-libmysqlclient-dev and libmariadb-dev are both behind libmariadb3: the reason said "the runtime
    installs libmariadb3" twice, once for each (rp26native, Notes_API)."""
    from transformer import refactor

    text = APP.format(image="python:3.11", dev="default-libmysqlclient-dev libmariadb-dev").replace("libpq-dev ", "")
    messages = [c.message for c in refactor(text).changes]
    assert [m for m in messages if m.startswith("the runtime installs libmariadb3")] == [
        "the runtime installs libmariadb3, the shared libraries behind default-libmysqlclient-dev and libmariadb-dev"]
