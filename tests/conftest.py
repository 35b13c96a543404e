"""Shared test setup: Hypothesis profiles and the fixture folders.

HYPOTHESIS_PROFILE=ci (default) keeps the suite fast; HYPOTHESIS_PROFILE=long
runs many more examples.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))  # tests/strategies.py

ROOT = Path(__file__).resolve().parent.parent
SYNTAX_FIXTURES = ROOT / "fixtures" / "syntax"
ERROR_FIXTURES = ROOT / "fixtures" / "syntax-errors"

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def read_fixture(path: Path) -> str:
    """A fixture's exact text (bytes decoded as msrefactor decodes files)."""
    return path.read_bytes().decode("utf-8", "surrogateescape")
