"""``npm install -g`` of a package whose native module node-gyp builds from source (heapdump, which ships no prebuilt
binary) with Debian's npm and compilers on debian:bookworm, on a real engine: npm's global prefix is /usr/local (the
npm package's built-in configuration), the install runs as written in the builder, tracked there, and
debian:bookworm-slim gets what it added under /usr/local and Debian's nodejs, without npm, node-gyp and the
compilers; the module loads there as it did in the original image. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-native-debian"


def test_a_global_native_package_built_with_debians_npm_loads_in_the_slim_debian_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "npm install -g heapdump@0.3.15 && { find /usr/local -cnewer" in builder, result.text
    assert runtime.startswith("\nRUN apt-get update && apt-get install -y --no-install-recommends nodejs &&"), \
        result.text
    runs = [line for line in runtime.splitlines() if line.startswith("RUN")]
    assert "COPY --from=builder /opt/staged /\n" in runtime, result.text
    assert not any("npm" in r or "g++" in r for r in runs), result.text
    assert "heapdump built by Debian npm: function" in verified_default_output(APP, result.text)
