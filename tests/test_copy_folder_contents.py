"""A copy whose source names the files of a folder, not the folder (rsync's ``src/``, ``src/.`` of cp and rsync),
puts those files into the destination itself: the runtime copies the destination whole, not a folder named as the
source inside it (which the builder does not have)."""

from __future__ import annotations

import pytest

from transformer import refactor


def _runtime(copy: str) -> str:
    text = ("FROM python:3.11\n"
            f"RUN cd /tmp && git clone https://example.com/x/src && {copy}\n"
            "WORKDIR /app\nCMD [\"python\", \"main.py\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.partition("AS runner")[2]


@pytest.mark.parametrize("copy", ["rsync -av /tmp/src/ /app", "cp -a /tmp/src/. /app", "rsync -a /tmp/src/. /app/"])
def test_the_files_of_a_folder_land_in_the_destination(copy: str) -> None:
    runtime = _runtime(copy)
    assert "COPY --from=builder /app /app\n" in runtime
    assert "/app/src" not in runtime


@pytest.mark.parametrize("copy", ["rsync -a /tmp/src /app", "cp -r /tmp/src /app/"])
def test_a_folder_named_without_its_files_lands_inside_the_destination(copy: str) -> None:
    assert "COPY --from=builder /app/src /app/src\n" in _runtime(copy)
