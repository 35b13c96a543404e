"""A folder a RUN makes before the build fills it (`RUN mkdir /facenet /workdir`), and links to the build's modules
named by a pattern (`ln -s /facenet/node_modules/* /node_modules/`), as dev file 63f44ec6577f has them, on a real
engine: the runtime used to repeat the `mkdir` after the copy of /facenet/node_modules ("mkdir: cannot create
directory '/facenet': File exists") and the `ln` before it (the pattern matched nothing). Now the `mkdir` stays at
its place and the `ln` follows the copy: the links are there and the app runs. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-made-folder-links"


def test_the_folder_is_made_before_the_copy_and_the_pattern_expanded_after_it(tmp_path: Path) -> None:
    # rewritten beside none of its files, as the dev file was (with package.json read, the tool had it right)
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    copy = runtime.index("COPY --from=builder /facenet /facenet")
    assert runtime.index("RUN mkdir /facenet /workdir") < copy < runtime.index("ln -s /facenet/node_modules/*")
    assert "app true /facenet true" in verified_default_output(APP, result.text)
