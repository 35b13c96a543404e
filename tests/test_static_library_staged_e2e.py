"""A static library staged with its program, on a real engine: `./configure && make && make install` into
/usr/local on gcc:12 (where the image has files of its own) is staged with DESTDIR, and the builder deletes the
staged `*.a` before the runtime copies the staged folder to /: the program, linked with the archive, runs without
it (dev 3c6df6f9: a static FFmpeg's archives were 230 of its 278 MB staged). Skipped without a Docker engine."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import verified_images

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-static-library-staged"


def _listing(image: str) -> str:
    return subprocess.run(["docker", "run", "--rm", "--network", "host", "--entrypoint", "sh", image, "-c",
                           "ls /usr/local/lib /usr/local/include /usr/local/bin"],
                          capture_output=True, text=True, timeout=300).stdout


def test_the_staged_copy_leaves_the_static_library_out() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "find /opt/staged -name '*.a' -type f -delete" in builder
    assert "COPY --from=builder /opt/staged /" in runtime
    with verified_images(APP, result.text) as report:
        outputs = [ms.output for orig, ms in report.smoke if orig.kind == "default"]
        assert outputs and "bar=42, linked from a static library" in outputs[0], outputs
        original, rewritten = _listing(report.images["original"]), _listing(report.images["result"])
        assert "libbar.a" in original.split(), original
        assert "libbar.a" not in rewritten.split() and "bar" in rewritten.split(), rewritten
        assert "bar.h" in rewritten.split(), rewritten  # headers are left: only the archives are a linker's alone
