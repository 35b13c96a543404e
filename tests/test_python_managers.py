"""Python package managers beyond plain pip: poetry, uv and pipenv (where each one installs)."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor


def _copies(text: str) -> list[str]:
    result = refactor(text)
    assert result.changed, result.skipped
    return [line for line in result.text.splitlines() if line.startswith("COPY --from=builder")]


@pytest.mark.parametrize("setting", [
    "ENV POETRY_VIRTUALENVS_CREATE=false\nRUN poetry install --no-root",
    "RUN poetry config virtualenvs.create false\nRUN poetry install --no-root",  # a later RUN sees it
    "RUN poetry config virtualenvs.create false && poetry install --no-root",
    "ENV POETRY_VIRTUALENVS_CREATE=0\nRUN poetry sync --no-root",
    "RUN poetry config virtualenvs.create false && poetry install --no-dev --no-root --no-interaction",
    "RUN poetry config settings.virtualenvs.create false && poetry install --no-root",  # poetry before 1.0
])
def test_poetry_without_a_virtual_environment_installs_into_one_the_tool_makes(setting: str) -> None:
    """poetry installs into the active virtual environment, whatever virtualenvs.create says: the tool's, made
    after poetry is installed, holds the project's packages alone (poetry stays in the builder)."""
    text = f"FROM python:3.11\nRUN pip install poetry\nWORKDIR /app\nCOPY . .\n{setting}\nCMD [\"python\", \"a.py\"]\n"
    result = refactor(text)
    assert _copies(text) == ["COPY --from=builder /opt/venv /opt/venv"]
    builder, runtime = result.text.split("FROM python:3.11-slim")
    assert builder.index("RUN pip install poetry") < builder.index("RUN python -m venv /opt/venv") \
        < builder.index("poetry install" if "install" in setting else "poetry sync")
    assert 'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"' in runtime and "poetry" not in runtime


@pytest.mark.parametrize("before", ["ENV PATH=/root/.local/bin:$PATH\n", "USER 0\nENV PATH=/opt/tools:$PATH\n"])
def test_poetry_without_a_virtual_environment_after_the_files_path_fills_site_packages(before: str) -> None:
    """The environment's PATH written after the file's own would change its order: poetry installs into the
    image's Python, as in the original."""
    text = (f"FROM python:3.11\nRUN pip install poetry\n{before}WORKDIR /app\nCOPY . .\n"
            "RUN poetry config virtualenvs.create false && poetry install --no-root\nCMD [\"python\", \"a.py\"]\n")
    result = refactor(text)
    assert _copies(text) == ["COPY --from=builder /usr/local/lib/python3.11/site-packages "
                             "/usr/local/lib/python3.11/site-packages",
                             "COPY --from=builder /usr/local/lib/python3.11/dist-packages "
                             "/usr/local/lib/python3.11/dist-packages",
                             "COPY --from=builder /usr/local/bin /usr/local/bin"]
    # poetry uses the base interpreter's scheme: on Debian's python3 that is dist-packages, which
    # official images do not have, so the builder makes it before the runtime copies it
    builder = result.text.split("FROM python:3.11-slim")[0]
    assert builder.rstrip().endswith(" && mkdir -p /usr/local/lib/python3.11/dist-packages")


def test_a_pip_install_after_poetry_in_site_packages_goes_there_too() -> None:
    """A virtual environment made for the pip install after it would hide what poetry put in site-packages."""
    text = ("FROM python:3.11\nENV PATH=/root/.local/bin:$PATH\nRUN pip install poetry\nWORKDIR /app\nCOPY . .\n"
            "RUN poetry config virtualenvs.create false && poetry install --no-root\nRUN pip install gunicorn\n"
            "CMD [\"gunicorn\", \"app:app\"]\n")
    copies = _copies(text)
    assert "COPY --from=builder /opt/venv /opt/venv" not in copies
    assert copies[0].startswith("COPY --from=builder /usr/local/lib/python3.11/site-packages ")


