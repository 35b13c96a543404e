"""Python 2's pip on an unversioned Debian or Ubuntu tag (``FROM ubuntu`` and ``apt-get install python-pip``): the
release the tag names today has no python-pip, so the file was written for an older one, which may have been
trusty's or jessie's pip 1.5; that pip counts the distribution's requests, six... as installed, and a requirement
they met is in no folder the runtime copies. The tool cannot tell the release: the reason says what it assumed
(read23 60eb10a6, which said nothing)."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = """\
FROM {image}
RUN apt-get update && apt-get install -y python python-dev {pip} gcc
COPY . /src
RUN pip install -r /src/requirements.txt
CMD ["python", "/src/app.py"]
"""
ASSUMED = "whose python-pip is not pip 1.5 (trusty's, jessie's)"


@pytest.mark.parametrize("image", ["ubuntu", "ubuntu:latest", "debian"])
def test_the_assumption_about_the_release_is_stated(image: str) -> None:
    result = refactor(FILE.format(image=image, pip="python-pip"))
    assert result.changed, result.skipped
    assert any(f"assumed: {image} named a release {ASSUMED}" in str(c) for c in result.changes)


# an image the tool does not know, built on some Debian or Ubuntu release (read25 1478be66: raghothams/py2.7-dev)
def test_the_assumption_is_stated_on_an_image_the_tool_does_not_know() -> None:
    result = refactor(FILE.format(image="raghothams/py2.7-dev", pip="python-pip"))
    assert result.changed, result.skipped
    assert any(f"assumed: raghothams/py2.7-dev is built on a release (the tool does not know the image) {ASSUMED}"
               in str(c) for c in result.changes), [str(c) for c in result.changes]


@pytest.mark.parametrize(("image", "pip"), [("ubuntu:14.04", "python-pip"), ("ubuntu:18.04", "python-pip"),
                                            ("ubuntu", "python3-pip")])
def test_a_known_release_or_python3s_pip_needs_no_such_assumption(image: str, pip: str) -> None:
    result = refactor(FILE.format(image=image, pip=pip).replace("python python-dev", "python3 python3-dev"))
    assert not any(ASSUMED in str(c) for c in result.changes)


# bionic's python3-pip recommends python3-wheel, whose keyring brings python3-six: with the recommended packages pip
# counts `six==1.11.0` as met and puts it nowhere the runtime copies (read27 2de661dc); the reasons say so
RECOMMENDED = "assumed: pip met none of the requirements with a Python package of the distribution that the "


@pytest.mark.parametrize(("apt", "said"), [("python3 python3-pip", True),
                                           ("--no-install-recommends python3 python3-pip", False)])
def test_the_recommended_python_packages_of_pip_are_named_in_an_assumption(apt: str, said: bool) -> None:
    result = refactor(f"FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y {apt} gcc\nCOPY . /src\n"
                      "RUN pip3 install -r /src/requirements.txt\nCMD [\"python3\", \"/src/app.py\"]\n")
    assert result.changed, result.skipped
    assert any(str(c).startswith(RECOMMENDED) or RECOMMENDED in str(c) for c in result.changes) is said
