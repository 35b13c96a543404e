"""C/C++: `ninja install` of a build tree `cmake -G Ninja` wrote is cmake's install, into the prefix the cmake
step set (/usr/local by default): the runtime gets what it installed. Before, ninja was taken for a build step
only, and the runtime of rmezeretteENSG/Software_engineering_cours (`cmake -G "Ninja" .. && ninja && ninja
install`, CMD ["HelloWorld"]) had no HelloWorld. An install whose build.ninja the tool did not see written (meson's,
a hand-written one), and `meson install`, are left alone with the cause."""

from __future__ import annotations

import pytest

from transformer import refactor


def _result(image: str, run: str) -> tuple[str | None, str]:
    result = refactor(f"FROM {image}\nRUN apt-get update && apt-get install -y cmake ninja-build g++\n"
                      f"WORKDIR /src\nCOPY . .\nRUN {run}\nCMD [\"hello\"]\n")
    return result.skipped, result.text.partition("AS runner")[2] if result.changed else ""


@pytest.mark.parametrize("run", [
    "cmake -G Ninja -B build && ninja -C build && ninja -C build install",
    'mkdir build && cd build && cmake -G "Ninja" .. && ninja && ninja install',
    "cmake -GNinja -S . -B build && ninja -C build install",
    "cmake -G Ninja -B build && ninja -j 2 -C build all install",
])
def test_ninja_install_copies_cmake_s_prefix(run: str) -> None:
    skipped, runtime = _result("debian:bookworm-slim", run)
    assert "COPY --from=builder /usr/local /usr/local" in runtime, skipped


def test_ninja_install_into_a_configured_prefix() -> None:
    _, runtime = _result("debian:bookworm-slim", "cmake -G Ninja -B build -DCMAKE_INSTALL_PREFIX=/opt/hello "
                                                 "&& ninja -C build install")
    assert "COPY --from=builder /opt/hello /opt/hello" in runtime


def test_ninja_install_into_usr_is_staged_with_destdir_in_the_environment() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y cmake ninja-build g++\n"
                      "WORKDIR /src\nCOPY . .\nRUN cmake -G Ninja -B build -DCMAKE_INSTALL_PREFIX=/usr "
                      "&& ninja -C build install\nCMD [\"hello\"]\n")
    assert "DESTDIR=/opt/staged ninja -C build install && find /opt/staged -name '*.a' -type f -delete " \
        "&& ninja -C build install" in result.text, result.skipped
    assert "COPY --from=builder /opt/staged /" in result.text


@pytest.mark.parametrize("run, cause", [
    ("meson setup build && ninja -C build install", "no cmake -G Ninja wrote it"),
    ("ninja install", "no cmake -G Ninja wrote it"),
    ("meson setup build && meson compile -C build && meson install -C build", "`meson install` installs where"),
])
def test_an_install_of_unknown_build_files_is_left_alone(run: str, cause: str) -> None:
    skipped, _ = _result("debian:bookworm-slim", run)
    assert cause in (skipped or ""), skipped


def test_ninja_without_install_stays_a_build() -> None:
    _, runtime = _result("debian:bookworm-slim", "cmake -G Ninja -B build && ninja -C build")
    assert "COPY --from=builder /src /src" in runtime and "/usr/local" not in runtime
