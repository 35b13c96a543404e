"""A program run through poetry (`poetry run greet`) on a real engine: python:3.11 becomes python:3.11-slim. poetry
(2.1.3, and 1.8.3) would make the project's environment under its cache, with a hash of the project's path in its
name; the builder sets virtualenvs.in-project, so it is the project's .venv, which the runtime copies with the
project, and the runtime installs poetry again, as the original does, whose `poetry run` finds that environment.
(Before, the file was left alone.) Skipped without a Docker engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "poetry"


@pytest.mark.parametrize("app", ["poetry-run", "poetry-run-1.8"])  # poetry 2.1.3, and 1.8.3 (settings of its own)
def test_poetry_run_finds_the_projects_environment_in_the_runtime(app: str) -> None:
    path = FIXTURES / app
    result, builder, runtime = rewrite_app(path)
    assert builder.index("ENV POETRY_VIRTUALENVS_IN_PROJECT=true") < builder.index("RUN poetry install")
    assert 'RUN pip install "poetry==$POETRY_VERSION"' in runtime and "poetry install" not in runtime
    assert [line for line in runtime.splitlines() if line.startswith("COPY")] == [
        "COPY --from=builder /srv/greeter /srv/greeter"]
    output = verified_default_output(path, result.text)
    assert "&lt;poetry&gt; greeted by greeter 0.1.0 with markupsafe 2.1.5" in output


def test_poetry_run_finds_the_environment_under_the_cache_folder_the_file_names(tmp_path: Path) -> None:
    """POETRY_CACHE_DIR=/tmp/poetry_cache: poetry makes the environment under /tmp/poetry_cache/virtualenvs, which
    the runtime copies (not the folder's package cache), where its `poetry run` finds it. (Before: "`poetry install`
    is not understood".) The poetry-run app, with that ENV added."""
    path = tmp_path / "poetry-run-cache-dir"
    shutil.copytree(FIXTURES / "poetry-run", path)
    dockerfile = path / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace(
        "ENV PIP_NO_CACHE_DIR=1 POETRY_VERSION=2.1.3\n",
        "ENV PIP_NO_CACHE_DIR=1 POETRY_VERSION=2.1.3 POETRY_CACHE_DIR=/tmp/poetry_cache\n", 1))
    result, _, runtime = rewrite_app(path)
    assert [line for line in runtime.splitlines() if line.startswith("COPY")] == [
        "COPY --from=builder /tmp/poetry_cache/virtualenvs /tmp/poetry_cache/virtualenvs",
        "COPY --from=builder /srv/greeter /srv/greeter"]
    output = verified_default_output(path, result.text)
    assert "&lt;poetry&gt; greeted by greeter 0.1.0 with markupsafe 2.1.5" in output
