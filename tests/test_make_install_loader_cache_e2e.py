"""A `make install` into /usr/local that runs ldconfig itself, on a real engine: the program it installs links to
the library it installs in /usr/local/lib, which the loader finds through its cache only. The runtime runs
ldconfig after the copy of /usr/local (before, it never did and the program failed to load the library).
Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y gcc make
COPY . /src
RUN cd /src && make install prefix=/usr/local
CMD ["hello"]
"""

# a hand-written Makefile, as libspotify's: no DESTDIR, and ldconfig at the end of its install
MAKEFILE = """prefix ?= /usr

install:
\tmkdir -p $(prefix)/lib $(prefix)/bin
\tgcc -shared -fPIC -Wl,-soname,libhello.so.1 -o $(prefix)/lib/libhello.so.1 hello.c
\tln -sf libhello.so.1 $(prefix)/lib/libhello.so
\tgcc -o $(prefix)/bin/hello main.c -L$(prefix)/lib -lhello
\tldconfig
"""


def test_the_library_make_install_put_in_usr_local_loads(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "Makefile").write_text(MAKEFILE)
    (tmp_path / "hello.c").write_text('#include <stdio.h>\nint hello(void){puts("hello from libhello");return 0;}\n')
    (tmp_path / "main.c").write_text("int hello(void);\nint main(void){return hello();}\n")
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "hello from libhello"
    assert "RUN ldconfig" in result.text, result.text
