"""pip's user base on a real engine: a Node image whose Python tool pip installs with Debian's Python (the zoo
has no Alpine; Debian's python3 under /usr stands for Alpine's). The refactoring installs it into /opt/python
with PIP_USER; the runtime, node:18-slim with python3, copies that folder alone and reads it through
PYTHONUSERBASE, as another user than root, and finds the command pip put in /opt/python/bin and the C
extension gcc built. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output, without_bin_folder

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "pip-user" / "node-python-tool"


def test_the_user_base_is_copied_alone_and_read_by_another_user() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert 'ENV PIP_USER=1 PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"' in builder
    assert "COPY --from=builder /opt/python /opt/python" in runtime and "PIP_USER" not in runtime
    # the console script from /opt/python/bin ran as `app`, with markupsafe's C speedups built in the builder
    assert "&lt;rendered by markupsafe 2.1.5 as app&gt;" in verified_default_output(APP, result.text)


SETUP_PY = Path(__file__).resolve().parents[1] / "fixtures" / "pip-user" / "node-setup-py"


def test_setup_py_install_is_told_user_and_lands_in_the_user_base() -> None:
    # `python3 setup.py install` with Debian's setuptools does not read PIP_USER: the builder adds --user,
    # and the console script and the C extension it built run from /opt/python in node:18-slim
    text = (SETUP_PY / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(SETUP_PY)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "RUN cd /src && python3 setup.py install --user\n" in without_bin_folder(builder)
    assert "COPY --from=builder /opt/python /opt/python" in runtime
    assert "greeted in C" in verified_default_output(SETUP_PY, result.text)
