"""pip on the release's own python3 with its headers (python3-dev), installing projects the build context does not
show: one of them may embed Python (uWSGI, which has no wheel and which pip builds against libpython3-dev), whose
shared library libpython3.X the runtime's python3 does not bring. The runtime keeps it, and the reason says why
(read18, dev 30483771: `uwsgi: error while loading shared libraries: libpython3.11.so.1.0` once python3-dev moved to
the builder, without a word). With the requirements read, only a project that embeds Python keeps it."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import context_of, verified

from transformer import refactor

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-distribution-uwsgi"
NOTE = ("uWSGI, if requirements.txt (not in the build context) names it, is built against libpython3-dev: the "
        "runtime installs libpython3.11")


def _runtime(text: str, files: dict[str, str] | None = None) -> tuple[str, str]:
    result = refactor(text, read_context=context_of(files)) if files is not None else refactor(text)
    assert result.changed, result.skipped
    return result.text.partition(" AS runner\n")[2], "\n".join(str(c) for c in result.changes)


def test_without_the_requirements_the_runtime_keeps_libpython() -> None:
    runtime, why = _runtime((APP / "Dockerfile").read_text())
    assert " libpython3.11 " in runtime and "python3-dev" not in runtime
    assert NOTE in why


def test_read_requirements_without_an_embedder_do_not() -> None:
    runtime, why = _runtime((APP / "Dockerfile").read_text(), {"requirements.txt": "flask==3.0.3\n", "app.py": ""})
    assert "libpython" not in runtime and "uWSGI, if" not in why


@pytest.mark.parametrize(("old", "new"), [
    (" python3-dev", ""),  # no headers: nothing embeds Python
    ("FROM debian:bookworm", "FROM python:3.11"),  # the image's own Python, whose slim variant has its library
])
def test_no_headers_or_the_image_s_own_python_keep_nothing(old: str, new: str) -> None:
    text = (APP / "Dockerfile").read_text().replace(old, new)
    result = refactor(text)
    assert "uWSGI, if" not in "\n".join(str(c) for c in result.changes)


@pytest.mark.e2e
def test_uwsgi_built_without_context_serves_from_the_runtime() -> None:
    """Engine: the rewrite made without the build context (as over real files) builds and serves; before, uWSGI
    could not load libpython3.11.so.1.0 in the runtime."""
    result = refactor((APP / "Dockerfile").read_text())
    assert result.changed, result.skipped
    report = verified(APP, result.text, http=(18641, "/"))
    assert any("served by uWSGI embedding Python" in ms.body for orig, ms in report.smoke if orig.kind == "http")


@pytest.mark.parametrize("files", [None, {"requirements.txt": "uWSGI==2.0.28\n", "app.py": ""}])
def test_a_versioned_python_s_headers_keep_its_library(files: dict[str, str] | None) -> None:
    """adv-s38 2a: python3.11-dev rather than python3-dev (with the requirements read or not): the runtime lost
    libpython3.11 (`uwsgi: error while loading shared libraries: libpython3.11.so.1.0`)."""
    text = (APP / "Dockerfile").read_text().replace("python3 python3-dev python3-pip", "python3.11 python3.11-dev "
                                                                                     "python3-pip")
    runtime, why = _runtime(text, files)
    assert " libpython3.11 " in runtime, runtime
    assert "is built against libpython3.11-dev: the runtime installs libpython3.11" in why


@pytest.mark.parametrize(("old", "new"), [
    (" python3-dev", " python3-all-dev"),  # adv-s38 2b
    ("pip3 install --no-cache-dir -r requirements.txt", "pip3 install --no-cache-dir ."),  # the project's own deps
])
def test_other_headers_and_a_local_project_keep_it_too(old: str, new: str) -> None:
    runtime, why = _runtime((APP / "Dockerfile").read_text().replace(old, new))
    assert " libpython3.11 " in runtime, runtime


LOCAL = ("pip3 install --no-cache-dir -r requirements.txt", "pip3 install --no-cache-dir .")


def _project(dependencies: str, extra: str = "") -> dict[str, str]:
    return {"pyproject.toml": f'[project]\nname = "site"\nversion = "1"\ndependencies = [{dependencies}]\n{extra}',
            "app.py": ""}


def test_a_local_project_whose_pyproject_names_no_embedder_keeps_nothing() -> None:
    """CI's test_pip_venv_e2e: `pip install /src`, whose pyproject.toml the context shows (markupsafe alone), kept
    libpython3.11 for an embedder nothing names."""
    runtime, why = _runtime((APP / "Dockerfile").read_text().replace(*LOCAL), _project('"flask==3.0.3"'))
    assert "libpython" not in runtime and "uWSGI" not in why


@pytest.mark.parametrize("files", [
    _project('"flask"', '[project.optional-dependencies]\nserve = ["uWSGI>=2"]\n'),  # an extra's dependency
    {"setup.py": "from setuptools import setup\nsetup(name='site', install_requires=['uwsgi'])\n", "app.py": ""},
])
def test_a_local_project_that_depends_on_uwsgi_keeps_libpython(files: dict[str, str]) -> None:
    runtime, why = _runtime((APP / "Dockerfile").read_text().replace(*LOCAL), files)
    assert " libpython3.11 " in runtime, runtime
    assert "is built against libpython3-dev: the runtime installs libpython3.11" in why


@pytest.mark.parametrize("files", [
    {"pyproject.toml": '[project]\nname = "site"\ndynamic = ["dependencies"]\n', "app.py": ""},  # computed when built
    {"pyproject.toml": '[tool.poetry]\nname = "site"\n', "app.py": ""},  # no [project] table
    {"pyproject.toml": "[project\n", "app.py": ""},  # not TOML
])
def test_a_local_project_whose_dependencies_are_not_shown_keeps_libpython(files: dict[str, str]) -> None:
    runtime, _ = _runtime((APP / "Dockerfile").read_text().replace(*LOCAL), files)
    assert " libpython3.11 " in runtime, runtime
