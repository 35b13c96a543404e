"""Debian files whole programs under ``Section: devel`` that run in the built image, not in its build: highlight
(source code to HTML, which a web app calls), shellcheck and yamllint (checkers an image of checks runs on the files
it is given), debuggers (lldb-15, delve), servers (webhook, runc). gen_debian_runtime_map.py filed every ``devel``
package but a -dev one as build-only, so a runtime stage dropped them, and a program that runs `highlight` failed
there. The generator now names them (RUN_TIME_TOOLS), and the committed data are regenerated with it."""

from __future__ import annotations

import pytest
from conftest import runner_stage
from test_debian_map import gen

from transformer import packages

DUMP = """\
Package: gcc
Source: gcc-defaults
Section: devel

Package: cmake
Section: devel

Package: highlight
Depends: libc6, highlight-common
Section: devel

Package: shellcheck
Section: devel

Package: lldb-15
Source: llvm-toolchain-15
Section: devel

Package: webhook
Section: devel
"""


def test_generator_files_run_time_programs_of_devel_as_run_time() -> None:
    doc = gen.build_map(DUMP, "debian 12 bookworm")
    assert doc["build_only"] == ["cmake", "gcc"]


@pytest.mark.parametrize("release", packages.apt_releases())
@pytest.mark.parametrize("name", ["highlight", "shellcheck", "yamllint", "source-highlight", "cppcheck"])
def test_committed_data_keep_them_at_run_time(release: str, name: str) -> None:
    assert not packages.is_build_only(name, "apt", release)


@pytest.mark.parametrize("name", ["gcc", "make", "cmake", "gettext", "bison"])
def test_compilers_and_build_systems_stay_build_only(name: str) -> None:
    assert packages.is_build_only(name, "apt")


FILE = """\
FROM python:3.11
RUN apt-get update && apt-get install -y {pkg} libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""


@pytest.mark.parametrize("pkg", ["highlight", "shellcheck"])
def test_the_runtime_keeps_a_run_time_program_filed_under_devel(pkg: str) -> None:
    runtime = runner_stage(FILE.format(pkg=pkg))
    assert f" {pkg} " in runtime and "libpq5" in runtime and "libpq-dev" not in runtime, runtime


def test_the_runtime_keeps_gettext_base_for_envsubst_run_by_the_command() -> None:
    runtime = runner_stage(FILE.format(pkg="gettext-base").replace(
        'CMD ["python", "app.py"]', "CMD envsubst < app.tmpl > app.ini && python app.py"))
    assert " gettext-base " in runtime, runtime
