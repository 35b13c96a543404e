"""`poetry install` for an image whose command runs `poetry run`: the tool puts the environment in the project's
folder (virtualenvs.in-project) where the runtime copies it, unless a compose service that builds the file bind-mounts
a folder over it (rp25pypkg Mizhik/intership_back: `.:/app` hid /app/.venv, and `poetry run` made an empty one:
`ModuleNotFoundError: No module named 'uvicorn'`). Then the environments stay under poetry's cache folder, as in the
original, and the runtime copies that folder (the helper's run with the mount: 200, 1134 -> 547 MB)."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

FILE = """FROM python:3.11
RUN pip install poetry==1.8.2
WORKDIR /app
COPY . .
RUN poetry install --without test
CMD ["poetry", "run", "python", "-m", "main"]
"""
PYPROJECT = '[tool.poetry]\nname = "app"\nversion = "0.1.0"\n'
COMPOSE = "services:\n  api:\n    build: .\n    volumes:\n      - {volume}\n"


def _runtime(files: dict[str, str]) -> str:
    result = refactor(FILE, read_context=context_of({"pyproject.toml": PYPROJECT, "poetry.lock": "", **files}))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


def test_a_bind_mount_over_the_project_keeps_the_environments_in_poetrys_cache() -> None:
    runtime = _runtime({"docker-compose.yml": COMPOSE.format(volume=".:/app")})
    assert "COPY --from=builder /root/.cache/pypoetry/virtualenvs /root/.cache/pypoetry/virtualenvs\n" in runtime
    assert "POETRY_VIRTUALENVS_IN_PROJECT" not in runtime and ".venv" not in runtime, runtime


def test_without_a_mount_over_it_the_environment_is_the_projects() -> None:
    for files in ({}, {"docker-compose.yml": COMPOSE.format(volume="./data:/app/data")},
                  {"docker-compose.yml": COMPOSE.format(volume="appdata:/app")}):  # a named volume: filled from it
        runtime = _runtime(files)
        assert "POETRY_VIRTUALENVS_IN_PROJECT" in runtime and "pypoetry" not in runtime, (files, runtime)
