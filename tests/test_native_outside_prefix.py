"""C/C++: a configure that sends installed files outside its prefix (``--sysconfdir=/etc``,
``-DCMAKE_INSTALL_SYSCONFDIR=/etc``), and an autogen.sh, which passes its arguments to configure.

Copying the prefix whole would leave the files sent elsewhere out of the runtime: the install is staged with
DESTDIR (which catches every folder) when the build files honour it (a configure of unknown making's are taken
to, and the builder checks every top folder they install into), else the file is left alone and the reason names
the option. autogen.sh's ``--prefix`` is configure's.
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
        "&& find /opt/staged -name '*.a' -type f -delete && make install\n"
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
    # a project's own install folder (MariaDB's connector: rp28review AndreBaretta/Dafoe, libmariadbcpp in /usr/lib)
    "mkdir build && cd build && cmake .. -DINSTALL_INCLUDEDIR=/usr/include/mariadb -DINSTALL_LIBDIR=/usr/lib && make"
    " && make install",
    "cmake -DLIB_INSTALL_DIR=/usr/lib . && make && make install",
    # a folder option given apart from its value
    "autoreconf -i && ./configure --prefix=/opt/app --localstatedir /var && make && make install",
])
def test_folders_outside_the_prefix_stage_the_install(run: str) -> None:
    result = refactor(_file(run))
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert STAGED in runtime
    assert "/usr/local /usr/local" not in runtime and "/opt/app /opt/app" not in runtime


@pytest.mark.parametrize(("run", "check"), [
    # a configure of unknown making: the check looks in the prefix's top folder and in /etc, not in /opt/staged
    ("./configure --prefix=/opt/app --sysconfdir=/etc && make && make install",
     "find /etc /opt -path /opt/staged -prune -o -newer /tmp/destdir.stamp ! -type d ! -name '*.pyc' -print"),
    # autogen.sh's --prefix is configure's: /usr, not /usr/local
    ("./autogen.sh --prefix=/usr --sysconfdir=/etc --localstatedir=/var && make && make install",
     "find /etc /usr /var -newer /tmp/destdir.stamp ! -type d ! -name '*.pyc'"),
])
def test_an_assumed_install_is_checked_in_every_folder_it_writes_into(run: str, check: str) -> None:
    result = refactor(_file(run))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    assert f'make install DESTDIR=/opt/staged && {{ test -z "$({check})" || exit 1; }} && ' in builder
    assert "&& make install\n" in builder, builder  # (with /var, the links' folders moved between)
    assert STAGED in runtime


@pytest.mark.parametrize(("run", "why"), [
    # an argument of autogen.sh's own: where it installs is not known (kimchi's picks /usr, /etc and /var)
    ("./autogen.sh --system && make && make install", "autogen.sh's `--system`, which the tool does not know"),
    ("./configure --sysconfdir=$ETC && make && make install", "(`--sysconfdir=$ETC`)"),
])
def test_what_cannot_be_staged_is_left_alone_with_the_option_named(run: str, why: str) -> None:
    result = refactor(_file(run))
    assert not result.changed, result.text
    assert why in (result.skipped or "")
    assert (result.skipped or "").endswith("which the builder checks by looking for files the staged install wrote "
                                           "in the folders it installs into, but one of those folders is not known")


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
