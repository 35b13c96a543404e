"""An apt install that takes the recommended packages (apt's default) brings a package's own optional parts:
imagemagick-6.q16 only recommends libmagickcore-6.q16-6-extra, its extra coders (SVG through librsvg, OpenEXR,
DjVu); xvfb recommends xauth, which xvfb-run runs. The runtime installs with --no-install-recommends, and names those
parts (ImageMagick's install takes all its recommended packages, ghostscript among them): packages a kept package
recommends that are built from its own source (data/debian_recommends.json, from the distributions' indices)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from transformer import refactor
from transformer.packages import recommended_parts

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _load(name: str) -> ModuleType:
    """A generator script as a module (it imports the runtime map's generator by name, from its folder)."""
    sys.path.insert(0, str(SCRIPTS))
    try:
        spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses need the module registered
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(SCRIPTS))


gen = _load("gen_debian_recommends")
debian = sys.modules["gen_debian_runtime_map"]

FILE = """FROM python:3.11-bookworm
RUN apt-get update && apt-get install -y {flags}imagemagick libpq-dev && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py .
CMD ["python", "app.py"]
"""


def _runner(text: str) -> str:
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.split(" AS runner\n", 1)[1]


def test_the_runtime_installs_the_parts_the_original_install_took() -> None:
    runner = _runner(FILE.replace("imagemagick", "xvfb").format(flags=""))
    install = next(line for line in runner.splitlines() if "xvfb" in line)
    assert "xauth" in install.split(), runner  # xvfb-run runs xauth, which Debian's xvfb only recommends
    assert "--no-install-recommends" in runner


def test_imagemagicks_install_takes_all_its_recommended_packages() -> None:
    # not only its extra coders: ghostscript too (tests/test_imagemagick_recommends.py)
    runner = _runner(FILE.format(flags=""))
    assert "apt-get install -y imagemagick libpq5" in runner, runner


def test_an_install_without_recommends_had_no_parts_to_keep() -> None:
    runner = _runner(FILE.format(flags="--no-install-recommends "))
    assert "-extra" not in runner, runner


def test_parts_are_named_as_the_release_names_them() -> None:
    assert recommended_parts("imagemagick", "bookworm") == ("libmagickcore-6.q16-6-extra",)
    assert recommended_parts("imagemagick-6.q16", "bionic") == ("libmagickcore-6.q16-3-extra",)
    assert recommended_parts("imagemagick", None) == ()  # an unknown release: the names change (-2-, -3-, -6-)
    assert recommended_parts("imagemagick", "wheezy") == ()


INDEX = """Package: tool
Source: tool-src
Depends: tool-core (>= 1), libc6

Package: tool-core
Source: tool-src (1.0-1)
Depends: libc6
Recommends: tool-extra | other-extra, helper, tool-dev, tool-doc, tool-l10n, tool-gcc, tool-full | tool

Package: tool-extra
Source: tool-src

Package: tool-full
Source: tool-src

Package: helper
Source: helper

Package: tool-dev
Source: tool-src
Section: libdevel

Package: tool-doc
Source: tool-src

Package: tool-l10n
Source: tool-src

Package: tool-gcc
Source: tool-src
Section: devel

Package: libc6
Source: glibc
Recommends: libidn2-0

Package: libidn2-0
Source: libidn2
"""


def test_the_generator_takes_same_source_recommends_of_the_package_and_its_same_source_dependencies() -> None:
    """tool depends on tool-core (its source's), which recommends tool-extra: a part of tool. helper is another
    source's; -dev, -doc, translations and build-only packages are no parts; ``tool-full | tool`` is met by tool
    itself (as vim-common's ``vim | vim-tiny`` by vim-tiny); libc6 is another source's dependency, whose recommends
    are not followed."""
    table = gen.release_map(INDEX)
    assert table["tool"] == ["tool-extra"]
    assert table["tool-core"] == ["tool-extra", "tool-full"]  # installed alone, tool-core has no tool
    assert "libc6" not in table


def test_the_release_differences_rebuild_each_release() -> None:
    doc = gen.build({debian.BASE: {"a": ["a-x"], "b": ["b-x"]}, "focal": {"a": ["a-y"], "c": ["c-x"]}}, {}, "")
    assert doc["releases"] == {"focal": {"a": ["a-y"], "b": None, "c": ["c-x"]}}
