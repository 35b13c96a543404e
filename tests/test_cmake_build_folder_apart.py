"""cmake run in / with its source and build folders elsewhere (`cmake -S /tmp/src -B /tmp/src/build`, then
`cmake --build /tmp/src/build -j"$(nproc)"` and `cmake --install`): the build folder is the one -B names, not /, and
`cmake --build` configures nothing, so its `-j"$(nproc)"` names no install prefix (modern 013, ROS 2's libfreenect
build: skipped with "`cmake --install` installs into a prefix the file does not show (`-j"$(nproc)"`)", and, without
the -j, with "the build leaves outputs in /")."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y build-essential cmake git libusb-1.0-0-dev
RUN git clone --depth 1 https://github.com/OpenKinect/libfreenect /tmp/libfreenect \\
 && cmake -S /tmp/libfreenect -B /tmp/libfreenect/build -DCMAKE_INSTALL_PREFIX=/usr/local \\
 && cmake --build /tmp/libfreenect/build {jobs} \\
 && cmake --install /tmp/libfreenect/build \\
 && ldconfig
CMD ["freenect-tiltdemo"]
"""


@pytest.mark.parametrize("jobs", ['-j"$(nproc)"', "-j4", ""])
def test_the_install_of_a_build_folder_apart_is_copied(jobs: str) -> None:
    runtime = runner_stage(FILE.format(jobs=jobs))
    assert "FROM debian:bookworm-slim" in runtime and "libusb-1.0-0" in runtime, runtime
    assert "COPY --from=builder /usr/local /usr/local" in runtime, runtime
    assert "COPY --from=builder / " not in runtime and "build-essential" not in runtime, runtime
