"""Without the build context, an install from a requirements (or lock) file on the full python image, which the
runtime leaves for its slim variant, cannot be told apart from one that builds against the full image's headers:
the rewrite says what it assumed (Deliver 3 of issue 10), so that a reviewer can run `msrefactor verify`."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor

FILE = ("FROM python:3.11\nWORKDIR /code\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
        "COPY . .\nCMD [\"python\", \"app.py\"]\n")


def _assumed(text: str, files: dict[str, str] | None = None) -> list[str]:
    result = refactor(text, read_context=context_of(files or {}))
    assert result.changed, result.skipped
    return [c.message for c in result.changes if c.message.startswith("assumed: the projects")]


def test_requirements_the_context_lacks_are_assumed_to_be_wheels() -> None:
    (note,) = _assumed(FILE)
    assert note.startswith("assumed: the projects requirements.txt names, which the build context does not hold")
    assert "psycopg2 against libpq-dev" in note and "msrefactor verify" in note


def test_requirements_the_context_holds_need_no_assumption() -> None:
    assert _assumed(FILE, {"requirements.txt": "flask==3.0.0\n"}) == []


def test_a_lock_file_the_context_lacks_is_named() -> None:
    text = FILE.replace("COPY requirements.txt .\nRUN pip install -r requirements.txt",
                        "RUN pip install pipenv\nCOPY Pipfile Pipfile.lock ./\nRUN pipenv install --system --deploy")
    assert [n.split(",")[0] for n in _assumed(text)] == ["assumed: the projects Pipfile.lock names"]


def test_a_slim_image_assumes_nothing() -> None:
    """On the slim image a project that needs headers does not build at all: the original fails as the result."""
    result = refactor(FILE.replace("python:3.11", "python:3.11-slim"))
    assert not any(c.message.startswith("assumed: the projects") for c in result.changes)


def test_a_requirements_file_named_by_a_variable_is_said_so() -> None:
    """`pip install -r $DEPENDENCIES` (dev 4e090795): the note does not pretend to name the file."""
    text = FILE.replace("COPY requirements.txt .\nRUN pip install -r requirements.txt",
                        "ARG DEPENDENCIES\nRUN pip install -r $DEPENDENCIES")
    (note,) = _assumed(text)
    assert note.startswith("assumed: the projects it installs, from a file whose name the Dockerfile does not show, "
                           "which the build context does not hold"), note


@pytest.mark.parametrize(("copy", "install"), [
    ("COPY sub/requirements.txt .", "pip install -r requirements.txt"),
    ("COPY ./sub/requirements.txt .", "pip install -r requirements.txt"),
    ("ADD sub/requirements.txt .", "pip install -r requirements.txt"),
    ("COPY sub/requirements.txt /code", "pip install -r /code/requirements.txt"),
])
def test_requirements_copied_from_a_subfolder_into_a_folder_named_without_its_slash(copy: str, install: str) -> None:
    """A file copied into `.` or the WORKDIR written without a trailing slash is read where it came from (corpus 5's
    probe: psycopg2 from sub/requirements.txt; the rewrite lacked libpq5 and failed to import on the engine)."""
    text = FILE.replace("COPY requirements.txt .\nRUN pip install -r requirements.txt", f"{copy}\nRUN {install}")
    result = refactor(text, read_context=context_of({"sub/requirements.txt": "psycopg2==2.9.9\n"}))
    assert result.changed, result.skipped
    assert "libpq5" in result.text.split(" AS runner", 1)[1], result.text


def test_a_pipfile_lock_copied_with_its_folder_is_read() -> None:
    """`COPY ./flask .` then `pipenv install`: the lock file is flask/Pipfile.lock, not the context root's."""
    text = FILE.replace("COPY requirements.txt .\nRUN pip install -r requirements.txt",
                        "RUN pip install pipenv\nCOPY ./flask .\nRUN pipenv install --system --deploy")
    lock = '{"_meta": {}, "default": {"psycopg2": {"version": "==2.9.9"}}}\n'
    result = refactor(text, read_context=context_of({"flask/Pipfile.lock": lock, "flask/Pipfile": "[packages]\n"}))
    assert result.changed, result.skipped
    assert "libpq5" in result.text.split(" AS runner", 1)[1], result.text


def test_outside_an_environment_editable_checkouts_are_assumed_absent() -> None:
    """python:2.7 has no venv: pip installs into site-packages, and an editable VCS requirement (`-e git+URL`) in a
    file the tool cannot read is checked out into ./src, which the runtime does not copy (dev 2ccf77d1, whose
    requirements.txt has such a line: a reviewer's repro fails with ModuleNotFoundError)."""
    (note,) = _assumed(FILE.replace("python:3.11", "python:2.7"))
    assert "none is an editable checkout (`-e git+URL`), which pip leaves in /code/src" in note, note


def test_in_an_environment_editable_checkouts_come_along() -> None:
    (note,) = _assumed(FILE)  # the tool's venv holds pip's src folder, and the runtime copies it whole
    assert "editable" not in note, note
