"""A GUI program built with Debian's openjdk-17-jdk, on a real engine: the runtime gets openjdk-17-jre, the JRE the
JDK depends on, which holds AWT's X11 toolkit; with the headless JRE it used to get, loading the toolkit failed
(as dev file 0f8b905a's Swing program would). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "jdk-gui-library"


def test_the_gui_program_finds_its_toolkit() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "openjdk-17-jre " in runtime and "headless" not in runtime, runtime
    assert "X11 toolkit loaded" in verified_default_output(APP, result.text)
