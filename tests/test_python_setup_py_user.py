"""Installers that do not read PIP_USER, with pip's user base: ``setup.py install`` and ``develop`` are told
``--user`` in the builder (setuptools takes the user base from PYTHONUSERBASE); ``python -m spacy download``
runs pip in a subprocess that inherits the environment, so PIP_USER reaches it. Before, each was left alone
("does not read pip's settings")."""

from __future__ import annotations

import re

import pytest
from conftest import USER_BASE_BUILDER_ENV as BUILDER_ENV
from conftest import USER_BASE_COPY as COPY
from conftest import stages as _stages
from conftest import without_bin_folder

from transformer import refactor

ALPINE = "FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install flask\n"
APT = "RUN apt-get update && apt-get install -y gcc python-dev python-pip\n"




@pytest.mark.parametrize(("before", "after"), [
    ("RUN cd /app && python3 setup.py install", "RUN cd /app && python3 setup.py install --user"),
    ("RUN python3 /app/setup.py build install --optimize=1", "RUN python3 /app/setup.py build install --user "
                                                            "--optimize=1"),
    ("RUN cd /app && python3 setup.py develop", "RUN cd /app && python3 setup.py develop --user"),
])
def test_setup_py_after_the_user_base_is_told_user(before: str, after: str) -> None:
    builder, runtime = _stages(f"{ALPINE}COPY . /app\n{before}\nCMD [\"python3\", \"/app/a.py\"]\n")
    assert f"{after}\n" in without_bin_folder(builder) and BUILDER_ENV in builder
    assert COPY in runtime and "setup.py" not in runtime


def test_setup_py_as_the_first_install_chooses_the_user_base() -> None:
    # node:18 is built on Debian: its python3 lives under /usr with the distribution's files
    builder, runtime = _stages("FROM node:18\nRUN apt-get update && apt-get install -y python3-setuptools gcc\n"
                               "COPY . /src\nRUN cd /src && python3 setup.py install\nCMD [\"node\", \"s.js\"]\n")
    assert BUILDER_ENV in builder and "python3 setup.py install --user\n" in without_bin_folder(builder)
    assert COPY in runtime and re.search(r"install -y --no-install-recommends [^&\n]*\bpython3 &&", runtime), runtime


def test_setup_py_on_an_image_the_tool_does_not_know() -> None:
    builder, runtime = _stages(f"FROM acme/py:1\n{APT}COPY . /src\n"
                               "RUN pip install flask && cd /src && python setup.py install\n"
                               "CMD [\"python\", \"a.py\"]\n")
    # acme/py:1's release is not in the data: the builder lists python-dev's libraries after the install (ldd)
    assert "cd /src && python setup.py install --user \\\n    && mkdir -p /tmp/runtime-libraries" in \
        without_bin_folder(builder)
    assert COPY in runtime


def test_the_explanation_says_why_user_was_added() -> None:
    result = refactor(f"{ALPINE}COPY . /app\nRUN cd /app && python3 setup.py install\n"
                      "CMD [\"python3\", \"/app/a.py\"]\n")
    said = " ".join(str(c) for c in result.changes)
    assert "the builder adds `--user` to `python3 setup.py install`" in said
    assert "setuptools takes it from PYTHONUSERBASE" in said


def test_setup_py_already_told_user_is_left_as_written() -> None:
    builder, _ = _stages(f"{ALPINE}COPY . /app\nRUN cd /app && python3 setup.py install --user\n"
                         "CMD [\"python3\", \"/app/a.py\"]\n")
    assert "setup.py install --user\n" in without_bin_folder(builder) and "--user --user" not in builder


def test_setup_py_in_a_shell_string_the_tool_cannot_edit_names_the_cause() -> None:
    result = refactor(f"{ALPINE}COPY . /app\nRUN [\"sh\", \"-c\", \"cd /app && python3 setup.py install\"]\n"
                      "CMD [\"python3\", \"/app/a.py\"]\n")
    assert not result.changed
    assert "would need `--user` added in the builder" in (result.skipped or "")


def test_setup_py_in_a_virtual_environment_is_not_told_user() -> None:
    builder, _ = _stages("FROM python:3.11\nCOPY . /app\nRUN cd /app && python setup.py install\n"
                         "CMD [\"python\", \"/app/a.py\"]\n")
    assert "--user" not in builder


def test_spacy_download_after_the_user_base_reaches_pip() -> None:
    builder, runtime = _stages(f"{ALPINE}RUN pip3 install spacy && python3 -m spacy download en_core_web_sm\n"
                               "COPY . /app\nCMD [\"python3\", \"/app/a.py\"]\n")
    assert "python3 -m spacy download en_core_web_sm\n" in without_bin_folder(builder) and BUILDER_ENV in builder
    assert COPY in runtime and "spacy" not in runtime


def test_spacy_download_as_the_first_install_chooses_the_user_base() -> None:
    builder, runtime = _stages(f"FROM acme/py:1\n{APT}RUN python -m spacy download en\nCMD [\"python\", \"a.py\"]\n")
    assert BUILDER_ENV in builder and COPY in runtime
