"""A virtual environment made on an official python image before 3.9 gets the image's own pip: `python -m venv`
installs the pip the interpreter bundles (ensurepip), which on old releases predates the image's (3.6's 18.1
against 21.x) and cannot install manylinux2010/2014 wheels, so a requirement pinned to a version that has only
those (cryptography 3.4+, psycopg2-binary 2.9) would be built from source in the builder and fail where the
original installed a wheel (a reviewer's find over 49 venv rewrites of dev files on python:3.5-3.8)."""

from __future__ import annotations

import pytest
from conftest import stages

FILE = """FROM {image}
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""
PINNED = "RUN python -m venv /opt/venv && /opt/venv/bin/pip install --no-cache-dir " \
         "\"pip==$(python -c 'import pip; print(pip.__version__)')\"\n"


@pytest.mark.parametrize("image", ["python:3.6", "python:3.8.10-buster", "python:3.5-jessie"])
def test_an_old_python_image_gives_the_environment_its_own_pip(image: str) -> None:
    builder, _ = stages(FILE.format(image=image))
    assert PINNED in builder, builder
    assert builder.index(PINNED) < builder.index("RUN pip install -r requirements.txt"), builder


@pytest.mark.parametrize("image", ["python:3.11", "python:3.9", "python:3", "python:latest"])
def test_a_current_python_image_keeps_the_pip_venv_installs(image: str) -> None:
    builder, _ = stages(FILE.format(image=image))
    assert "RUN python -m venv /opt/venv\n" in builder, builder
