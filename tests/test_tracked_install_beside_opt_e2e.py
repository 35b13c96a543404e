"""A tracked install (npm's global install after compilers, copied from /opt/staged to /) beside an archive unpacked
in /opt, which the runtime copies whole, on a real engine: the runtime copied /opt/staged along with /opt and never to
/, so the global package's command was missing. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-global-tracked-opt"


def test_the_staged_install_reaches_root_beside_the_copy_of_opt() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /opt/staged /\n" in runtime and "COPY --from=builder /opt /opt\n" in runtime, runtime
    output = verified_default_output(APP, result.text)
    assert "moo" in output and "tools-ok" in output, output
