"""A pin to a release PyPI has no wheel of for the image's Python (``Pillow==9.1.1`` on Python 3.11): pip builds it
from source, and on the full python image that build links the libraries whose headers the image has (libjpeg for
Pillow). The slim runtime installs their run-time libraries, or ``from PIL import Image`` fails there with
"libjpeg.so.62: cannot open shared object file". A release with a wheel, a range, an unknown Python or a build on
the slim image itself add nothing."""

from __future__ import annotations

import pytest
from conftest import load_script

from transformer import refactor
from transformer.passes.python import FLOATING_PYTHON, source_built

gen = load_script("gen_python_wheels")

REQUIREMENTS = ("FROM python:3.11-bookworm\nWORKDIR /app\nCOPY requirements.txt .\n"
                "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n"
                'CMD ["python", "app.py"]\n')


def runtime(text: str, requirements: str | None = None) -> str:
    files = {"requirements.txt": requirements} if requirements else {}
    result = refactor(text, read_context=files.get)
    assert result.changed, result.skipped
    return result.text.split("AS runner")[1]


def test_an_old_pillow_on_python_3_11_keeps_libjpeg() -> None:
    text = runtime(REQUIREMENTS, "Flask==3.0.0\nPillow==9.1.1\n")
    assert "--no-install-recommends libfreetype6 libjpeg62-turbo " in text
    assert text.index("libjpeg62-turbo") < text.index("COPY --from=builder")


def test_the_note_says_what_was_assumed() -> None:
    changes = [str(c) for c in refactor(REQUIREMENTS, read_context={"requirements.txt": "Pillow==9.1.1\n"}.get).changes]
    assert any("Pillow==9.1.1 has no manylinux wheel for Python 3.11 on PyPI" in c and
               "which ones the image has is not known here" in c for c in changes), changes
    assert any("Pillow==9.1.1 is built against libjpeg-dev: the runtime installs libjpeg62-turbo" in c
               for c in changes), changes


def test_a_release_with_a_wheel_for_the_python_adds_nothing() -> None:
    assert "libjpeg" not in runtime(REQUIREMENTS, "Pillow==10.0.0\n")
    assert "libjpeg" not in runtime(REQUIREMENTS.replace("3.11", "3.8"), "Pillow==9.1.1\n")


@pytest.mark.parametrize("spec", ["Pillow>=9.1.1", "Pillow~=9.1.1", "Pillow==9.1.*", "Pillow"])
def test_a_pin_that_is_not_exact_adds_nothing(spec: str) -> None:
    assert "apt-get" not in runtime(REQUIREMENTS, spec + "\n")


def test_a_tag_that_leaves_the_python_open_takes_it_as_3_11_or_newer() -> None:
    # Pillow 9.1.1's wheels end with 3.10, python:3 is 3.11 or newer (rp17 jspada200/jvspad); a range pins nothing
    open_tag = REQUIREMENTS.replace("python:3.11-bookworm", "python:3-bookworm")
    assert "libjpeg62-turbo" in runtime(open_tag, "Pillow==9.1.1\n")
    assert "apt-get" not in runtime(open_tag, "Pillow>=9.1\n")


def test_a_build_on_the_slim_image_adds_nothing() -> None:
    slim = REQUIREMENTS.replace("python:3.11-bookworm", "python:3.11-slim").replace(
        "RUN pip", "RUN apt-get update && apt-get install -y gcc && pip")
    assert "libjpeg" not in runtime(slim, "Pillow==9.1.1\n")


def test_an_inline_pin_of_pyyaml_keeps_libyaml() -> None:
    inline = REQUIREMENTS.replace("-r requirements.txt", "PyYAML==5.3.1 flask")
    assert "--no-install-recommends libyaml-0-2 " in runtime(inline)


