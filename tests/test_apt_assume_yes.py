"""The runtime's apt-get install answers yes (-y): an install written without it works on the full image when
every package is there already (python:3.11 ships default-libmysqlclient-dev), but the slim runtime's install
of the run-time library and its dependencies asks "Do you want to continue? [Y/n]", and the build aborts.
Found on pinsily/fireflypro (`RUN apt-get install default-libmysqlclient-dev` on python:3.6)."""

from __future__ import annotations

import pytest
from conftest import runner_stage


def _runtime(install: str) -> str:
    return runner_stage(f"FROM python:3.11\nRUN {install}\nWORKDIR /app\nCOPY . .\n"
                        'RUN pip install mysqlclient\nCMD ["python", "app.py"]\n')


def test_an_install_without_y_gets_it_in_the_runtime() -> None:
    runtime = _runtime("apt-get install default-libmysqlclient-dev")
    assert "apt-get install -y --no-install-recommends libmariadb3" in runtime


def test_an_install_with_no_install_recommends_and_without_y_gets_y() -> None:
    runtime = _runtime("apt-get update && apt-get install --no-install-recommends default-libmysqlclient-dev")
    assert "apt-get install --no-install-recommends -y libmariadb3" in runtime


@pytest.mark.parametrize("option", ["-y", "-yq", "-qq", "--yes", "--assume-yes", "-o APT::Get::Assume-Yes=true"])
def test_an_install_that_answers_itself_is_left_as_it_is(option: str) -> None:
    runtime = _runtime(f"apt-get update && apt-get install {option} default-libmysqlclient-dev")
    assert option in runtime and "libmariadb3" in runtime
    assert runtime.count(" -y ") == (1 if option == "-y" else 0)
