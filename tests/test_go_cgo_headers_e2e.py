"""A Go program whose local package links SQLite with cgo (and has a stub for CGO_ENABLED=0, as go-sqlite3 has),
built on golang:1.19 after libsqlite3-dev, on a real engine. The tool reads only the main package's files, which
import no "C": it used to set CGO_ENABLED=0, and the runtime built, then panicked in the stub. With the headers
of a C library installed before the build, cgo stays on and the runtime keeps libsqlite3-0. Skipped without a
Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-cgo-headers"


def test_a_go_build_after_libsqlite3_dev_keeps_cgo_and_runs() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "CGO_ENABLED" not in builder and "libsqlite3-0" in runtime, result.text
    assert "sqlite true" in verified_default_output(APP, result.text)