def test_psycopg2_binary_without_a_wheel_keeps_libpq() -> None:
    assert "--no-install-recommends libpq5 " in runtime(REQUIREMENTS, "psycopg2-binary==2.8.6\n")
    assert "libpq5" not in runtime(REQUIREMENTS, "psycopg2-binary==2.9.9\n")


@pytest.mark.parametrize("spec", ["Pillow==9.1.1 --hash=sha256:abc \\", "pillow[tests] == 9.1.1 ; python_version > '3'",
                                  "Pillow==9.1.1.0"])
def test_pins_as_requirements_files_write_them(spec: str) -> None:
    assert "libjpeg62-turbo" in runtime(REQUIREMENTS, spec + "\n")


def test_source_built() -> None:
    assert [b.pin for b in source_built(["lxml==4.6.3", "lxml==4.9.4", "lxml==99.0"], "3.11")] == ["lxml==4.6.3"]
    assert source_built(["lxml==4.6.3"], "3.9") == []
    assert source_built(["lxml==4.6.3"], None) == []


@pytest.mark.parametrize(("filename", "minors"), [
    ("Pillow-8.1.0-cp39-cp39-manylinux1_x86_64.whl", {9}),
    ("PyYAML-5.4.1-cp37-cp37m-manylinux1_x86_64.whl", {7}),
    ("lxml-4.6.3-cp39-cp39-manylinux_2_5_x86_64.manylinux1_x86_64.whl", {9}),
    ("cryptography-3.4.8-cp36-abi3-manylinux_2_24_x86_64.whl", set(range(6, 14))),
    ("six-1.16.0-py2.py3-none-any.whl", set(range(6, 14))),
    ("futures-3.4.0-py2-none-any.whl", set()),
    ("Pillow-8.1.0-cp39-cp39-manylinux2014_aarch64.whl", set()),
    ("pillow-11.0.0-cp312-cp312-musllinux_1_2_x86_64.whl", set()),
    ("Pillow-8.1.0-cp39-cp39-win_amd64.whl", set()),
])
def test_wheel_minors(filename: str, minors: set[int]) -> None:
    assert gen.wheel_minors(filename) == minors


def test_release_wheels() -> None:
    sdist = {"packagetype": "sdist", "filename": "x-1.0.tar.gz"}
    wheel = {"packagetype": "bdist_wheel", "filename": "x-1.0-cp38-cp38-manylinux2010_x86_64.whl"}
    assert gen.release_wheels([sdist, wheel]) == "8"
    assert gen.release_wheels([sdist]) == ""
    assert gen.release_wheels([wheel]) is None


def test_source_built_on_a_tag_that_leaves_the_python_open() -> None:
    """rp17 jspada200/jvspad: `FROM python:3` and pillow==9.0.1, whose wheels end with 3.10: pip builds it from
    source on any Python python:3 gives (3.11 on), linking libjpeg, which the slim runtime then lacked."""
    assert [b.pin for b in source_built(["pillow==9.0.1", "pillow==9.5.0"], FLOATING_PYTHON)] == \
        ["pillow==9.0.1", "pillow==9.5.0"]  # 9.5.0's wheels end with 3.11: not every Python python:3 may be
    assert source_built(["lxml==4.6.3"], "3.9") == []


def test_a_floating_python_tag_gets_the_libraries_of_a_source_build() -> None:
    text = ("FROM python:{tag}\nWORKDIR /code\nRUN pip install pillow==9.0.1 gunicorn==20.1.0\nCOPY . /code/\n"
            "CMD [\"gunicorn\", \"config.wsgi\"]\n")
    for tag in ("3", "latest", "3-bookworm"):
        result = refactor(text.format(tag=tag))
        assert result.changed, result.skipped
        runner = result.text.partition(" AS runner")[2]
        assert "libjpeg62-turbo" in runner, (tag, runner)
    assert "libjpeg" not in refactor(text.format(tag="3.10")).text.partition(" AS runner")[2]  # a 3.10 wheel
