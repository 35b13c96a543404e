"""pip told to build a project from source (--no-binary, PIP_NO_BINARY, a requirements file's --no-binary line) on
the full python image links the system libraries whose headers that image has, though the project's wheels bundle
them (lxml: libxml2, libxslt): the slim runtime installs their run-time libraries. The e2e proof is
test_python_no_binary_e2e.py."""

from __future__ import annotations

import pytest

from transformer import refactor


def _runtime(text: str, files: dict[str, str] | None = None) -> str:
    result = refactor(text, read_context=(files or {}).get)
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


def _file(run: str, image: str = "python:3.11", env: str = "") -> str:
    return f"FROM {image}\n{env}WORKDIR /app\nCOPY . .\nRUN {run}\nCMD [\"python\", \"app.py\"]\n"


@pytest.mark.parametrize("run", ["pip install --no-binary lxml lxml", "pip install --no-binary=lxml lxml==5.3.0",
                                 "pip install --no-binary :all: lxml flask", "pip install --no-binary pillow,lxml lxml",
                                 "PIP_NO_BINARY=lxml pip install lxml"])
def test_lxml_told_to_build_from_source_gets_its_libraries(run: str) -> None:
    assert "--no-install-recommends libxml2 libxslt1.1 " in _runtime(_file(run))


def test_the_environment_and_a_requirements_file_tell_it_too() -> None:
    assert "libxml2 libxslt1.1" in _runtime(_file("pip install lxml", env="ENV PIP_NO_BINARY=:all:\n"))
    files = {"requirements.txt": "--no-binary lxml\nlxml==5.3.0\nflask\n"}
    assert "libxml2 libxslt1.1" in _runtime(_file("pip install -r requirements.txt"), files)


def test_the_explanation_says_pip_builds_it_from_source() -> None:
    result = refactor(_file("pip install --no-binary lxml lxml"))
    assert any("pip builds lxml from source (--no-binary)" in str(c) for c in result.changes), result.changes


@pytest.mark.parametrize("run", ["pip install lxml", "pip install --no-binary lxml flask",
                                 "pip install --no-binary :all: --no-binary :none: lxml",
                                 "pip install --only-binary :all: lxml"])
# (`--no-binary lxml flask`: lxml is the option's value, not a project installed)
def test_wheels_or_other_projects_need_nothing(run: str) -> None:
    result = refactor(_file(run))
    assert "libxslt" not in (result.text or "")


def test_on_the_slim_image_nothing_is_added() -> None:
    # the slim image has no libxml2 headers: the build that succeeded there linked what the file installed
    result = refactor(_file("pip install --no-binary lxml lxml", image="python:3.11-slim"))
    assert "libxslt1.1" not in (result.text or "")
