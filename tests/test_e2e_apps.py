"""test_e2e builds every fixture app except those whose own engine test verifies the same rewrite: each such test must
still name the app, rewrite it with its own folder as the context and verify that rewrite on the engine, or the app
would not be built at all."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from e2e_apps import VERIFIED_ELSEWHERE

TESTS = Path(__file__).resolve().parent
APPS = TESTS.parent / "fixtures" / "apps"
REWRITTEN = re.compile(r"rewrite_app\(APP\)|context_reader\(str\(APP\)\)|context_reader\(APP\)")
VERIFIED = re.compile(r"verified(?:_default_output|_images)?\(APP\b|verify_file\(APP\b")


@pytest.mark.parametrize("app", sorted(VERIFIED_ELSEWHERE))
def test_the_app_s_own_test_verifies_its_rewrite(app: str) -> None:
    assert (APPS / app / "Dockerfile").is_file(), app
    source = (TESTS / f"{VERIFIED_ELSEWHERE[app]}.py").read_text()
    assert f'APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "{app}"' in source
    assert "pytest.mark.e2e" in source
    assert REWRITTEN.search(source) and VERIFIED.search(source), VERIFIED_ELSEWHERE[app]
