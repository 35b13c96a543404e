"""ImageMagick converts PDF, PostScript and EPS with ghostscript, which Debian's ImageMagick only recommends
(libmagickcore-6.q16-6 recommends ghostscript): an install that took the recommended packages has it, one with
--no-install-recommends does not, and a PDF's thumbnail then fails. The runtime's copy of an install that names
ImageMagick and took the recommends takes them too (read32 2d629af3, a Rails app whose uploads make PDF thumbnails
with MiniMagick; 7 dev rewrites had dropped ghostscript)."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.packages import imagemagick_named

APP = """FROM python:3.11
RUN apt-get update && apt-get install -y {flags}imagemagick libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""


def _runner(flags: str) -> tuple[str, list[str]]:
    result = refactor(APP.format(flags=flags))
    assert result.changed, result.skipped
    return result.text.split(" AS runner\n", 1)[1], [str(c) for c in result.changes]


def test_the_runtime_takes_imagemagicks_recommended_packages_as_the_original_did() -> None:
    runner, changes = _runner("")
    install = next(line for line in runner.splitlines() if "imagemagick" in line)
    assert "--no-install-recommends" not in install, runner
    assert "libpq5" in install, runner
    assert any("the runtime's install of imagemagick takes the recommended packages" in c for c in changes), changes


def test_an_install_without_recommends_stays_without() -> None:
    runner, changes = _runner("--no-install-recommends ")
    install = next(line for line in runner.splitlines() if "imagemagick" in line)
    assert "--no-install-recommends" in install, runner
    assert not any("takes the recommended packages" in c for c in changes)


@pytest.mark.parametrize(("packages", "found"), [
    (("curl", "imagemagick"), "imagemagick"),
    (("imagemagick-6.q16",), "imagemagick-6.q16"),
    (("ImageMagick",), "ImageMagick"),
    (("libmagickwand-dev", "imagemagick-6-common", "graphicsmagick"), None),
])
def test_imagemagick_is_named_by_its_program_packages(packages: tuple[str, ...], found: str | None) -> None:
    assert imagemagick_named(packages) == found
