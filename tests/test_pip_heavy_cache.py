"""pip's download cache on an image that is already slim: about what the copied virtual environment brings along
(its own pip and setuptools), so the file is left alone, unless the requirements name downloads the data know to be
large (data/python_wheel_sizes.json, from PyPI: tensorflow==2.3.0's wheel is 320 MB): then the cache is worth a stage
(rp13 kalicharanbaksi/wikipedia-web-traffic-forecasting, rp11 geekycodess/Spam-Message-Detector)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from transformer import refactor

FILE = """\
FROM python:3.8.8-slim
WORKDIR /app
COPY requirements.txt requirements.txt
RUN pip3 install -r requirements.txt
COPY . .
CMD ["python3", "app.py"]
"""


def _refactor(requirements: str):  # type: ignore[no-untyped-def]
    return refactor(FILE, read_context={"requirements.txt": requirements}.get)


@pytest.mark.parametrize(("requirements", "shown"), [
    ("Flask\ntensorflow==2.3.0\nnumpy==1.18.5\n", "at least 340 MB: tensorflow 2.3.0, numpy 1.18.5"),
    ("torch\n", "torch"),
])
def test_a_heavy_download_cache_is_worth_a_stage(requirements: str, shown: str) -> None:
    result = _refactor(requirements)
    assert result.changed, result.skipped
    assert "COPY --from=builder /opt/venv /opt/venv" in result.text
    assert any(c.message.startswith("pip's download cache (") and shown in c.message for c in result.changes), \
        [c.message for c in result.changes]


@pytest.mark.parametrize("requirements", ["Flask==2.0.1\ngunicorn\n", "tensorflow\n", "numpy==1.18.5\npandas\n"])
def test_a_light_one_is_not(requirements: str) -> None:
    # tensorflow unpinned: the smallest of its releases since 2017 (30.9 MB) is all the data can promise
    result = _refactor(requirements)
    assert not result.changed and "nothing to gain" in (result.skipped or "")


def test_without_the_requirements_nothing_is_known() -> None:
    result = refactor(FILE)
    assert not result.changed and "nothing to gain" in (result.skipped or "")


def _script():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[1] / "scripts" / "gen_python_wheel_sizes.py"
    spec = importlib.util.spec_from_file_location("gen_python_wheel_sizes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_takes_the_smallest_download_pip_could_make() -> None:
    gen = _script()

    def f(name: str, size: int, kind: str = "bdist_wheel", when: str = "2020-01-01T00:00:00Z") -> dict[str, object]:
        return {"filename": name, "size": size, "packagetype": kind, "upload_time_iso_8601": when}

    doc = {"releases": {
        "2.3.0": [f("tensorflow-2.3.0-cp38-cp38-manylinux2010_x86_64.whl", 320_300_000),
                  f("tensorflow-2.3.0-cp38-cp38-macosx_10_11_x86_64.whl", 165_000_000),
                  f("tensorflow-2.3.0-cp38-cp38-win_amd64.whl", 342_000_000)],
        "0.12.0": [f("tensorflow-0.12.0-cp35-cp35m-manylinux1_x86_64.whl", 43_000_000, when="2016-12-20T00:00:00Z")],
        "1.0.0": [f("tensorflow-1.0.0.tar.gz", 9_000_000, kind="sdist")],
        "2.0.0": [f("tensorflow-2.0.0-cp37-cp37m-manylinux2010_aarch64.whl", 1_000_000),
                  f("tensorflow-2.0.0-cp37-cp37m-manylinux2010_x86_64.whl", 86_300_000)],
    }}
    # macOS and Windows wheels, aarch64, and releases before 2017 are not what pip downloads here; a release with
    # no fitting wheel counts its source distribution
    assert gen.release_sizes(doc) == {"2.3.0": 320.3, "1.0.0": 9.0, "2.0.0": 86.3}


def test_a_heavy_cache_removed_in_its_own_run_does_not_count() -> None:
    # an earlier RUN leaves pip's cache (of light downloads); the heavy install's RUN removes its own cache, so what
    # stays in the image is the light one: nothing to gain, whatever the heavy downloads weigh
    text = FILE.replace("RUN pip3 install -r requirements.txt\n",
                        "RUN pip3 install gunicorn\n"
                        "RUN pip3 install -r requirements.txt && rm -rf /root/.cache/pip\n")
    result = refactor(text, read_context={"requirements.txt": "tensorflow==2.3.0\n"}.get)
    assert not result.changed and "nothing to gain" in (result.skipped or ""), result.text
