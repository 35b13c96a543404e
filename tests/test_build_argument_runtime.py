"""A runtime image a pass chooses (pip's --prefix or user-base layout: ``python:3.8`` -> ``python:3.8-slim``) for a
FROM whose tag is a build argument follows that argument, as the plan's own choice does: rp6's
juliohm1978/python-project (`ARG PYTHON_VERSION`, `FROM python:${PYTHON_VERSION}`, `ENTRYPOINT
["/usr/local/bin/python", ...]`) got `FROM python:slim`, another Python than the builder's under the
`--build-arg PYTHON_VERSION=3.8.3` its Makefile passes."""

from __future__ import annotations

import pytest
from conftest import skip_reason

from transformer import refactor

FILE = """ARG PYTHON_VERSION{default}

FROM python:${{PYTHON_VERSION}}

RUN groupadd --system user && useradd --system --gid user user
ADD --chown=user:user src/requirements.txt /opt/app/requirements.txt
RUN pip install -r /opt/app/requirements.txt
ADD --chown=user:user src /opt/app
USER user
ENTRYPOINT [ "/usr/local/bin/python", "/opt/app/main.py" ]
"""


def test_the_pass_s_runtime_follows_the_argument() -> None:
    result = refactor(FILE.format(default="=3.8"))
    assert result.changed, result.skipped
    assert "FROM python:${PYTHON_VERSION}-slim AS runner\n" in result.text, result.text
    assert any("the runtime image follows ARG PYTHON_VERSION" in str(c) for c in result.changes)


@pytest.mark.parametrize("default", ["", "="])
def test_an_argument_with_no_default_leaves_the_file_alone(default: str) -> None:
    assert "depends on a build argument with no default" in skip_reason(FILE.format(default=default))