@pytest.mark.parametrize("active", ["ENV VIRTUAL_ENV=/venv\nRUN python -m venv $VIRTUAL_ENV\n"
                                    "ENV PATH=\"$VIRTUAL_ENV/bin:$PATH\"\nRUN pip install poetry\n",
                                    "RUN pip install poetry && python -m venv /venv\nENV VIRTUAL_ENV=/venv\n"])
def test_poetry_installs_into_the_activated_environment(active: str) -> None:
    """poetry uses an activated virtual environment (VIRTUAL_ENV) whatever its settings say."""
    text = f"FROM python:3.11\n{active}WORKDIR /app\nCOPY . .\nRUN poetry install --no-root\nCMD [\"python\", \"a\"]\n"
    assert _copies(text) == ["COPY --from=builder /venv /venv"]


@pytest.mark.parametrize(("install", "copies"), [
    ("poetry install --only main", ["COPY --from=builder /opt/venv /opt/venv", "COPY --from=builder /app /app"]),
    ("poetry install --only main --no-root", ["COPY --from=builder /opt/venv /opt/venv"]),
    ("poetry install -C svc", ["COPY --from=builder /opt/venv /opt/venv", "COPY --from=builder /app/svc /app/svc"]),
])
def test_the_project_poetry_installs_in_editable_mode_comes_along(install: str, copies: list[str]) -> None:
    """Without --no-root poetry installs the project itself, in editable mode: the environment points at its
    folder, where an older poetry writes egg-info and a build script its extensions."""
    text = (f"FROM python:3.11\nRUN pip install poetry\nWORKDIR /app\nCOPY . .\n"
            f"RUN poetry config virtualenvs.create false && {install}\nCMD [\"myapp\"]\n")
    assert _copies(text) == copies


def test_a_project_in_package_mode_off_is_not_installed() -> None:
    text = ("FROM python:3.11\nRUN pip install poetry\nWORKDIR /app\nCOPY . .\n"
            "RUN poetry config virtualenvs.create false && poetry install\nCMD [\"python\", \"a.py\"]\n")
    pyproject = "[tool.poetry]\nname = \"x\"\npackage-mode = false\n"
    result = refactor(text, read_context=context_of({"pyproject.toml": pyproject}))
    assert [c for c in result.text.splitlines() if c.startswith("COPY --from")] == [
        "COPY --from=builder /opt/venv /opt/venv"]


def test_a_folder_the_builder_user_cannot_make_leaves_the_file_alone() -> None:
    result = refactor("FROM python:3.11\nENV POETRY_VIRTUALENVS_CREATE=false\nRUN pip install poetry\n"
                      "COPY . /app\nWORKDIR /app\nUSER app\nRUN poetry install\nCMD [\"python\", \"app.py\"]\n")
    assert not result.changed
    assert "cannot create it" in (result.skipped or "")


def test_poetry_in_project_venv() -> None:
    text = ("FROM python:3.11\nRUN pip install poetry\nWORKDIR /app\nCOPY . .\n"
            "RUN poetry config virtualenvs.in-project true && poetry install -C svc --no-root\n"
            "CMD [\"/app/svc/.venv/bin/python\", \"-m\", \"svc\"]\n")
    assert _copies(text) == ["COPY --from=builder /app/svc/.venv /app/svc/.venv"]


def test_poetry_default_venv_is_not_guessed() -> None:
    """By default poetry makes a virtual environment under its cache, with a hashed name."""
    result = refactor("FROM python:3.11\nRUN pip install poetry\nCOPY . /app\nWORKDIR /app\n"
                      "RUN poetry install\nCMD [\"python\", \"app.py\"]\n")
    assert not result.changed
    assert "under its cache folder (~/.cache/pypoetry/virtualenvs), named with a hash" in (result.skipped or "")


@pytest.mark.parametrize(("line", "venv"), [
    ("RUN uv sync --frozen", "/app/.venv"),
    ("RUN uv sync --directory api", "/app/api/.venv"),
    ("ENV UV_PROJECT_ENVIRONMENT=env\nRUN uv sync", "/app/env"),
    ("RUN uv venv /opt/v && VIRTUAL_ENV=/opt/v uv pip install -r requirements.txt", "/opt/v"),
])
def test_uv_project_environment(line: str, venv: str) -> None:
    text = f"FROM python:3.12\nRUN pip install uv\nWORKDIR /app\nCOPY . .\n{line}\nCMD [\"python\", \"main.py\"]\n"
    assert _copies(text) == [f"COPY --from=builder {venv} {venv}"]


