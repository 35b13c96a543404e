"""A command run through poetry (`poetry run`), and pipenv's --system install where the tag leaves the minor version
open (python:3): the rewrites they get, and where they stay left alone."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

POETRY = ("FROM python:3.11\nRUN pip install poetry\nWORKDIR /app\nCOPY . .\n{install}\n"
          "CMD [\"poetry\", \"run\", \"greet\"]\n")


def test_poetry_run_keeps_poetry_and_the_projects_own_environment() -> None:
    """Seen on dev 0c0bf086 (`poetry install`, then `poetry run ditto ...`): poetry's default environment, under its
    cache with a hash of the project's path in its name, becomes the project's .venv (in both stages, so that the
    runtime's `poetry run` finds it), and the runtime repeats poetry's own install."""
    builder, runtime = stages(POETRY.format(install="RUN poetry install"))
    assert builder.index("ENV POETRY_VIRTUALENVS_IN_PROJECT=true") < builder.index("RUN poetry install")
    assert "RUN pip install poetry\n" in runtime and "ENV POETRY_VIRTUALENVS_IN_PROJECT=true" in runtime
    assert "COPY --from=builder /app /app" in runtime
    assert "poetry install" not in runtime


def test_poetry_run_without_the_project_installed_has_its_pyproject() -> None:
    """--no-root: the runtime copies the environment alone, and repeats the COPY that brings pyproject.toml, where
    `poetry run` finds the project."""
    _, runtime = stages(POETRY.format(install="RUN poetry install --no-root"))
    assert "COPY --from=builder /app/.venv /app/.venv" in runtime and "COPY . .\n" in runtime


def test_poetry_run_with_the_projects_environment_set_by_the_file() -> None:
    text = POETRY.format(install="ENV POETRY_VIRTUALENVS_IN_PROJECT=1\nRUN poetry install --no-root")
    _, runtime = stages(text)
    assert runtime.count("POETRY_VIRTUALENVS_IN_PROJECT") == 1  # the file's own ENV, no second one
    assert "COPY --from=builder /app/.venv /app/.venv" in runtime


@pytest.mark.parametrize(("install", "words"), [
    ("RUN poetry config virtualenvs.create false && poetry install", "the Python poetry runs with"),
    ("ENV VIRTUAL_ENV=/opt/v\nRUN python -m venv /opt/v && poetry install", "the active virtual environment"),
])
def test_poetry_run_with_another_environment_is_left_alone(install: str, words: str) -> None:
    """Found again by poetry in the runtime only with the builder's settings (a `poetry config` file, an activation)."""
    reason = skip_reason(POETRY.format(install=install))
    assert words in reason and "runs `poetry run` with poetry's settings" in reason


def test_poetry_run_with_poetry_from_its_installer_is_left_alone() -> None:
    """Seen on dev 2c43e8a7 (get-poetry.py): that poetry stays in the builder, so the runtime has none to run."""
    text = POETRY.format(install="RUN poetry install").replace(
        "RUN pip install poetry", "RUN curl -sSL https://install.python-poetry.org | python3 -")
    assert "CMD at line 6: `poetry run` needs poetry" in skip_reason(text)


def test_poetry_in_the_builder_only_when_the_command_does_not_run_it() -> None:
    text = POETRY.format(install="RUN poetry config virtualenvs.create false && poetry install --no-root").replace(
        '["poetry", "run", "greet"]', '["greet"]')
    _, runtime = stages(text)
    assert "poetry" not in runtime


PIPENV = ("FROM python:3\nCOPY . /app\nWORKDIR /app\n{pip}\nRUN pipenv install --system --deploy\n"
          "CMD [\"gunicorn\", \"wsgi\"]\n")


@pytest.mark.parametrize("pip", ["RUN pip install pipenv", "RUN pip install pipenv==2023.12.1",
                                 "RUN pip install 'pipenv==2018.11.26'", 'RUN pip install "pipenv==2023.12.1"',
                                 # the pin as the shell reads it: quotes inside the word, a comment
                                 'RUN pip install pipenv=="2023.12.1"',
                                 "RUN pip install pipenv  # pipenv==2022.5.2 ignores the environment",
                                 "RUN pip install \\\n# pipenv==2022.5.2 ignores the environment\n    pipenv"])
def test_pipenv_system_where_the_tag_leaves_the_version_open_installs_into_a_venv(pip: str) -> None:
    """Seen on dev 2622bf96: site-packages is named by the minor version python:3 leaves open; pipenv's pip installs
    into the active virtual environment, one folder whatever the version."""
    builder, runtime = stages(PIPENV.format(pip=pip))
    assert builder.index(pip) < builder.index("RUN python -m venv /opt/venv") < builder.index("RUN pipenv install")
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime and "pipenv" not in runtime


@pytest.mark.parametrize("pip", ["RUN pip install pipenv==2022.5.2", "RUN pip install pipenv==2021.11.5.post0",
                                 "RUN pip install 'pipenv<2023'",
                                 "RUN pip install pipenv~=2022.4", 'RUN pip install "pipenv==2022.1.8"',
                                 "RUN pip install \\\n    pipenv==2022.1.8", "RUN sudo -H pip install pipenv==2022.1.8",
                                 'RUN ["pip", "install", "pipenv==2022.1.8"]',
                                 "RUN ARG_VERSION=2022.1.8 && pip install pipenv==$ARG_VERSION"])
def test_pipenv_system_pinned_to_a_release_that_ignores_the_venv_is_left_alone(pip: str) -> None:
    """pipenv 2021.11.5 to 2022.8.14 run pip with their own Python, whatever environment is active: a pin to one of
    them, or to a range the tool does not read, leaves the file alone. (A pin it cannot read installs pipenv into the
    environment, made before that pip install, whose Python pipenv then runs.)"""
    assert "the tag of python:3 does not name the Python version" in skip_reason(PIPENV.format(pip=pip))


def test_pipenv_system_with_the_version_in_the_tag_is_unchanged() -> None:
    _, runtime = stages(PIPENV.format(pip="RUN pip install pipenv").replace("python:3\n", "python:3.11\n"))
    assert "COPY --from=builder /usr/local/lib/python3.11/site-packages" in runtime


PIPENV_RUN = ("FROM python:3.11\n{pip}\nWORKDIR /app\nCOPY . .\nRUN pipenv install --deploy\n"
              "CMD [\"pipenv\", \"run\", \"gunicorn\", \"wsgi\"]\n")


def test_pipenv_run_keeps_pipenv_and_its_environments() -> None:
    """rp28review gabrieImoreira/etl_duckdb_sql (`pipenv install`, then `pipenv run streamlit ...`, left alone as
    "needs pipenv at run time"): the runtime repeats pipenv's own install, as `poetry run` has poetry, and copies
    pipenv's environments, whose names (the project's folder and a hash of its path) the runtime's pipenv finds
    again for the same folder."""
    builder, runtime = stages(PIPENV_RUN.format(pip="RUN pip install pipenv"))
    assert "RUN pipenv install --deploy" in builder
    assert runtime.index("RUN pip install pipenv\n") < runtime.index(
        "COPY --from=builder /root/.local/share/virtualenvs /root/.local/share/virtualenvs")
    assert "pipenv install" not in runtime and "COPY . .\n" in runtime


def test_pipenv_run_with_the_projects_environment_set_by_the_file() -> None:
    _, runtime = stages(PIPENV_RUN.format(pip="ENV PIPENV_VENV_IN_PROJECT=1\nRUN pip install pipenv"))
    assert "RUN pip install pipenv\n" in runtime and "COPY --from=builder /app/.venv /app/.venv" in runtime


def test_pipenv_run_with_pipenv_from_elsewhere_is_left_alone() -> None:
    """pipenv that pip did not install into the image's Python (pipx's own environments) is not repeated: the file
    is left alone, as the runtime would have no pipenv to run."""
    text = PIPENV_RUN.format(pip="RUN pip install pipx && pipx install pipenv")
    assert "pipx install pipenv" in skip_reason(text)


@pytest.mark.parametrize(("env", "copied"), [
    # the common settings of a poetry image: in-project wins over the cache's folder
    ("ENV POETRY_VIRTUALENVS_IN_PROJECT=1 POETRY_CACHE_DIR=/tmp/poetry_cache", "/app/.venv"),
    ("ENV POETRY_CACHE_DIR=/tmp/poetry_cache", "/tmp/poetry_cache/virtualenvs"),
    ("ENV POETRY_CACHE_DIR=/var/cache/pypoetry POETRY_VIRTUALENVS_PATH=/opt/envs", "/opt/envs"),
])
def test_poetry_run_with_poetrys_folders_set_by_the_file(env: str, copied: str) -> None:
    """POETRY_CACHE_DIR or virtualenvs.path: the environment `poetry run` finds is in the folder they name, or in the
    project's .venv with in-project (these had been "`poetry install` is not understood")."""
    text = POETRY.format(install="RUN poetry install --no-root").replace("FROM python:3.11\n",
                                                                         f"FROM python:3.11\n{env}\n")
    _, runtime = stages(text)
    assert f"COPY --from=builder {copied} {copied}" in runtime and "RUN pip install poetry\n" in runtime
    assert "POETRY_VIRTUALENVS_IN_PROJECT=true" not in runtime


def test_poetry_run_from_its_installer_with_a_cache_folder_names_the_installer() -> None:
    """rp28review nadavedri/ProspectGeo (MISLEADING: "`poetry install --no-root` is not understood"): the cause is
    the command's `poetry run`, whose poetry, from its installer, the runtime would not have."""
    text = POETRY.format(install="RUN poetry install --no-root").replace(
        "RUN pip install poetry", "ENV POETRY_CACHE_DIR='/var/cache/pypoetry' POETRY_HOME='/usr/local'\n"
                                  "RUN curl -sSL https://install.python-poetry.org | python3 -")
    assert "`poetry run` needs poetry" in skip_reason(text)


def test_poetry_run_with_a_cache_folder_named_by_a_variable_is_left_alone() -> None:
    text = POETRY.format(install="RUN poetry install --no-root").replace(
        "FROM python:3.11\n", "FROM python:3.11\nARG CACHE\nENV POETRY_CACHE_DIR=$CACHE\n")
    assert "whose place the file does not show" in skip_reason(text)


def test_poetry_environment_under_a_cache_folder_the_command_does_not_run_through_names_the_folder() -> None:
    """Without `poetry run`, an environment under the cache folder the file names is found by no one: the reason says
    where it is (it had been "`poetry install` is not understood")."""
    text = POETRY.format(install="RUN poetry install").replace(
        "FROM python:3.11\n", "FROM python:3.11\nENV POETRY_CACHE_DIR=/tmp/poetry_cache\n").replace(
        '["poetry", "run", "greet"]', '["greet"]')
    assert "a virtual environment it makes under /tmp/poetry_cache/virtualenvs, named with a hash" in skip_reason(text)
