"""`pipenv install --system` as another user than root: pip cannot write the image's Python and falls back to the user's
site (~/.local); the rewrite copied the image's site-packages (rp19py atlassian-labs/connect-security-req-tester:
`ModuleNotFoundError: No module named 'fire'`), or made a virtual environment as root that the user's pipenv could
not write. Such a file is left alone."""

from __future__ import annotations

from conftest import skip_reason

PIPENV_AS_USER = """FROM python:3.11-slim
RUN pip install pipenv
RUN apt-get update && apt-get install -y build-essential
RUN useradd -m app
USER app
WORKDIR /app
COPY . /app
RUN pipenv install --system
ENTRYPOINT ["python3", "main.py"]
"""


def test_pipenv_system_as_another_user_is_left_alone() -> None:
    # pip falls back to /home/app/.local (rp19py atlassian-labs/connect-security-req-tester): the rewrite copied the
    # image's site-packages, and `ModuleNotFoundError: No module named 'fire'`
    reason = skip_reason(PIPENV_AS_USER)
    assert "runs as app, who cannot write the image's Python" in reason, reason