def test_uv_pip_system_ignores_the_active_venv() -> None:
    text = ("FROM python:3.12\nRUN pip install uv\nENV VIRTUAL_ENV=/opt/v\nCOPY . /app\n"
            "RUN uv pip install --system -r /app/requirements.txt\nCMD [\"python\", \"/app/main.py\"]\n")
    assert _copies(text)[0].startswith("COPY --from=builder /usr/local/lib/python3.12/site-packages ")


def test_pipenv() -> None:
    system = ("FROM python:3.11\nRUN pip install pipenv\nCOPY . /app\nWORKDIR /app\n"
              "RUN pipenv install --system --deploy\nCMD [\"python\", \"app.py\"]\n")
    assert _copies(system)[0].startswith("COPY --from=builder /usr/local/lib/python3.11/site-packages ")
    in_project = system.replace("RUN pipenv install --system --deploy", "ENV PIPENV_VENV_IN_PROJECT=1\n"
                                "RUN pipenv install --deploy")
    assert _copies(in_project) == ["COPY --from=builder /app/.venv /app/.venv"]
    named = system.replace("--system --deploy", "--system requests")  # also edits the Pipfile: not guessed
    assert not refactor(named).changed


def test_site_packages_copied_onto_the_same_slim_image_is_nothing_to_gain() -> None:
    """pipenv --system on python:3.11-slim: the runtime would copy site-packages whole onto the same image, the
    base's own pip and setuptools again, to save only pip's cache (seen on Pr1ncee/queue-bot: 18.3 MB larger)."""
    text = ("FROM python:3.11-slim\nWORKDIR /app\nCOPY . /app/\nRUN pip3 install pipenv && pipenv install --system "
            "--deploy --ignore-pipfile\nCMD \"/app/scripts/entrypoint.sh\"\n")
    result = refactor(text)
    assert not result.changed
    assert "copying /usr/local/lib/python3.11/site-packages whole adds (the base image's own pip and setuptools" \
        in (result.skipped or "")
    assert refactor(text.replace("3.11-slim", "3.11")).changed  # the slim runtime is the gain


def test_installing_only_build_tools_leaves_nothing_to_copy() -> None:
    text = ("FROM python:3.11\nRUN pip install --upgrade pip 'setuptools>=70' wheel uv==0.4.0\nWORKDIR /app\n"
            "COPY . .\nRUN uv sync\nCMD [\"/app/.venv/bin/python\", \"main.py\"]\n")
    assert _copies(text) == ["COPY --from=builder /app/.venv /app/.venv"]
    # a build tool next to a real dependency: the packages come along (in a virtual environment)
    mixed = text.replace("wheel uv==0.4.0", "wheel uv==0.4.0 requests")
    assert "COPY --from=builder /opt/venv /opt/venv" in _copies(mixed)


@pytest.mark.parametrize("cmd", ['["poetry", "run", "python", "app.py"]', '["uv", "run", "main.py"]',
                                 "pipenv run gunicorn app:app"])
def test_running_through_the_manager_is_left_alone(cmd: str) -> None:
    text = (f"FROM python:3.11\nRUN pip install poetry uv pipenv\nENV POETRY_VIRTUALENVS_CREATE=false\n"
            f"COPY . /app\nWORKDIR /app\nRUN poetry install\nCMD {cmd}\n")
    result = refactor(text)
    assert not result.changed
    assert "run` " in (result.skipped or "")


def test_django_collectstatic_runs_again_in_the_runtime() -> None:
    """STATIC_ROOT is in the settings, not in the Dockerfile: the runtime gathers the files again."""
    text = ("FROM python:3.11\nWORKDIR /code\nCOPY . .\nRUN pip install -r requirements.txt\n"
            "RUN python manage.py collectstatic --noinput\nCMD [\"gunicorn\", \"site.wsgi\"]\n")
    runner = refactor(text).text.split("AS runner")[1]
    assert runner.index("COPY --from=builder /opt/venv") < runner.index("RUN python manage.py collectstatic")
    mixed = text.replace("requirements.txt\nRUN python", "requirements.txt && python")
    runner = refactor(mixed).text.split("AS runner")[1]
    assert "RUN python manage.py collectstatic --noinput\n" in runner


