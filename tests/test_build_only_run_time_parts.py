"""A build-only package may depend on a part of its own source that runs in an image: gettext (msgfmt, xgettext:
build-only) depends on gettext-base, which holds envsubst and gettext.sh. The runtime dropped gettext with nothing in
its place, so a file that installs gettext and runs envsubst in a script the tool cannot read (no build context) got
a runtime where `envsubst: not found`. gen_debian_runtime_map.py now records ``build_only_runtime`` (a build-only
package -> the dependencies of its own source that run in an image, bring no compiler or build-only package and are
no shared library: gcc -> cpp, the preprocessor, is none), and the runtime installs them as it installs python3-dev's
python3 (commands.json's build_tools, which still decide first: php-dev gives nothing on the php image)."""

from __future__ import annotations

import pytest
from conftest import runner_stage
from test_debian_map import gen

from transformer import packages, refactor

DUMP = """\
Package: gettext
Source: gettext
Section: devel
Depends: libc6, libgettextpo0, gettext-base, libtextstyle0v5

Package: gettext-base
Source: gettext
Section: utils
Depends: libc6

Package: libgettextpo0
Source: gettext
Section: libs
Multi-Arch: same

Package: libtextstyle0v5
Source: gettext
Section: libs
Multi-Arch: same

Package: libc6
Source: glibc
Section: libs
Multi-Arch: same

Package: gcc
Source: gcc-defaults
Section: devel
Depends: cpp, gcc-12

Package: cpp
Source: gcc-defaults
Section: interpreters
Depends: cpp-12

Package: cpp-12
Source: gcc-12
Section: interpreters

Package: gcc-12
Source: gcc-12
Section: devel
Depends: cpp-12, libcc1-0

Package: libcc1-0
Source: gcc-12
Section: libs
Multi-Arch: same

Package: tool-dev-helper
Source: tool
Section: devel
Depends: tool-cli, tool-doc

Package: tool-cli
Source: tool
Section: utils
Depends: make

Package: tool-doc
Source: tool
Section: doc

Package: make
Source: make-dfsg
Section: devel
"""


def test_the_generator_records_a_build_only_package_s_run_time_part() -> None:
    """gettext -> gettext-base (its libraries are not parts: they serve its own programs); gcc -> cpp is a
    compiler's part; a part that pulls in a build tool (tool-cli -> make) or documentation is none."""
    doc = gen.build_map(DUMP, "debian 12 bookworm")
    assert doc["build_only_runtime"] == {"gettext": ["gettext-base"]}


def test_the_release_differences_carry_the_run_time_parts() -> None:
    base = {"dev_to_runtime": {}, "build_only": ["a", "b"], "build_only_runtime": {"a": ["a-base"], "b": ["b-x"]}}
    other = {"dev_to_runtime": {}, "build_only": ["a", "c"], "build_only_runtime": {"a": ["a-base"], "c": ["c-x"]}}
    diff = gen.release_diff(base, other)
    assert diff["build_only_runtime"] == {"b": None, "c": ["c-x"]}
    assert gen.apply_diff(base, diff)["build_only_runtime"] == other["build_only_runtime"]


@pytest.mark.parametrize("release", packages.apt_releases())
def test_committed_data_give_gettext_base_and_no_compiler_part(release: str) -> None:
    assert packages.build_only_parts("gettext", release) == ("gettext-base",)
    for tool in ("gcc", "g++", "make", "cmake", "build-essential", "pkg-config", "bison", "flex"):
        assert packages.build_only_parts(tool, release) == (), (tool, release)


def test_a_release_the_data_do_not_know_gets_the_part_every_release_names_alike() -> None:
    assert packages.build_only_parts("gettext", None) == ("gettext-base",)
    assert packages.build_only_parts("gettext", "buster") == ("gettext-base",)


FILE = """\
FROM {image}
RUN apt-get update && apt-get install -y gettext libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN python manage.py compilemessages
CMD ["./start.sh"]
"""


@pytest.mark.parametrize("image", ["python:3.11", "python:3.9-bullseye", "python:2.7"])
def test_the_runtime_keeps_gettext_base_for_a_script_the_tool_cannot_read(image: str) -> None:
    """python:2.7 is on buster, a release the data do not know: libpq5 is listed by the builder (ldd), and
    gettext-base, which every known release names alike, is named."""
    runtime = runner_stage(FILE.format(image=image))
    assert " gettext-base " in runtime, runtime
    assert " gettext " not in runtime and "libpq-dev" not in runtime, runtime


def test_the_note_names_the_run_time_part() -> None:
    result = refactor(FILE.format(image="python:3.11"))
    assert any("gettext-base, the run-time part of gettext" in c.message for c in result.changes), result.changes


def test_a_cmd_running_envsubst_keeps_gettext_base() -> None:
    runtime = runner_stage(FILE.format(image="python:3.11").replace(
        'CMD ["./start.sh"]', "CMD envsubst < app.tmpl > app.ini && python app.py"))
    assert " gettext-base " in runtime, runtime


def test_the_official_python_image_gets_no_second_python_for_python3_11_dev() -> None:
    """python3.11-dev's run-time part is Debian's python3.11: the python image runs its own, as for python3-dev."""
    runtime = runner_stage(FILE.format(image="python:3.11").replace("gettext", "python3.11-dev gcc"))
    assert "python3.11" not in runtime and " python3 " not in runtime, runtime


def test_php_dev_still_gives_nothing_on_the_php_image() -> None:
    """commands.json's build_tools decide first: php8.2-dev's Debian php8.2-cli would be a second PHP."""
    assert packages._runtime_of("php8.2-dev", "apt", "bookworm", "php:8.2").packages == ()
