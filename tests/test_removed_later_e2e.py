"""A build folder made in the copied sources (`mkdir /src/build`), a cmake build installed into /usr/local, then
`RUN rm -rf /src`, on a real engine. The old rewrite's runtime ran `mkdir /src/build` without /src (the COPY of the
sources is not repeated), and its build stopped; now it copies /usr/local alone and the program finds its shared
library after the repeated ldconfig. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "cmake-removed-sources"


def test_a_folder_made_in_sources_removed_later_is_not_made_in_the_runtime() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "mkdir" not in runtime and "COPY --from=builder /usr/local /usr/local" in runtime
    assert "hello from libgreet 1.0 under /usr/local/lib" in verified_default_output(APP, result.text)