def test_poetry_into_the_images_python_with_a_command_run_by_its_path_leaves_the_file_alone() -> None:
    """poetry does not read pip's settings: with the tool's virtual environment the packages would be under
    /opt/venv, which the image's /usr/local/bin/python3 would not see."""
    install = "RUN pip install poetry && poetry config virtualenvs.create false && poetry install --no-root"
    cmd = '["/usr/local/bin/python3", "-m", "app"]'
    result = refactor(f"FROM python:3\nWORKDIR /app\nCOPY . .\n{install}\nCMD {cmd}\n")
    assert not result.changed
    assert "runs /usr/local/bin/python3, the image's own Python" in (result.skipped or "")
    # a file the Dockerfile puts there itself, and a command found on PATH, are fine
    copies = _copies(f"FROM python:3\nWORKDIR /app\nCOPY . .\n{install}\nCOPY run.sh /usr/local/bin/\n"
                     "CMD [\"/usr/local/bin/run.sh\"]\n")
    assert "COPY --from=builder /opt/venv /opt/venv" in copies


_USER_BASE_PREFIX_ENV = 'ENV PIP_USER=1 PYTHONUSERBASE=/install PATH="/install/bin:$PATH"'


@pytest.mark.parametrize(("image", "runtime"), [
    ("python:3", "python:3-slim"), ("python:latest", "python:slim"), ("python", "python:slim"),
    ("python:3-bookworm", "python:3-slim-bookworm"), ("python:alpine", "python:alpine"),
    ("python:3.11-slim", "python:3.11-slim")])
@pytest.mark.parametrize(("install", "cmd"), [
    ("RUN pip install gunicorn", '["/usr/local/bin/gunicorn", "app:app"]'),
    ("RUN pip install requests", '["/usr/local/bin/python", "main.py"]'),
    ("RUN pip3 install -r requirements.txt", '["/usr/local/bin/python3", "main.py"]')])
def test_a_tag_without_the_minor_version_gets_pips_prefix_layout_through_the_user_base(
        image: str, runtime: str, install: str, cmd: str) -> None:
    """The tag does not name the minor version, which the builder would need for PREFIX/lib/pythonX.Y in its
    PYTHONPATH: pip installs into /install as its user base, the same layout, which the builder's Python reads by
    itself, and the runtime copies it to /usr/local, where /usr/local/bin/gunicorn is and /usr/local/bin/python
    sees the packages (before: the file was left alone, the tool's /opt/venv holding neither)."""
    result = refactor(f"FROM {image}\nWORKDIR /app\nCOPY . .\n{install}\nCMD {cmd}\n")
    assert result.changed, result.skipped
    builder, _, rest = result.text.partition(" AS runner\n")
    assert f"{_USER_BASE_PREFIX_ENV}\n{install}\n" in builder
    assert builder.endswith(f"FROM {runtime}")
    assert "COPY --from=builder /install /usr/local\n" in rest
    assert "/opt/venv" not in result.text and "PIP_USER" not in rest and "PYTHONUSERBASE" not in rest


