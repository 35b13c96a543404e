"""A file that replaces /etc/apt/sources.list with another release's lists installs that release's packages: the
run-time libraries behind its -dev packages have that release's names, not those of the image's tag (dev file
574886a98fca: `FROM ubuntu`, written when that was precise, then `echo "deb ... precise main universe" >
/etc/apt/sources.list` and libmysqlclient-dev; the runtime installed noble's libmysqlclient21, which precise
lacks)."""

from __future__ import annotations

from conftest import stages

SENTRY = ("FROM ubuntu\n"
          'RUN echo "deb http://archive.ubuntu.com/ubuntu precise main universe" > /etc/apt/sources.list\n'
          "RUN apt-get update && apt-get install -y python python-dev python-pip build-essential "
          "libmysqlclient-dev\n"
          "RUN pip install MySQL-python sentry\n"
          'ENTRYPOINT ["/usr/local/bin/sentry"]\n')


def test_the_libraries_of_another_release_are_listed_by_the_builder() -> None:
    _, runtime = stages(SENTRY)
    assert "libmysqlclient21" not in runtime
    assert "/opt/runtime-packages" in runtime


def test_added_lists_keep_the_image_release() -> None:
    _, runtime = stages(SENTRY.replace("> /etc/apt/sources.list", ">> /etc/apt/sources.list")
                        .replace("FROM ubuntu\n", "FROM ubuntu:22.04\n"))
    assert "libmysqlclient21" in runtime
