"""A tracked install over /usr (a hand-written Makefile's, whose prefix the file does not give) beside a configured
install into /usr/local, which the runtime copies whole: the staging folder held the tracked program under
usr/local as well, so the runtime stored it twice (read29 4c029d58: snabb; 4 dev files). The builder now deletes
the staging folder's usr/local after the tracked copy; the runtime still gets both programs (the e2e test, on the
engine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

from transformer import refactor

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "handwritten-beside-usr-local"


def test_the_staging_folder_leaves_out_what_the_runtime_copies_whole() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "find /opt/staged -name '*.a' -type f -delete && rm -rf /opt/staged/usr/local \\\n" in builder
    assert "COPY --from=builder /opt/staged /\n" in runtime
    assert "COPY --from=builder /usr/local /usr/local\n" in runtime
    assert any("`rm -rf /opt/staged/usr/local`: the runtime copies that folder whole" in str(c)
               for c in result.changes), result.changes


def test_without_a_whole_copy_of_usr_local_the_staging_folder_is_kept() -> None:
    text = (APP / "Dockerfile").read_text().replace(" \\\n    && cd /src/shout && ./configure && make && make install",
                                                    "")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/local /usr/local" not in result.text
    assert "rm -rf /opt/staged" not in result.text


@pytest.mark.e2e
def test_both_programs_reach_the_runtime_e2e() -> None:
    result, _, _ = rewrite_app(APP)
    output = verified_default_output(APP, result.text)
    assert "greet: installed by a hand-written Makefile" in output
    assert "shout: installed by a configured Makefile" in output