@pytest.mark.parametrize(("before", "install", "reason"), [
    # with a --user install in the stage the installs stay in the image's Python, whose folder needs its version
    ("", "RUN pip install gunicorn\nRUN pip install --user requests", "does not name the Python version"),
    ("", "RUN pip install --upgrade pip && pip install gunicorn",
     "the RUN at line 4 installs pip, which the image has"),
    ("", "RUN pip install gunicorn\nRUN python setup.py install", "the stage already installs into /install"),
    # the file's own say on the user base, or on where pip installs
    ("ENV PYTHONNOUSERSITE=1\n", "RUN pip install gunicorn", "/usr/local/bin/gunicorn"),
    ("ENV PYTHONUSERBASE=/deps\n", "RUN pip install gunicorn", "/usr/local/bin/gunicorn"),
    ("ENV PIP_USER=0\n", "RUN pip install gunicorn", "/usr/local/bin/gunicorn"),
    ("ENV PIP_PREFIX=/deps\n", "RUN pip install gunicorn", "/usr/local/bin/gunicorn"),
])
def test_the_user_base_prefix_layout_is_not_taken_where_it_would_not_hold(before: str, install: str,
                                                                           reason: str) -> None:
    result = refactor(f"FROM python:3\n{before}WORKDIR /app\nCOPY . .\n{install}\nCMD [\"/usr/local/bin/gunicorn\"]\n")
    assert not result.changed and reason in (result.skipped or ""), result.skipped


def test_windows_variants_of_the_official_image_do_not_get_the_user_base_prefix_layout() -> None:
    result = refactor("FROM python:3-windowsservercore\nRUN pip install gunicorn\nCMD [\"/usr/local/bin/gunicorn\"]\n")
    assert "PYTHONUSERBASE=/install" not in result.text


_PREFIX_ENV = 'ENV PIP_PREFIX=/install PYTHONPATH=/install/lib/python3.11/site-packages PATH="/install/bin:$PATH"'


@pytest.mark.parametrize(("image", "runtime"), [
    ("python:3.11", "python:3.11-slim"), ("python:3.11.4", "python:3.11.4-slim"),
    ("python:3.11-bookworm", "python:3.11-slim-bookworm")])
@pytest.mark.parametrize(("install", "cmd"), [
    ("RUN pip install gunicorn", '["/usr/local/bin/gunicorn", "app:app"]'),
    ("RUN pip install requests", '["/usr/local/bin/python", "main.py"]'),
    ("RUN pip install --no-cache-dir -r requirements.txt", '["/usr/local/bin/python", "main.py"]')])
def test_a_command_run_by_its_path_in_the_images_python_gets_pips_prefix_layout(image: str, runtime: str,
                                                                                install: str, cmd: str) -> None:
    """The same Python in both stages (the tag names the minor version): pip installs with --prefix=/install
    (PIP_PREFIX) and the runtime copies /install to /usr/local, where the image has its packages and commands,
    so /usr/local/bin/gunicorn is there and /usr/local/bin/python sees the packages."""
    result = refactor(f"FROM {image}\nWORKDIR /app\nCOPY . .\n{install}\nCMD {cmd}\n")
    assert result.changed, result.skipped
    builder, _, rest = result.text.partition(" AS runner\n")
    assert f"{_PREFIX_ENV.replace('3.11', image[7:11])}\n{install}\n" in builder
    assert builder.endswith(f"FROM {runtime}")
    assert "COPY --from=builder /install /usr/local\n" in rest
    assert "/opt/venv" not in result.text and "PIP_PREFIX" not in rest


def test_pips_prefix_layout_reads_the_requirements_file_for_editable_installs() -> None:
    """An editable project is not put under --prefix: a requirements file with `-e .` keeps the file as it is;
    one the tool cannot read is assumed to have none, as the explanation says."""
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
            "CMD [\"/usr/local/bin/gunicorn\"]\n")
    result = refactor(text, read_context=context_of({"requirements.txt": "-e .\nflask\n"}))
    assert not result.changed and "/usr/local/bin/gunicorn" in (result.skipped or "")
    assert refactor(text, read_context=context_of({"requirements.txt": "flask\ngunicorn\n"})).changed
    pinned = refactor(text, read_context=context_of({"requirements.txt": "gunicorn\nsetuptools==70.0\n"}))
    assert not pinned.changed and "/usr/local/bin/gunicorn" in (pinned.skipped or "")
    unseen = refactor(text)
    assert unseen.changed and any("assumed: requirements.txt" in c.message for c in unseen.changes)


