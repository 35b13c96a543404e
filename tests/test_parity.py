"""Every fixture against the oracle: PyPI ``dockerfile`` (BuildKit's Go parser).

Known divergences (see tests/strategies.py, KNOWN_DIVERGENCES) are skipped with
their reason; anything else that differs fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ERROR_FIXTURES, SYNTAX_FIXTURES, read_fixture
from strategies import KNOWN_DIVERGENCES, Rejected, compare_with_oracle, oracle_records

pytest.importorskip("dockerfile")

FIXTURES = sorted(SYNTAX_FIXTURES.glob("*.Dockerfile")) + sorted(ERROR_FIXTURES.glob("*.Dockerfile"))


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_matches_oracle(path: Path) -> None:
    verdict, detail = compare_with_oracle(read_fixture(path))
    if verdict == "skip":
        pytest.skip(f"known divergence: {KNOWN_DIVERGENCES[detail]}")
    assert verdict == "same", detail


@pytest.mark.parametrize("path", sorted(ERROR_FIXTURES.glob("*.Dockerfile")), ids=lambda p: p.stem)
def test_error_fixtures_rejected_by_oracle(path: Path) -> None:
    assert isinstance(oracle_records(read_fixture(path)), Rejected)
