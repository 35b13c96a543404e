"""A build step and a package install the runtime needs in one command (a condition, pipe or loop): the
runtime cannot repeat just the install, and dropped the unit whole; the program the package file installs was
then missing from the runtime (jessfraz/dockerfiles cura: ``wget URL -O /tmp/cura.deb && apt update && dpkg -i
/tmp/cura.deb || true && apt-get -yf install``, ``CMD ["cura-lulzbot"]``). The file is left alone with that
cause; a condition whose install the runtime does not need is still dropped."""

from __future__ import annotations

import transformer


def _refactor(run: str) -> transformer.refactor.Result:  # type: ignore[name-defined]
    return transformer.refactor("FROM ubuntu:bionic\nRUN apt-get update && apt-get install -y wget libssl-dev\n"
                                f"RUN {run}\nCMD [\"cura\"]\n")


def test_a_package_file_installed_in_a_condition_with_its_download_is_left_alone() -> None:
    result = _refactor("wget http://e.com/cura.deb -O /tmp/cura.deb && dpkg -i /tmp/cura.deb || true "
                       "&& apt-get -yf install && rm -rf /tmp/cura.deb")
    assert not result.changed
    assert "`dpkg -i /tmp/cura.deb`, which installs packages the runtime needs" in (result.reason or "")


def test_a_package_the_runtime_keeps_installed_in_a_condition_with_a_build_is_left_alone() -> None:
    result = _refactor("wget http://e.com/src.tgz -O /tmp/s.tgz && apt-get install -y libxml2 || true")
    assert not result.changed and "which installs packages the runtime needs" in (result.reason or "")


def test_the_download_and_the_install_apart_still_change() -> None:
    result = _refactor("wget http://e.com/cura.deb -O /tmp/cura.deb && dpkg -i /tmp/cura.deb "
                       "&& apt-get -yf install && rm -rf /tmp/cura.deb")
    assert result.changed and "dpkg -i /opt/package-files/cura.deb" in result.text


def test_a_build_only_install_in_a_condition_with_a_build_is_still_dropped() -> None:
    result = _refactor("apt-get install -y gcc make && make -C /src || true")
    assert result.changed and "gcc" not in result.text.split(" AS runner")[1]
