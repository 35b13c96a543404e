"""Before/after fixtures: fixtures/refactor/<case>/Dockerfile -> expected.Dockerfile.

Each case also has expected.json: whether it changes, the skip reason (a
substring), and change messages that must be among the reasons. The expected
files were written by running the tool and reviewing every output by hand;
regenerate one with `msrefactor fixtures/refactor/CASE/Dockerfile -o .../expected.Dockerfile`
only after reviewing the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transformer import parse, refactor
from transformer.fileio import context_reader

CASES = sorted(p for p in (Path(__file__).parent.parent / "fixtures" / "refactor").iterdir() if p.is_dir())


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", "surrogateescape")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture(case: Path) -> None:
    text = _read(case / "Dockerfile")
    expected = json.loads((case / "expected.json").read_text())
    result = refactor(text, read_context=context_reader(str(case)))
    assert result.changed == expected["changed"], result.skipped
    if expected["changed"]:
        assert result.skipped is None
        assert result.text == _read(case / "expected.Dockerfile")
        messages = [c.message for c in result.changes]
        for want in expected.get("reasons", []):
            assert any(want in m for m in messages), (want, messages)
    else:
        assert result.text == text
        assert expected["skipped"] in (result.skipped or "")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_second_run_changes_nothing(case: Path) -> None:
    text = _read(case / "Dockerfile")
    first = refactor(text, read_context=context_reader(str(case)))
    second = refactor(first.text, read_context=context_reader(str(case)))
    assert not second.changed
    assert second.text == first.text


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_keeps_comments_and_is_safe(case: Path) -> None:
    text = _read(case / "Dockerfile")
    result = refactor(text, read_context=context_reader(str(case)))
    before = [c.text.strip() for c in _comments(parse(text))]
    after = [c.text.strip() for c in _comments(parse(result.text))]
    for c in before:
        assert c in after, c
    tree = parse(result.text)
    names: list[str] = []
    for stage in tree.stages:
        for inst in stage.instructions:
            src = inst.flag("from")
            if inst.cmd == "copy" and src is not None and ":" not in src and "/" not in src:
                assert src in names, f"COPY --from={src} names no earlier stage"
        if stage.name:
            assert stage.name.lower() not in names, "stage names must be unique"
            names.append(stage.name.lower())


def _comments(tree):  # type: ignore[no-untyped-def]
    from transformer.tree import Comment

    out = [i for i in tree.preamble if isinstance(i, Comment)]
    for stage in tree.stages:
        out += list(stage.leading) + [i for i in stage.body if isinstance(i, Comment)]
        for inst in [stage.from_, *stage.instructions]:
            out += [Comment(c) for c in inst.comments]
    return out
