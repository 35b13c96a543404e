"""A make target of the Makefile's own that installs (``make altinstall``, Python's; ``make suidinstall``,
kismet's; ``make install_sw``, OpenSSL's) was read as a build in the build folder: where the file removes that
folder, the runtime copied nothing and lost the program (vimagick/dockerfiles kismet: ``./configure --prefix=/usr
&& make && make suidinstall && ... && rm -rf /opt/kismet``, ``CMD ["kismet"]``). It installs where the Makefile
says, which the tool does not read: the file is left alone with that cause, as for ``make install-lib``."""

from __future__ import annotations

import pytest

import transformer


def _file(target: str) -> str:
    return ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc make curl libssl-dev\n"
            "RUN mkdir /src && cd /src && curl -sSL https://e.com/x.tgz | tar xz --strip 1 && ./configure "
            f"--prefix=/usr && make && make {target} && cd / && rm -rf /src\nCMD [\"x\"]\n")


@pytest.mark.parametrize("target", ["altinstall", "suidinstall", "install_sw", "install-lib"])
def test_an_install_target_of_the_makefile_is_left_alone(target: str) -> None:
    result = transformer.refactor(_file(target))
    assert not result.changed
    assert f"`make {target}` installs where the Makefile says" in (result.reason or "")


def test_make_install_still_changes() -> None:
    result = transformer.refactor(_file("install"))
    assert result.changed and "make install DESTDIR=" in result.text
