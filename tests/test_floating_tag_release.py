"""A floating tag (`ubuntu`, `ubuntu:latest`, `debian`) names today's release; a file that installs a -dev package
that release no longer has, and an older one had (python-dev), was written for another: the run-time libraries are
not named as today's release names them (read21 WRONG, dev 54fd4f53: libpng16-16t64, noble's name, for a file of
trusty's time), but taken as not known (the builder lists them by ldd, or the runtime keeps the -dev package)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = """FROM {image}
RUN apt-get update && apt-get install -y build-essential {python} libffi-dev python-pip
COPY . /app
RUN pip install -r /app/requirements.txt
CMD ["python", "/app/app.py"]
"""


@pytest.mark.parametrize("image", ["ubuntu", "ubuntu:latest", "debian"])
def test_a_package_of_an_older_release_makes_the_release_unknown(image: str) -> None:
    result = refactor(FILE.format(image=image, python="python-dev"))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "libffi8" not in runtime and "t64" not in runtime, runtime
    assert any("which has no python-dev (an older release had it)" in str(c) for c in result.changes), result.changes


def test_a_file_of_today_s_release_keeps_its_names() -> None:
    runtime = runner_stage(FILE.format(image="ubuntu:latest", python="python3-dev").replace("python-pip",
                                                                                             "python3-pip"))
    assert "libffi8" in runtime, runtime


def test_a_pinned_tag_is_its_release() -> None:
    """ubuntu:24.04 is noble whatever the file installs: it fails there as the original does."""
    result = refactor(FILE.format(image="ubuntu:24.04", python="python-dev"))
    assert not any("which has no" in str(c) or "taken as" in str(c) for c in result.changes)


_TODAYS = FILE.replace("python-pip", "python3-pip").format(python="python3-dev", image="{image}")


_LIBXML = """FROM {image}
RUN apt-get update && apt-get install -y build-essential python3-dev python3-pip libxml2-dev libxslt1-dev
COPY . /app
RUN pip3 install --break-system-packages lxml==5.3.0 --no-binary lxml
CMD ["python3", "/app/app.py"]
"""


@pytest.mark.parametrize("image", ["ubuntu", "ubuntu:latest", "ubuntu:26.04", "ubuntu:resolute"])
def test_ubuntu_latest_is_resolute_with_its_package_names(image: str) -> None:
    """read34 (60eb10a6, 59a70506): docker-library's library/ubuntu has named 26.04 (resolute) latest since
    August 2026, and the data stopped at noble: the runtime installed noble's names, libxml2 for libxml2-dev,
    where resolute's library is libxml2-16 (and libicu78, not noble's libicu74). The data now hold resolute."""
    result = refactor(_LIBXML.format(image=image))
    runtime = result.text.partition(" AS runner")[2]
    assert "libxml2-16" in runtime and "libxml2 " not in runtime, runtime
    assert not any("taken as" in str(c) or "assumed: ubuntu" in str(c) for c in result.changes), result.changes


def test_noble_keeps_its_own_names() -> None:
    runtime = runner_stage(_LIBXML.format(image="ubuntu:24.04"))
    assert "libxml2-16" not in runtime and "libxml2" in runtime, runtime


@pytest.mark.parametrize("image", ["ubuntu:24.04", "ubuntu:noble", "debian", "debian:latest"])
def test_a_tag_that_is_its_release_today_has_no_such_note(image: str) -> None:
    notes = [str(c) for c in refactor(_TODAYS.format(image=image)).changes]
    assert not any("taken as" in n for n in notes), notes
