"""C/C++: where `make install` and `cmake --install` put the program, so the runtime copies it."""

from __future__ import annotations

import pytest

from transformer import refactor


def runner(run: str, cmd: str = '["/opt/app/bin/app"]') -> str:
    result = refactor(f"FROM gcc:12\nWORKDIR /src\nCOPY . .\nRUN {run}\nCMD {cmd}\n")
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


@pytest.mark.parametrize("run", [
    "make && make install PREFIX=/opt/app",
    "make && PREFIX=/opt/app make install",
    "make && make install prefix=/opt/app",
    "./configure --prefix=/opt/app && make && make install",
    "cmake -S . -B build -DCMAKE_INSTALL_PREFIX:PATH=/opt/app && cmake --build build && make -C build install",
    "cmake -S . -B build && cmake --build build && cmake --install build --prefix /opt/app",
    "cmake -S . -B build -DCMAKE_INSTALL_PREFIX=/opt/app && cmake --build build --target install",
])
def test_the_install_prefix_is_copied(run: str) -> None:
    assert "COPY --from=builder /opt/app /opt/app" in runner(run)


def test_default_prefix_and_destdir() -> None:
    # gcc's image has the compiler itself under /usr/local: copying it whole would carry GCC to the runtime, so
    # what the install adds there is tracked (gcc's userland is GNU's) and copied alone
    on_gcc = refactor("FROM gcc:12\nWORKDIR /src\nCOPY . .\nRUN make && make install PREFIX=/usr/local\n"
                      "CMD [\"hello\"]\n")
    assert on_gcc.changed, on_gcc.skipped
    assert "find /usr/local " in on_gcc.text and "-cnewer /tmp/install.stamp" in on_gcc.text
    assert "COPY --from=builder /usr/local /usr/local" not in on_gcc.text.split("AS runner")[1]
    # a distribution image has nothing there: what the build installed is all there is
    on_debian = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\n"
                         "WORKDIR /src\nCOPY . .\nRUN ./configure && make && make install\nCMD [\"hello\"]\n")
    assert "COPY --from=builder /usr/local /usr/local" in on_debian.text.split("AS runner")[1]
    staged = runner("make && make install DESTDIR=/out", '["/out/usr/local/bin/app"]')
    assert "COPY --from=builder /out /out" in staged
