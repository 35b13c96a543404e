"""An edit after the last build of a file inside a folder the runtime copies (``echo ... >>
node_modules/is-number/index.js`` after ``npm install``) on a real engine: the copy brings the file edited once, as
the original has it; the runtime repeated the edit, and the line ran twice (dev files 30483771, 516752ac). Skipped
without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "edit-copied-output"


def test_the_runtime_does_not_edit_the_copied_file_again() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /app/node_modules /app/node_modules" in runtime, result.text
    assert ">>" not in runtime, result.text
    assert verified_default_output(APP, result.text).count("patched line") == 1
