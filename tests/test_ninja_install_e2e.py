"""`ninja install` on a real engine: a shared library and a program using it, configured with `cmake -G Ninja`
and installed into /usr/local with `ninja -C build install && ldconfig`, run by name (CMD ["hello"]). The runtime,
debian:bookworm-slim without cmake, ninja and the compiler, copies /usr/local and repeats the ldconfig; the old
rewrite copied the build folder alone and `hello` was not found (seen on rmezeretteENSG/Software_engineering_cours).
Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "cmake-ninja-install"


def test_a_ninja_install_is_copied_and_runs_in_the_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /usr/local /usr/local" in runtime and "ninja-build" not in runtime
    assert "hello from libgreet 1.0 under /usr/local/lib" in verified_default_output(APP, result.text)
