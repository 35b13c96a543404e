"""A corpus of real Dockerfiles: set MSREFACTOR_CORPUS=DIR to run.

Every file under DIR (recursively) must round-trip byte for byte, and match the
oracle (PyPI ``dockerfile``) or be rejected by both; known divergences are
counted, not failed. A summary is printed (run with ``-s`` to see it).
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
from strategies import compare_with_oracle

import transformer

pytestmark = pytest.mark.corpus

CORPUS = os.environ.get("MSREFACTOR_CORPUS")


def _files() -> list[Path]:
    if not CORPUS:
        return []
    return sorted(p for p in Path(CORPUS).rglob("*") if p.is_file())


@pytest.mark.skipif(not CORPUS, reason="set MSREFACTOR_CORPUS=DIR to run the corpus tests")
def test_corpus() -> None:
    pytest.importorskip("dockerfile")
    files = _files()
    assert files, f"no files under {CORPUS}"
    stats: Counter[str] = Counter()
    rejected: Counter[str] = Counter()
    failures: list[str] = []
    for path in files:
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        try:
            tree = transformer.parse(text)
        except transformer.DockerfileSyntaxError as e:
            rejected[e.message.split(":")[0][:60]] += 1
            stats["rejected"] += 1
        except Exception as e:  # noqa: BLE001 - reported as a failure below
            failures.append(f"{path}: crash {type(e).__name__}: {e}")
            continue
        else:
            if transformer.render(tree) == text:
                stats["roundtrip"] += 1
            else:
                failures.append(f"{path}: round trip differs")
        verdict, detail = compare_with_oracle(text)
        stats[verdict] += 1
        if verdict == "skip":
            stats[f"skip:{detail}"] += 1
        elif verdict == "differ":
            failures.append(f"{path}: parity\n{detail}")
    n = len(files)
    accepted = n - stats["rejected"]
    print(f"\ncorpus {CORPUS}: {n} files")
    print(f"  round trip: {stats['roundtrip']}/{accepted} accepted files")
    print(f"  parity: {stats['same']} same, {stats['skip']} known divergences, {stats['differ']} differ")
    for key, count in sorted(stats.items()):
        if key.startswith("skip:"):
            print(f"    {key[5:]}: {count}")
    print(f"  rejected: {stats['rejected']}")
    for reason, count in rejected.most_common():
        print(f"    {count:6d}  {reason}")
    assert not failures, "\n".join(failures[:20]) + f"\n({len(failures)} failures)"
