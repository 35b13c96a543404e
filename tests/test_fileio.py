"""The build context reader: what a pass sees of the folder next to the Dockerfile."""

from __future__ import annotations

import os
from pathlib import Path

from transformer.fileio import context_reader


def test_a_listing_marks_folders_and_leaves_symlinks_out(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    os.symlink(tmp_path / "a.txt", tmp_path / "link.txt")
    os.symlink(tmp_path / "src", tmp_path / "linked")
    assert context_reader(tmp_path)("./") == "a.txt\nb.txt\nsrc/\n"


def test_a_path_out_of_the_context_reads_as_missing(tmp_path: Path) -> None:
    (tmp_path / "outside.txt").write_text("secret")
    (tmp_path / "ctx").mkdir()
    os.symlink(tmp_path / "outside.txt", tmp_path / "ctx" / "escape.txt")
    read = context_reader(tmp_path / "ctx")
    assert read("../outside.txt") is None
    assert read("escape.txt") is None
    assert read("missing/") is None


def test_each_path_is_read_once_per_reader(tmp_path: Path) -> None:
    # a reader serves one refactoring, over which the context stands still: a folder listed many times (by
    # several passes) is listed once, and a file read once
    (tmp_path / "requirements.txt").write_text("flask\n")
    read = context_reader(tmp_path)
    assert read("./") == "requirements.txt\n" and read("requirements.txt") == "flask\n"
    (tmp_path / "new.txt").write_text("x")
    (tmp_path / "requirements.txt").write_text("django\n")
    assert read("./") == "requirements.txt\n" and read("requirements.txt") == "flask\n"
    assert context_reader(tmp_path)("./") == "new.txt\nrequirements.txt\n"  # a new reader reads anew
