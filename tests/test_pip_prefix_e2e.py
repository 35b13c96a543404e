"""pip's --prefix layout on a real engine: python:3.11 runs its own /usr/local/bin/python, which calls a package's
command by its /usr/local/bin path. A virtual environment would hold neither where the image looks; the builder
installs with PIP_PREFIX=/install and the runtime, python:3.11-slim (the same Python), copies /install to
/usr/local, where the command's shebang (/usr/local/bin/python) and the packages are found. Skipped without a
Docker engine.

python:3 does not name its minor version, so the builder cannot name PREFIX/lib/pythonX.Y/site-packages in its
PYTHONPATH: it installs into /install as pip's user base instead (PIP_USER, PYTHONUSERBASE), which has --prefix's
layout and which the builder's Python reads by itself; the runtime, python:3-slim, copies it to /usr/local all the
same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pip-prefix"
APP = FIXTURES / "python-local-bin"


def test_the_prefix_is_copied_to_usr_local_of_the_same_python() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "ENV PIP_PREFIX=/install" in builder and builder.endswith("FROM python:3.11-slim")
    assert "COPY --from=builder /install /usr/local\n" in runtime and "/opt/venv" not in result.text
    assert "<p><em>prefix</em></p> &lt;escaped&gt; by markupsafe 2.1.5" in verified_default_output(APP, result.text)


def test_the_user_base_of_a_tag_without_its_minor_version_is_copied_to_usr_local() -> None:
    app = FIXTURES / "python3-user-base"
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert 'ENV PIP_USER=1 PYTHONUSERBASE=/install PATH="/install/bin:$PATH"' in builder
    assert builder.endswith("FROM python:3-slim") and "PYTHONPATH" not in result.text
    assert "COPY --from=builder /install /usr/local\n" in runtime and "/opt/venv" not in result.text
    assert "PIP_USER" not in runtime
    output = verified_default_output(app, result.text)
    assert "<p><em>user base</em></p> &lt;escaped&gt; from /usr/local on 3" in output
