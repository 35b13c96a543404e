"""``npm install -g`` of a package whose native module node-gyp builds with the full node image's own compilers
(791c8719's node-sass; heapdump here, which ships no prebuilt module) on a real engine: the install runs as written
in the builder, tracked, and node:18-slim, which has no compiler, gets what it added under /usr/local (the runtime
installed it again, and node-gyp failed there). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "node-global-native-image"


def test_a_global_native_package_built_with_the_images_compilers_loads_in_the_slim_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "npm install -g heapdump@0.3.15 && {" in builder, result.text
    assert "COPY --from=builder /opt/staged /\n" in runtime and "npm install" not in runtime, result.text
    assert "heapdump built from source: function 1m" in verified_default_output(APP, result.text)
