"""uWSGI built by pip with a Debian or Ubuntu release's own python3 links the interpreter's shared library
(libpython3.X.so.1.0), which python3 does not bring: the runtime installs the release's libpython3.X too. The
official python image's Python has its library in /usr/local/lib: nothing is added there. The e2e proof is
test_uwsgi_libpython_e2e.py."""

from __future__ import annotations

import pytest
from conftest import stages

from transformer import refactor


def _file(image: str, pip: str = "pip3 install -r requirements.txt", python: str = "python3 python3-pip") -> str:
    return (f"FROM {image}\nRUN apt-get update && apt-get install -y {python}\nWORKDIR /app\nCOPY . /app\n"
            f"RUN {pip}\nCMD [\"uwsgi\", \"uwsgi.ini\"]\n")


def _runtime(text: str, requirements: str = "Django\nuwsgi\n") -> str:
    result = refactor(text, read_context={"requirements.txt": requirements}.get)
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


@pytest.mark.parametrize(("image", "library"), [
    ("debian:bookworm", "libpython3.11"), ("ubuntu:22.04", "libpython3.10"), ("ubuntu:18.04", "libpython3.6"),
    ("ubuntu:20.04", "libpython3.8"), ("debian:bullseye", "libpython3.9")])
def test_uwsgi_of_the_release_python3_gets_its_libpython(image: str, library: str) -> None:
    runtime = _runtime(_file(image))
    assert f" {library} " in runtime, runtime
    assert "python3-pip" not in runtime


def test_the_explanation_names_uwsgi_and_the_library() -> None:
    result = refactor(_file("debian:bookworm", "pip3 install --break-system-packages uwsgi"))
    assert any("uwsgi is built against libpython3-dev: the runtime installs libpython3.11" in str(c)
               for c in result.changes), result.changes


def test_python3_dev_named_by_the_file_too() -> None:
    runtime = _runtime(_file("ubuntu:22.04", python="python3 python3-dev python3-pip build-essential"))
    assert " libpython3.10 " in runtime and "python3-dev" not in runtime


def test_no_uwsgi_no_libpython() -> None:
    assert "libpython" not in _runtime(_file("debian:bookworm"), "Django\ngunicorn\n")


def test_the_official_image_has_its_own_libpython() -> None:
    _, runtime = stages("FROM python:3.11\nWORKDIR /app\nRUN pip install uwsgi\nCMD [\"uwsgi\", \"uwsgi.ini\"]\n")
    assert "libpython" not in runtime


def test_a_python_of_another_version_than_the_release_gets_no_guess() -> None:
    # deadsnakes' python3.9 on ubuntu:22.04: the release's libpython3-dev (3.10) is not its library
    text = _file("ubuntu:22.04", "python3.9 -m pip install uwsgi", python="python3.9 python3.9-dev python3-pip")
    result = refactor(text)
    assert "libpython3.10" not in (result.text or "")
