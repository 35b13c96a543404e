"""A downloaded file decompressed in its place (``gunzip x.gz``, ``xz -d x.tar.xz``): the download is gone and its
decompressed copy is what the runtime copies (the copy of the download itself would fail the build). A file the
build did not download, or a decompression that keeps its input, changes nothing."""

from __future__ import annotations

import pytest

from transformer import refactor


def _runtime(run: str) -> str:
    text = f"FROM debian:bookworm\nWORKDIR /app\nRUN {run}\nCMD [\"/app/serve\"]\n"
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


@pytest.mark.parametrize(("run", "copied"), [
    ("wget https://example.org/data-1.0.csv.gz && gunzip data-1.0.csv.gz", "/app/data-1.0.csv"),
    ("wget https://example.org/p-1.tar.xz && xz -d -v p-1.tar.xz", "/app/p-1.tar"),
    ("curl -o /opt/p.tgz https://example.org/p-1.tgz && gzip --decompress /opt/p.tgz", "/opt/p.tar"),
    ("wget https://example.org/words.bz2 && bunzip2 -f words.bz2", "/app/words"),
])
def test_the_decompressed_copy_is_copied_instead_of_the_download(run: str, copied: str) -> None:
    runtime = _runtime(run)
    assert f"COPY --from=builder {copied} {copied}\n" in runtime, runtime
    assert ".gz " not in runtime and ".xz " not in runtime and ".tgz " not in runtime and ".bz2 " not in runtime


@pytest.mark.parametrize("run", [
    "wget https://example.org/data.csv.xz && xz -dk data.csv.xz",  # keeps the download
    "wget https://example.org/data.csv.xz && xz -l data.csv.xz",  # lists it
    "wget https://example.org/data.csv.xz && xz -t data.csv.xz",  # tests it
])
def test_a_decompression_that_keeps_the_download_copies_it(run: str) -> None:
    assert "COPY --from=builder /app/data.csv.xz /app/data.csv.xz\n" in _runtime(run)
