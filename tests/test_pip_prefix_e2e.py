"""pip's --prefix layout on a real engine: python:3.11 runs its own /usr/local/bin/python, which calls a package's
command by its /usr/local/bin path. A virtual environment would hold neither where the image looks; the builder
installs with PIP_PREFIX=/install and the runtime, python:3.11-slim (the same Python), copies /install to
/usr/local, where the command's shebang (/usr/local/bin/python) and the packages are found. Skipped without a
Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-prefix" / "python-local-bin"


def test_the_prefix_is_copied_to_usr_local_of_the_same_python() -> None:
    text = (APP / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "ENV PIP_PREFIX=/install" in builder and builder.endswith("FROM python:3.11-slim")
    assert "COPY --from=builder /install /usr/local\n" in runtime and "/opt/venv" not in result.text
    assert "<p><em>prefix</em></p> &lt;escaped&gt; by markupsafe 2.1.5" in verified_default_output(APP, result.text)
