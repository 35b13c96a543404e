"""A tracked install (npm's global install after compilers, staged in /opt/staged and copied to /) beside an archive
unpacked in /opt, which the runtime copies whole, on a real engine: the runtime copied /opt/staged along with /opt and
never to /, so the global package's command was missing; then it copied it to / and held it a second time in its
/opt (size only): the builder now moves the staging folder out of /opt after the build. Skipped without a Docker
engine.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import rewrite_app, verified

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-global-tracked-opt"


def test_the_staged_install_reaches_root_beside_the_copy_of_opt() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "COPY --from=builder /staged /\n" in runtime and "COPY --from=builder /opt /opt\n" in runtime, runtime
    assert "&& test ! -e /staged && mv /opt/staged /staged\n" in builder, builder
    report = verified(APP, result.text, keep_images=True)
    try:
        outputs = [ms.output for orig, ms in report.smoke if orig.kind == "default"]
        assert outputs and "moo" in outputs[0] and "tools-ok" in outputs[0], outputs
        # the staged files are at / only, not a second time in the runtime's /opt
        found = subprocess.run(["docker", "run", "--rm", "--network", "host", "--entrypoint", "sh",
                                report.images["result"], "-c", "ls /opt; command -v cowsay"],
                               capture_output=True, text=True, timeout=300)
        assert found.returncode == 0 and "staged" not in found.stdout.split(), found
        assert "/usr/local/bin/cowsay" in found.stdout, found
    finally:
        for tag in report.images.values():
            subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=120)
