"""Build the seed corpora of the atheris harnesses from the fixtures and the shared
e2e apps: ``python fuzz/make_corpus.py DIR`` writes DIR/parse, DIR/refactor, DIR/cli.

The cli harness reads its first byte as the mode, so its seeds get one prefix byte
per mode."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]

import invariants  # noqa: E402


def _write(folder: Path, data: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def build(out: Path) -> int:
    seeds = [p.read_bytes() for p in invariants.seed_paths()]
    for data in seeds:
        _write(out / "parse", data)
        _write(out / "refactor", data)
        for mode in range(len(invariants.CLI_MODES)):
            _write(out / "cli", bytes([mode]) + data)
    return len(seeds)


if __name__ == "__main__":
    n = build(Path(sys.argv[1]))
    print(f"seed corpus: {n} files from the fixtures and e2e apps", file=sys.stderr)
