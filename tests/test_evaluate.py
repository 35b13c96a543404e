"""How ENV/ARG values, WORKDIR and USER are evaluated (BuildKit's ProcessWord rules)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import SURROGATES

from transformer.arguments import evaluate_word

ENV = {"A": "x", "EMPTY": "", "HOME": "/home/app"}


@pytest.mark.parametrize(("word", "want"), [
    ('"/opt/venv/bin:$PATH"', "/opt/venv/bin:$PATH"),  # unknown variables stay as written
    ("'$A'", "$A"),  # no expansion inside single quotes
    ('"$A"/b', "x/b"),
    ("${A}c", "xc"),
    ("$HOME/.local", "/home/app/.local"),
    ("${EMPTY:-d}", "d"),
    ("${EMPTY-d}", ""),
    ("${A:-d}", "x"),
    ("${A:+y}", "y"),
    ("${EMPTY:+y}", ""),
    ("${EMPTY+y}", "y"),
    ("${UNKNOWN:-z}", "${UNKNOWN:-z}"),  # may be a build argument: not guessed
    ("a\\ b", "a b"),
    ('"a\\"b"', 'a"b'),
    ('"a\\nb"', "a\\nb"),  # inside double quotes only \" \$ \\ are escapes
    ("${A#x}", "${A#x}"),  # patterns are left alone
    ('"unclosed', '"unclosed'),  # BuildKit would fail: the text comes back as it was
])
def test_evaluate(word: str, want: str) -> None:
    assert evaluate_word(word, ENV) == want


def test_escape_directive() -> None:
    assert evaluate_word("C:\\app", {}, escape="`") == "C:\\app"
    assert evaluate_word("a` b", {}, escape="`") == "a b"


@given(st.text(alphabet=st.characters(exclude_characters="$'\"\\", exclude_categories=SURROGATES)))
def test_plain_text_is_itself(word: str) -> None:
    assert evaluate_word(word, ENV) == word
