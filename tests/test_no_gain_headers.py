"""A slim Python image whose only build-only packages are a library's headers (libpq-dev, with libssl-dev): the
runtime, the same image, would copy a virtual environment with a pip and setuptools of its own (about 20 MB), more
than the headers and pip's cache it leaves out. A real project built end to end (rp4: notes-task, Django on
python:3.11-slim) grew by 5 MB (515 -> 520 MB). Left alone, as a cache-only gain already was; a compiler, an
interpreter's headers (python3-dev brings Debian's python3) or a large -dev package still gain."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = """FROM python:3.11-slim
WORKDIR /code
RUN apt-get update && apt-get install -y --no-install-recommends {packages} && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["gunicorn", "app.wsgi:application"]
"""


def test_headers_alone_are_no_gain() -> None:
    result = refactor(FILE.format(packages="netcat-traditional libpq-dev"))
    assert not result.changed
    assert "(libpq-dev) are headers of a few MB" in (result.skipped or ""), result.skipped


@pytest.mark.parametrize("packages", ["libpq-dev gcc", "python3-dev", "libpq-dev build-essential"])
def test_a_compiler_or_an_interpreter_s_headers_still_gain(packages: str) -> None:
    assert refactor(FILE.format(packages=packages)).changed
