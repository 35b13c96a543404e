"""A bootstrap script's steps of autoconf and gettext (autoheader, autopoint) are build steps like aclocal and
automake around them (rp22c haproxytech/spoa-mirror: `aclocal -I m4; autoheader; automake --add-missing --copy;
autoconf`, skipped with "`autoheader` is not understood"; the hand-written split was 76 % smaller)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y autoconf automake autopoint build-essential libev-dev pkg-config
WORKDIR /build
COPY . .
RUN aclocal -I m4 && {step} && automake --add-missing --copy && autoconf
RUN ./configure && make all
ENTRYPOINT ["./src/server"]
"""


@pytest.mark.parametrize("step", ["autoheader", "autopoint --force"])
def test_an_autotools_bootstrap_is_a_build(step: str) -> None:
    runtime = runner_stage(FILE.format(step=step), {"configure.ac": "AC_INIT([s], [1])\n",
                                                     "Makefile.am": "SUBDIRS = src\n"})
    assert "FROM debian:bookworm-slim" in runtime and "libev4" in runtime, runtime
    assert "autoconf" not in runtime and "build-essential" not in runtime, runtime
