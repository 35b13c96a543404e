"""A file that sets no CMD or ENTRYPOINT and installs tox or nox makes a test environment: its users run the test
runner, which makes its own environments and installs the project's dependencies into them at run time, building
what has no wheel with the image's compilers and headers. Dev file 4ebd638b (python:3.6, libsnappy-dev, `pip install
tox`, the project copied) was rewritten onto the slim image without them; it is now left alone."""

from __future__ import annotations

from transformer import refactor

TEXT = ("FROM python:3.11\nRUN apt-get update && apt-get install -y libsnappy-dev\nRUN {install}\nWORKDIR /src\n"
        "COPY . .\n{cmd}")


def test_tox_without_a_command_is_left_alone() -> None:
    for install in ("pip install tox", "python -m pip install 'tox<4'", "pip3 install nox"):
        result = refactor(TEXT.format(install=install, cmd=""))
        assert not result.changed, install
        assert "test environment" in (result.skipped or ""), result.skipped


def test_an_app_that_installs_tox_and_sets_its_command_is_read_as_before() -> None:
    result = refactor(TEXT.format(install="pip install tox flask", cmd='CMD ["python", "app.py"]\n'))
    assert "test environment" not in (result.skipped or "")


def test_other_packages_without_a_command_are_read_as_before() -> None:
    result = refactor(TEXT.format(install="pip install toxiproxy-python", cmd=""))
    assert "test environment" not in (result.skipped or "")
