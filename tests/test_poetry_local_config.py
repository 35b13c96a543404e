"""poetry reads the project's own configuration, poetry.toml (what `poetry config --local` writes), beside its
pyproject.toml: `[virtualenvs] create = false` there installs into the image's Python as the environment variable
does (rp20py KirillPoke/ChatgptForumDjango, MISSED: left alone as a virtual environment under poetry's cache). Read
only where a COPY put it in the project's folder before the install, and the environment's setting wins."""

from __future__ import annotations

from conftest import context_of, runner_stage

from transformer import refactor

_FILES = {"pyproject.toml": '[tool.poetry]\nname = "x"\nversion = "0.1"\n[tool.poetry.dependencies]\npython = "^3.11"\n'
                            'django = "^5"\n',
          "poetry.lock": "", "manage.py": ""}


def _file(copied: str, env: str = "") -> str:
    return (f"FROM python:3.11\nWORKDIR /app\n{env}RUN pip install poetry\nCOPY {copied} ./\n"
            "RUN poetry install --no-root --no-interaction\nCOPY . .\n"
            'CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n')


def test_create_false_in_poetry_toml_installs_into_a_copied_environment() -> None:
    files = {**_FILES, "poetry.toml": "[virtualenvs]\ncreate = false\n"}
    runtime = runner_stage(_file("pyproject.toml poetry.lock poetry.toml"), files)
    assert "FROM python:3.11-slim" in runtime
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime


def test_in_project_in_poetry_toml_copies_the_project_venv() -> None:
    files = {**_FILES, "poetry.toml": "[virtualenvs]\nin-project = true\n"}
    runtime = runner_stage(_file("pyproject.toml poetry.lock poetry.toml"), files)
    assert "COPY --from=builder /app/.venv /app/.venv" in runtime


def _skip_reason(text: str, files: dict[str, str]) -> str:
    result = refactor(text, read_context=context_of(files))
    assert not result.changed, result.text
    return result.skipped or ""


def test_a_poetry_toml_no_copy_put_there_is_not_read() -> None:
    files = {**_FILES, "poetry.toml": "[virtualenvs]\ncreate = false\n"}
    assert "under its cache folder" in _skip_reason(_file("pyproject.toml poetry.lock"), files)


def test_the_environment_wins_over_poetry_toml() -> None:
    files = {**_FILES, "poetry.toml": "[virtualenvs]\ncreate = false\n"}
    text = _file("pyproject.toml poetry.lock poetry.toml", env="ENV POETRY_VIRTUALENVS_CREATE=true\n")
    assert "under its cache folder" in _skip_reason(text, files)
