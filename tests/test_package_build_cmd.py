"""A CMD that builds a distribution package (``dpkg-buildpackage -b``, debuild, rpmbuild) runs a build at run time,
with the build dependencies (``apt-get build-dep``) and the sources (``apt-get source``) the file put in the image:
dev file 4513ec20's runtime repeated the build-dep install but had neither devscripts nor the source folder its
WORKDIR names, so the CMD's patch and build failed. The file is left alone, with that cause."""

from __future__ import annotations

import pytest
from conftest import skip_reason

DEB = """\
FROM ubuntu:22.04
WORKDIR /build
RUN apt-get update && apt-get -y install devscripts wget gcc
RUN wget https://example.com/hello_2.10.orig.tar.gz && tar xzf hello_2.10.orig.tar.gz
WORKDIR /build/hello-2.10
CMD {cmd}
"""


@pytest.mark.parametrize("cmd", ["dpkg-buildpackage -b --no-sign && cp ../*.deb /out/", '["debuild", "-us", "-uc"]',
                                 "rpmbuild -ba hello.spec"])
def test_a_command_that_builds_a_package_leaves_the_file_alone(cmd: str) -> None:
    assert "builds" in skip_reason(DEB.format(cmd=cmd)) and "package at run time" in skip_reason(DEB.format(cmd=cmd))
