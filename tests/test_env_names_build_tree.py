"""An ENV that names a folder of the tree an out-of-source build works in, which the runtime neither copies nor
gets from the context (OpenDroneMap's image, 28c2d75e: ``cd SuperBuild && mkdir build && cd build && cmake .. &&
make``, with ``PYTHONPATH=...:/code/SuperBuild/src/opensfm`` and ``LD_LIBRARY_PATH=...:/code/SuperBuild/install/lib``:
cmake's superbuild downloads and installs its projects beside the build folder). The runtime copied the build
folder only, so the program found none of them; what the build leaves there is not known, and the file is left
alone, saying so."""

from __future__ import annotations

from conftest import skip_reason, stages

SUPERBUILD = """\
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y build-essential cmake python3
ENV PYTHONPATH="$PYTHONPATH:/code/SuperBuild/src/opensfm"
ENV LD_LIBRARY_PATH="$LD_LIBRARY_PATH:/code/SuperBuild/install/lib"
WORKDIR /code
COPY run.py /code/run.py
COPY SuperBuild/CMakeLists.txt /code/SuperBuild/CMakeLists.txt
RUN cd SuperBuild && mkdir build && cd build && cmake .. && make -j4
ENTRYPOINT ["python3", "/code/run.py"]
"""


def test_an_env_path_beside_the_build_folder_leaves_the_file_alone() -> None:
    reason = skip_reason(SUPERBUILD)
    assert "ENV at line 3 names /code/SuperBuild/src/opensfm" in reason, reason


def test_an_env_path_the_runtime_copies_changes_nothing() -> None:
    builder, runtime = stages(SUPERBUILD.replace("/code/SuperBuild/src/opensfm", "/code/SuperBuild/build/lib")
                              .replace("/code/SuperBuild/install/lib", "/code/SuperBuild/build/lib"))
    assert "COPY --from=builder /code/SuperBuild/build /code/SuperBuild/build" in runtime, runtime


def test_an_env_path_of_the_context_changes_nothing() -> None:
    builder, runtime = stages(SUPERBUILD.replace("/code/SuperBuild/src/opensfm", "/code/SuperBuild")
                              .replace("/code/SuperBuild/install/lib", "/code/run.py"))
    assert "COPY --from=builder /code/SuperBuild/build /code/SuperBuild/build" in runtime, runtime


def test_a_generator_option_s_value_is_no_source_folder() -> None:
    reason = skip_reason(SUPERBUILD.replace("cmake ..", "cmake -G 'Unix Makefiles' .."))
    assert "ENV at line 3 names /code/SuperBuild/src/opensfm" in reason, reason
