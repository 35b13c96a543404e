"""A C or C++ build with OpenMP links GCC's OpenMP library (libgomp), which comes with the compiler's packages, not
with the images: the runtime, which leaves the compiler out, installs it (dev 48a6e54d, ByteSlice: its runtime
failed with `libgomp.so.1: cannot open shared object file`; engine proof: fixtures/apps/cpp-openmp-cmake)."""

from __future__ import annotations

import pytest
from conftest import context_of, runner_stage

from transformer import refactor

FILE = """FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y g++ make cmake
{env}WORKDIR /src
COPY . .
RUN {build}
CMD ["/src/prog"]
"""


@pytest.mark.parametrize(("env", "build", "files"), [
    ("", "g++ -O2 -fopenmp -o prog main.cpp", None),
    ('ENV CXXFLAGS="-O2 -fopenmp"\n', "make", None),
    ("", "make", {"Makefile": "CXXFLAGS = -O2 -fopenmp\nprog: main.cpp\n\t$(CXX) $(CXXFLAGS) -o prog main.cpp\n"}),
    ("", "cmake . && make", {"CMakeLists.txt": "project(p CXX)\nfind_package(OpenMP REQUIRED)\n"
                                                "add_executable(prog main.cpp)\n"}),
])
def test_an_openmp_build_gets_libgomp_at_run_time(env: str, build: str, files: dict[str, str] | None) -> None:
    out = runner_stage(FILE.format(env=env, build=build), files)
    assert "apt-get install -y --no-install-recommends libgomp1" in out, out


@pytest.mark.parametrize(("build", "files"), [
    ("g++ -O2 -o prog main.cpp", None),
    ("make", {"Makefile": "# no -fopenmp here\nprog: main.cpp\n\t$(CXX) -o prog main.cpp\n"}),
    ("cmake . && make", {"CMakeLists.txt": "project(p CXX)\n# find_package(OpenMP)\nadd_executable(prog main.cpp)\n"}),
])
def test_a_build_without_openmp_installs_nothing(build: str, files: dict[str, str] | None) -> None:
    out = runner_stage(FILE.format(env="", build=build), files)
    assert "libgomp" not in out and "apt-get" not in out, out


def test_the_note_says_why() -> None:
    result = refactor(FILE.format(env="", build="g++ -fopenmp -o prog main.cpp"))
    assert any("uses OpenMP" in str(c) and "installs libgomp1" in str(c) for c in result.changes), result.changes


def test_alpine_gets_its_own_package_name() -> None:
    text = FILE.format(env="", build="g++ -fopenmp -o prog main.cpp").replace(
        "debian:bookworm-slim", "alpine:3.19").replace("apt-get update && apt-get install -y", "apk add")
    out = runner_stage(text)
    assert "libgomp" in out and "libgomp1" not in out, out


def test_without_the_build_files_the_runtime_says_what_it_assumes() -> None:
    text = FILE.format(env="", build="cmake . && make")
    assumed = [str(c) for c in refactor(text).changes if "assumed: the build files" in str(c)]
    assert assumed and "libgomp" in assumed[0], refactor(text).changes
    read = context_of({"CMakeLists.txt": "project(p CXX)\nadd_executable(prog main.cpp)\n"})
    assert not any("assumed: the build files" in str(c) for c in refactor(text, read_context=read).changes)
