"""The newest GCC images (gcc:15, gcc:latest, plain gcc) are built on Debian trixie: a program they build needs
trixie's C library (gcc 15's default -std=gnu23 binds strtol and sscanf to glibc 2.38's __isoc23_ symbols) and a
libstdc++ at least as new as GCC 13's (<iostream> needs GLIBCXX_3.4.32). Their runtime used to be
debian:bookworm-slim (glibc 2.36, GCC 12's libstdc++), where such a program does not start. Seen on
ShubhamPatil007/Jenkins_Docker_CPP_1.0 (gcc:latest, cmake, an <iostream> hello world). A tag with no version
(gcc:latest, plain gcc) is now left alone, as it moves on to GCCs newer than trixie's (test_gcc_libstdcxx)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

CPP = """FROM {image}
RUN apt-get -y update && apt-get -y install cmake
COPY . /usr/src/hello
WORKDIR /usr/src/hello
RUN cmake . && make
CMD ["./main"]
"""


# gcc:latest and plain gcc, on trixie too, move on with each GCC: left alone (test_gcc_libstdcxx)
@pytest.mark.parametrize("image", ["gcc:15", "gcc:15.2.0"])
def test_the_newest_gcc_runs_on_trixie(image: str) -> None:
    assert runner_stage(CPP.format(image=image)).startswith("FROM debian:trixie-slim AS runner\n")


@pytest.mark.parametrize("image", ["gcc:12", "gcc:12-bookworm"])  # newer ones on bookworm: test_gcc_libstdcxx
def test_a_gcc_built_on_bookworm_stays_on_bookworm(image: str) -> None:
    assert runner_stage(CPP.format(image=image)).startswith("FROM debian:bookworm-slim AS runner\n")
