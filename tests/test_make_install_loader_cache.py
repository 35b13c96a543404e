"""A `make install` into /usr/local that runs ldconfig itself (libspotify's hand-written Makefile; dev file
1bbb573b) lists its libraries of /usr/local/lib in the builder's loader cache; the runtime copied /usr/local after
its package installs and never ran ldconfig, so a program or Python extension linked to the library (pyspotify's,
DT_NEEDED libspotify.so.12) failed to load: /usr/local/lib is read through the cache only. The runtime now runs
ldconfig after the copy, on an apt-based image, as root; not when the file runs ldconfig itself (the runtime
repeats that one), nor on Alpine (musl has no cache)."""

from __future__ import annotations

from conftest import stages

FILE = """FROM ubuntu:16.04
RUN apt-get update && apt-get install -y build-essential wget python-pip python-dev libffi-dev
RUN wget https://example.com/libfoo-1.0-Linux-x86_64.tar.gz && tar xvf libfoo-1.0-Linux-x86_64.tar.gz
RUN cd libfoo-1.0-Linux-x86_64/ && make install prefix=/usr/local
{extra}WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
{user}CMD ["python", "app.py"]
"""


def test_the_runtime_refreshes_the_loader_cache_after_the_copy() -> None:
    _, runtime = stages(FILE.format(extra="", user=""))
    copy = runtime.index("COPY --from=builder /usr/local /usr/local")
    assert runtime.index("RUN ldconfig\n") > copy, runtime
    assert runtime.count("ldconfig") == 1, runtime


def test_as_root_when_the_file_runs_as_another_user() -> None:
    text = FILE.replace("COPY requirements.txt .\nRUN pip", "COPY requirements.txt .\nUSER app\nRUN pip",
                        1).format(extra="RUN useradd app\n", user="")
    _, runtime = stages(text)
    at = runtime.index("RUN ldconfig\n")
    assert runtime[:at].rstrip().endswith("USER 0"), runtime
    assert runtime[at:].split("\n")[1].startswith("USER app"), runtime


def test_not_twice_when_the_file_runs_ldconfig() -> None:
    _, runtime = stages(FILE.format(extra="RUN ldconfig\n", user=""))
    assert runtime.count("RUN ldconfig") == 1, runtime