def test_a_user_install_beside_a_plain_one_keeps_both_in_the_image_python() -> None:
    # neither a venv (which hides ~/.local and refuses --user) nor the prefix layout: the image's site-packages and
    # commands, and ~/.local, as the input has them; /usr/local/bin/gunicorn is where the image runs it
    result = refactor("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install gunicorn\n"
                      "RUN pip install --user requests\nCMD [\"/usr/local/bin/gunicorn\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /usr/local/bin /usr/local/bin" in runtime
    assert "COPY --from=builder /root/.local /root/.local" in runtime
    assert "/install" not in result.text and "venv" not in result.text


@pytest.mark.parametrize(("install", "reason"), [
    ("RUN pip install gunicorn\nRUN pip install -t /deps requests", "`pip install -t` at line 5"),
    ("RUN pip install gunicorn\nRUN pip install -e .", "RUN at line 5: pip installs into the virtual environment "
                                                     "/opt/venv, but the stage already installs into /install"),
    # the image's own pip under /usr/local, with a newer one copied over it: two versions' metadata
    ("RUN pip install --upgrade pip && pip install gunicorn", "the RUN at line 4 installs pip, which the image has"),
    ("RUN pip install gunicorn\nRUN pip install -U setuptools", "the RUN at line 5 installs setuptools"),
])
def test_pips_prefix_layout_is_not_taken_when_another_install_asks_for_another_place(install: str,
                                                                                      reason: str) -> None:
    result = refactor(f"FROM python:3.11\nWORKDIR /app\nCOPY . .\n{install}\nCMD [\"/usr/local/bin/gunicorn\"]\n")
    assert not result.changed and reason in (result.skipped or ""), result.skipped


@pytest.mark.parametrize("setting", ["ENV PIP_PREFIX=/deps", "ENV PYTHONPATH=/app/lib", "ENV PIP_TARGET=/deps"])
def test_pips_prefix_layout_is_not_taken_over_the_files_own_pip_settings(setting: str) -> None:
    """The builder's PIP_PREFIX and PYTHONPATH would replace the file's own settings: the file stays as it is."""
    result = refactor(f"FROM python:3.11\n{setting}\nRUN pip install gunicorn\nCMD [\"/usr/local/bin/gunicorn\"]\n")
    assert not result.changed and "PIP_PREFIX=/install" not in result.text


@pytest.mark.parametrize("image", ["python:3", "debian:bookworm-slim"])
def test_the_files_own_user_base_in_install_stays_its_user_base(image: str) -> None:
    """A file that sets PIP_USER and PYTHONUSERBASE=/install itself, and runs no command of /usr/local/bin by its
    path, keeps its user base: the runtime copies /install where it is (not /usr/local, nor a virtual environment)."""
    apt = "RUN apt-get update && apt-get install -y python3-pip\n" if image.startswith("debian") else ""
    text = (f"FROM {image}\n{apt}ENV PIP_USER=1 PYTHONUSERBASE=/install PATH=/install/bin:$PATH\nWORKDIR /app\n"
            "COPY . .\nRUN pip install gunicorn\nCMD [\"gunicorn\", \"app:app\"]\n")
    copies = _copies(text)
    assert "COPY --from=builder /install /install" in copies and "/opt/venv" not in refactor(text).text


def test_a_requirements_file_that_installs_the_project_in_editable_mode_copies_its_folder() -> None:
    """``-e .`` in requirements.txt installs the project where it is, as ``pip install -e .`` does: its egg-info
    (setuptools' develop install) and any extension built in place are in the builder's folder, not in the
    build context, so the runtime copies the folder from the builder, not from the context. Seen on
    iNeuron-Pvt-Ltd/housing_prediciton (python:3.7, `-e .` among the requirements)."""
    text = ("FROM python:3.7\nCOPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n"
            "CMD gunicorn app:app\n")
    result = refactor(text, read_context=context_of({"requirements.txt": "flask\n-e .  # the project\ngunicorn\n",
                                                     "setup.py": "from setuptools import setup\nsetup()\n"}))
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n", 1)[1]
    assert "COPY --from=builder /app /app\n" in runner, runner
    assert any("the project installed in editable mode" in c.message for c in result.changes)
    plain = refactor(text, read_context=context_of({"requirements.txt": "flask\ngunicorn\n"}))
    assert "COPY --from=builder /app /app\n" not in plain.text, plain.text
