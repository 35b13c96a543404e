"""pip's download cache of requirements that pin no release, on an image that is already slim: a stage gains the
cache, which the tool bounds from data/python_wheel_sizes.json. It took the smallest file of every release since
2017 for an unpinned project (xgboost's 0.4 MB source), where pip takes the newest release, a wheel of its platform
(rp15 aman-acharya/end-to-end-ml-project: 656 MB of wheels in /root/.cache/pip, left alone as "nothing to gain").
On a current Python the bound is now the recent releases' (the file pip picks on glibc 2.36); on an older one it
stays the bound since 2017, as pip takes the newest release that still supports it."""

from __future__ import annotations

from pathlib import Path

import pytest

from transformer import Result, refactor
from transformer.fileio import context_reader
from transformer.images import data

FILE = """FROM {image}
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
ENTRYPOINT ["streamlit", "run", "app.py"]
"""


def _result(tmp_path: Path, image: str,
            requirements: str = "pandas\nnumpy\nxgboost\nscikit-learn\nstreamlit\n") -> Result:
    (tmp_path / "requirements.txt").write_text(requirements)
    (tmp_path / "app.py").write_text("import streamlit\n")
    return refactor(FILE.format(image=image), read_context=context_reader(str(tmp_path)))


def test_unpinned_heavy_requirements_leave_a_cache_worth_a_stage(tmp_path: Path) -> None:
    result = _result(tmp_path, "python:3.11.0-slim")
    assert result.changed, result.skipped
    note = next((str(c) for c in result.changes if "pip's download cache (at least" in str(c)), "")
    assert "xgboost" in note, result.changes


def test_an_older_python_keeps_the_bound_since_2017(tmp_path: Path) -> None:
    result = _result(tmp_path, "python:3.6-slim")
    assert not result.changed
    assert "nothing to gain" in (result.skipped or ""), result.skipped


def test_the_data_bound_the_newest_releases_by_what_pip_picks() -> None:
    xgboost = data("python_wheel_sizes.json")["projects"]["xgboost"]
    assert xgboost["any"] < 1 < 50 < xgboost["recent"]  # a source of 2017; the manylinux_2_28 wheels of late


@pytest.mark.parametrize(("image", "current"), [("python:2-slim", False), ("python:3-slim", True)])
def test_a_tag_without_a_minor_version_is_current_for_python_3_alone(tmp_path: Path, image: str,
                                                                     current: bool) -> None:
    # python:2-slim names no minor version, as python:3-slim does, but it is the oldest Python, not the newest
    result = _result(tmp_path, image)
    assert result.changed is current, result.skipped
