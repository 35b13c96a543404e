"""A file copied out of the context folder the same RUN deletes (``pip install /finder && cp /finder/search.py .
&& rm -rf /finder``), on a real engine: the runtime, python:3.11-slim without /finder, copies /search.py from
the builder instead of repeating the cp (which failed: cp: cannot stat '/finder/search.py'), and runs it.
Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-copied-out-of-deleted"


def test_a_file_copied_out_of_a_deleted_folder_is_copied_from_the_builder_and_runs() -> None:
    result, _, runtime = rewrite_app(APP)
    assert "COPY --from=builder /search.py /search.py" in runtime and "cp " not in runtime, result.text
    assert "which exists: False" in verified_default_output(APP, result.text)
