"""A -dev package that stands for many libraries (libboost-all-dev: every Boost library, MPI's among them) has the
builder list what the outputs link (ldd), on a release the data know too: the runtime installed all of them (read21
MISSED, dev 72bcfaad: monero's `release-static` build, which links Boost statically, got 23 Boost libraries, MPI
and ICU in its runtime)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = """FROM debian:bookworm
RUN apt-get update && apt-get install -y g++ {dev}
COPY main.cpp /src/main.cpp
RUN g++ -O2 -o /usr/local/bin/app /src/main.cpp -lboost_filesystem
CMD ["/usr/local/bin/app"]
"""


@pytest.mark.parametrize("image", ["debian:bookworm", "debian:latest", "debian"])
def test_the_builder_lists_what_the_program_links(image: str) -> None:
    # rp10 K4RU3/Tactica-main-service: on debian:latest, whose runtime is debian:stable-slim, the runtime installed
    # all 32 Boost libraries (378.3 MB against 161.5 MB): stable-slim was not seen as the builder's release
    result = refactor(FILE.format(dev="libboost-all-dev").replace("debian:bookworm", image))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "xargs -r apt-get install" in runtime and "/opt/runtime-packages" in runtime, runtime
    assert "libboost-mpi" not in result.text and "libicu" not in runtime
    assert any("the data name every run-time library behind libboost-all-dev" in str(c) for c in result.changes)


def test_a_package_of_a_few_libraries_is_named() -> None:
    runtime = runner_stage(FILE.format(dev="libboost-filesystem-dev"))
    assert "libboost-filesystem1.74.0" in runtime and "/opt/runtime-packages" not in runtime, runtime
