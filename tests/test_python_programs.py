"""PyPI projects that run a program of the full python image (buildpack-deps has it) which python:*-slim lacks:
GitPython runs git, and its import fails without it. When the runtime leaves the full image for the slim one, it
installs the program's package (before: the slim runtime had no git, and `import git` failed: "Bad git
executable"). On the slim image or a distribution image the file's own install decides, as before."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import Result, refactor

TEXT = ("FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
        "CMD [\"python\", \"app.py\"]\n")


def _rewrite(requirements: str) -> tuple[Result, str]:
    """The rewrite of TEXT with this requirements.txt in the context, and its runtime stage."""
    result = refactor(TEXT, read_context=context_of({"requirements.txt": requirements}))
    assert result.changed, result.skipped
    return result, result.text.partition(" AS runner\n")[2]


def test_gitpython_on_the_full_image_gets_git_in_the_slim_runtime() -> None:
    result, runtime = _rewrite("flask==3.0.0\nGitPython==3.1.43\n")
    assert runtime.startswith("RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf "
                              "/var/lib/apt/lists/*\n"), runtime
    assert any("GitPython runs a program of git, which python:3.11 has and its slim variant lacks: the runtime "
               "installs it" in str(c) for c in result.changes)


def test_without_gitpython_or_on_the_slim_image_no_git() -> None:
    plain = refactor(TEXT, read_context=context_of({"requirements.txt": "flask==3.0.0\n"}))
    assert plain.changed and "git" not in plain.text.partition(" AS runner\n")[2]
    slim = refactor(TEXT.replace("python:3.11", "python:3.11-slim").replace(
        "RUN pip", "RUN apt-get update && apt-get install -y gcc && pip"),
        read_context=context_of({"requirements.txt": "GitPython==3.1.43\n"}))
    assert slim.changed and "git" not in slim.text.partition(" AS runner\n")[2], slim.text


def test_wand_loads_imagemagick_with_ctypes() -> None:
    """Wand loads libMagickWand at import: the full image has it (libmagickwand-dev), the slim one not."""
    result = refactor(TEXT, read_context=context_of({"requirements.txt": "Wand==0.6.13\n"}))
    assert result.changed, result.skipped
    assert "libmagickwand-" in result.text.partition(" AS runner\n")[2], result.text  # 6.q16-6 or 7.q16-10


def test_lightgbm_on_the_full_image_gets_the_openmp_library_its_wheel_loads() -> None:
    """LightGBM's wheel loads libgomp.so.1 unbundled (gcc's, on the full image): the slim runtime installs libgomp1
    (before: nothing, and `import lightgbm` failed; seen on tada-site/tada_sales_forecast)."""
    result, runtime = _rewrite("pandas==2.2.3\nlightgbm==4.5.0\n")
    assert runtime.startswith("RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf "
                              "/var/lib/apt/lists/*\n"), runtime
    assert any("lightgbm's wheel loads a library of libgomp1, which it does not bundle and which python:3.11 has and "
               "its slim variant lacks: the runtime installs it" in str(c) for c in result.changes)


@pytest.mark.parametrize("project", ["opencv-python==3.4.0.12", "opencv-contrib-python"])
def test_opencv_on_the_full_image_gets_the_x11_and_glib_libraries_its_wheel_loads(project: str) -> None:
    """OpenCV's non-headless wheel loads libSM, libXext, libXrender and GLib's libgthread unbundled (dev file
    6e1543ce, pinned in the Dockerfile itself: `import cv2` failed on the slim runtime); the headless one needs none."""
    _, runtime = _rewrite(f"numpy\n{project}\n")
    assert runtime.startswith("RUN apt-get update && apt-get install -y --no-install-recommends libglib2.0-0 libsm6 "
                              "libxext6 libxrender1 && rm -rf /var/lib/apt/lists/*\n"), runtime
    _, headless = _rewrite("numpy\nopencv-python-headless\n")
    assert "libsm6" not in headless, headless


@pytest.mark.parametrize(("project", "packages"), [
    ("weasyprint==52.5", "libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libpangoft2-1.0-0"),
    ("cairocffi", "libcairo2"),
    ("CairoSVG==2.7.1", "libcairo2"),
])
def test_cairo_and_pango_loaders_get_their_libraries(project: str, packages: str) -> None:
    """WeasyPrint, cairocffi and CairoSVG load cairo (and Pango) with dlopen, which the full image has through
    ImageMagick's dependencies and the slim one lacks (rp14 ameba-bcn/ameba-backend: weasyprint 52.5, `cannot load
    library 'libcairo.so.2'` on a stand-in full image)."""
    _, runtime = _rewrite(f"Django==3.2\n{project}\n")
    assert runtime.startswith(f"RUN apt-get update && apt-get install -y --no-install-recommends {packages} && rm -rf "
                              "/var/lib/apt/lists/*\n"), runtime


def test_lightgbm_on_the_slim_image_gets_no_library_the_file_did_not_install() -> None:
    slim = refactor(TEXT.replace("python:3.11", "python:3.11-slim").replace(
        "RUN pip", "RUN apt-get update && apt-get install -y gcc && pip"),
        read_context=context_of({"requirements.txt": "lightgbm==4.5.0\n"}))
    assert slim.changed and "libgomp1" not in slim.text.partition(" AS runner\n")[2], slim.text
