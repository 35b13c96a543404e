"""Python projects built against a system library of the full image keep its run-time library."""

from __future__ import annotations

import pytest

from transformer import refactor


def reader(files: dict[str, str]):  # type: ignore[no-untyped-def]
    return files.get


def runtime(text: str, files: dict[str, str]) -> str:
    result = refactor(text, read_context=reader(files))
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


PIP = ("FROM python:3.11-bookworm\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
       "COPY . .\nCMD [\"python\", \"app.py\"]\n")


@pytest.mark.parametrize(("files", "libs"), [
    ({"requirements.txt": "psycopg2==2.9.9  # from source\nflask\n"}, ["libpq5"]),
    ({"requirements.txt": "-r base.txt\n", "base.txt": "MySQLclient>=2\n"}, ["libmariadb3"]),
    ({"requirements.txt": "python_ldap\npsycopg[c]\n"}, ["libldap-2.5-0", "libpq5", "libsasl2-2"]),  # sorted
])
def test_requirements_name_the_libraries(files: dict[str, str], libs: list[str]) -> None:
    text = runtime(PIP, files)
    assert f"apt-get install -y --no-install-recommends {' '.join(libs)} " in text
    assert text.index("apt-get install") < text.index("COPY --from=builder")


def test_the_library_names_follow_the_release_the_image_is_built_on() -> None:
    """python:3.11 is built on trixie today (its chain of bases, read from docker-library): trixie's name."""
    files = {"requirements.txt": "python_ldap\n"}
    assert "libldap-2.5-0" in runtime(PIP, files)
    assert "libldap2 " in runtime(PIP.replace("python:3.11-bookworm", "python:3.11"), files)


def test_wheels_and_unknown_files_add_nothing() -> None:
    assert "apt-get" not in runtime(PIP, {"requirements.txt": "psycopg2-binary\nPillow\nlxml\n"})
    assert "apt-get" not in runtime(PIP, {})  # the context is not there: nothing is guessed


def test_inline_and_lock_files() -> None:
    inline = PIP.replace("-r requirements.txt", "pycurl==7.45.3 requests")
    assert "libcurl4" in runtime(inline, {})
    poetry = ("FROM python:3.11\nENV POETRY_VIRTUALENVS_CREATE=false\nRUN pip install poetry\nWORKDIR /app\n"
              "COPY . .\nRUN poetry install --no-root\nCMD [\"python\", \"app.py\"]\n")
    lock = '[[package]]\nname = "psycopg2"\nversion = "2.9.9"\n\n[[package]]\nname = "flask"\n'
    assert "libpq5" in runtime(poetry, {"poetry.lock": lock})
    pipenv = poetry.replace("ENV POETRY_VIRTUALENVS_CREATE=false\n", "").replace(
        "poetry install --no-root", "pipenv install --system --deploy").replace("install poetry", "install pipenv")
    assert "libmagic1" in runtime(pipenv, {"Pipfile.lock": '{"default": {"python-magic": {}}, "develop": {}}'})


def test_a_library_the_file_installs_already_is_not_added_twice() -> None:
    text = PIP.replace("RUN pip install", "RUN apt-get update && apt-get install -y libpq-dev && pip install")
    out = runtime(text, {"requirements.txt": "psycopg2\n"})
    assert out.count("libpq5") == 1
