"""`uv run` as the image's command, with uv installed by pip (rp26review ANGHOOO/flab-crud, skipped as "`uv run` syncs
the environment at run time"): `uv sync` made the project's .venv, in sync with uv.lock, where `uv run` finds it and
runs without installing anything. The runtime repeats the install of uv, as the tool does for poetry and `poetry
run`, and copies the .venv; an image whose command runs the environment's python gets no uv."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

FILE = """FROM python:3.11
WORKDIR /app
RUN pip install uv
COPY pyproject.toml uv.lock ./
RUN uv sync
COPY . .
CMD {cmd}
"""

FILES = {"pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\nrequires-python = ">=3.11"\n'
                           'dependencies = ["six==1.16.0"]\n',
         "uv.lock": "version = 1\n", "main.py": "import six\n"}


def _runner(text: str) -> str:
    return text.partition(" AS runner\n")[2]


def test_uv_run_keeps_uv_and_the_project_s_environment() -> None:
    result = refactor(FILE.format(cmd='["uv", "run", "python", "main.py"]'), read_context=context_of(FILES))
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert "RUN pip install uv\n" in runner and "COPY --from=builder /app/.venv /app/.venv\n" in runner, runner
    assert any("pip installs uv, which the image's command runs (`uv run`)" in c.message for c in result.changes)


def test_the_environment_s_python_needs_no_uv() -> None:
    result = refactor(FILE.format(cmd='["/app/.venv/bin/python", "main.py"]'), read_context=context_of(FILES))
    assert result.changed, result.skipped
    assert "pip install uv" not in _runner(result.text), result.text


def test_uv_copied_from_astral_s_image_is_copied_again() -> None:
    """uv's own image (`COPY --from=ghcr.io/astral-sh/uv /uv /uvx /bin/`, uv's documented way): the runtime repeats the
    COPY, so its `uv run` finds uv (rp26review nuuner/jira-work-hours, on a slim base: told before that `uv run`
    syncs the environment at run time, where it had nothing to gain)."""
    text = FILE.format(cmd='["uv", "run", "python", "main.py"]').replace(
        "RUN pip install uv", "COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/")
    result = refactor(text, read_context=context_of(FILES))
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert "COPY --from=ghcr.io/astral-sh/uv:latest /uv /uvx /bin/\n" in runner, runner
    slim = refactor(text.replace("python:3.11", "python:3.11-slim"), read_context=context_of(FILES))
    assert slim.skipped and (slim.reason or "").startswith("nothing to gain"), slim.reason


PACKAGE = FILES["pyproject.toml"] + ('\n[build-system]\nrequires = ["setuptools"]\n'
                                     'build-backend = "setuptools.build_meta"\n')


def test_a_package_uv_sync_installed_is_left_alone_for_uv_run() -> None:
    """rp28build lukeocodes/mod-gpt (NIT, a latent WRONG): `uv run` checks the project's editable install against the
    change times of its files, which the runtime's copy renewed: it rebuilt the project at every start, and failed
    offline where the original started."""
    result = refactor(FILE.format(cmd='["uv", "run", "python", "main.py"]'),
                      read_context=context_of({**FILES, "pyproject.toml": PACKAGE}))
    assert not result.changed
    assert "a package `uv sync` installed (its build system)" in (result.skipped or ""), result.skipped


def test_a_package_is_rewritten_where_uv_run_does_not_sync_or_is_not_a_package() -> None:
    no_sync = refactor(FILE.format(cmd='["uv", "run", "--no-sync", "python", "main.py"]'),
                       read_context=context_of({**FILES, "pyproject.toml": PACKAGE}))
    assert no_sync.changed, no_sync.skipped
    virtual = PACKAGE + "\n[tool.uv]\npackage = false\n"
    assert refactor(FILE.format(cmd='["uv", "run", "python", "main.py"]'),
                    read_context=context_of({**FILES, "pyproject.toml": virtual})).changed
    unread = refactor(FILE.format(cmd='["uv", "run", "python", "main.py"]'))
    assert "which the build context does not give" in (unread.skipped or ""), unread.skipped


def test_on_a_slim_image_with_nothing_to_gain_that_is_the_reason() -> None:
    text = FILE.format(cmd='["uv", "run", "python", "main.py"]').replace("python:3.11", "python:3.11-slim")
    result = refactor(text, read_context=context_of({**FILES, "pyproject.toml": PACKAGE}))
    assert (result.skipped or "").startswith("nothing to gain"), result.skipped
