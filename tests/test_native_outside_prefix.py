"""C/C++: a configure that sends installed files outside its prefix (``--sysconfdir=/etc``,
``-DCMAKE_INSTALL_SYSCONFDIR=/etc``), and an autogen.sh, which passes its arguments to configure.

Copying the prefix whole would leave the files sent elsewhere out of the runtime: the install is staged with
DESTDIR (which catches every folder) when the build files are known to honour it, else the file is left alone
and the reason names the option. autogen.sh's ``--prefix`` is configure's.
"""

from __future__ import annotations

import pytest

from transformer import refactor

STAGED = "COPY --from=builder /opt/staged /"


def _file(run: str) -> str:
    return f"FROM debian:bookworm\nWORKDIR /src\nCOPY . .\nRUN {run}\nCMD [\"hello\"]\n"


def test_an_automake_install_with_its_configuration_in_etc_is_staged() -> None:
    result = refactor(_file("autoreconf -i && ./configure --sysconfdir=/etc && make && make install"))
    assert result.changed, result.skipped
    assert result.text == (
        "FROM debian:bookworm AS builder\n"
        "WORKDIR /src\n"
        "COPY . .\n"
        "RUN autoreconf -i && ./configure --sysconfdir=/etc && make && make install DESTDIR=/opt/staged "
        "&& make install\n"
        "\n"
        "FROM debian:bookworm-slim AS runner\n"
        "WORKDIR /src\n"
        "COPY --from=builder /src /src\n"
        f"{STAGED}\n"
        "CMD [\"hello\"]\n")
    assert "installs into /usr/local and outside it (`--sysconfdir=/etc`)" in "\n".join(
        str(c) for c in result.changes)


@pytest.mark.parametrize("run", [
    # cmake's own folder options; `cmake --build` between does not undo what the configure said
    "cmake -B build -DCMAKE_INSTALL_SYSCONFDIR=/etc . && cmake --build build && cmake --install build",
    "cmake -DCMAKE_INSTALL_LIBDIR:PATH=/usr/lib/x86_64-linux-gnu . && make && make install",
    # a folder option given apart from its value
    "autoreconf -i && ./configure --prefix=/opt/app --localstatedir /var && make && make install",
])
def test_folders_outside_the_prefix_stage_the_install(run: str) -> None:
    result = refactor(_file(run))
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert STAGED in runtime
    assert "/usr/local /usr/local" not in runtime and "/opt/app /opt/app" not in runtime


@pytest.mark.parametrize(("run", "why"), [
    # a configure of unknown making: its Makefile may ignore DESTDIR
    ("./configure --prefix=/opt/app --sysconfdir=/etc && make && make install",
     "`make install` installs into /opt/app and, as the build was configured (`--sysconfdir=/etc`), outside it"),
    # autogen.sh's --prefix is configure's: /usr, not /usr/local
    ("./autogen.sh --prefix=/usr && make && make install", "`make install` installs into /usr, among the files"),
    # an argument of autogen.sh's own: where it installs is not known (kimchi's picks /usr, /etc and /var)
    ("./autogen.sh --system && make && make install", "autogen.sh's `--system`, which the tool does not know"),
    ("./configure --sysconfdir=$ETC && make && make install", "(`--sysconfdir=$ETC`)"),
])
def test_what_cannot_be_staged_is_left_alone_with_the_option_named(run: str, why: str) -> None:
    result = refactor(_file(run))
    assert not result.changed, result.text
    assert why in (result.skipped or "")


@pytest.mark.parametrize(("run", "copy"), [
    # folders inside the prefix: the prefix is copied whole, as before
    ("autoreconf -i && ./configure --libdir=/usr/local/lib64 && make && make install", "/usr/local"),
    # autogen.sh's arguments that configure takes and that move no file
    ("./autogen.sh --prefix=/opt/x --enable-foo --with-ssl CFLAGS=-O2 && make && make install", "/opt/x"),
    # a later configure of the same folder says where its files go instead
    ("./configure --prefix=/opt/x --sysconfdir=/etc && ./configure --prefix=/opt/x && make && make install",
     "/opt/x"),
])
def test_an_install_confined_to_its_prefix_copies_the_prefix(run: str, copy: str) -> None:
    result = refactor(_file(run))
    assert result.changed, result.skipped
    assert f"COPY --from=builder {copy} {copy}\n" in result.text and "/opt/staged" not in result.text
