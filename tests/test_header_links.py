"""A link among the C headers (``ln -s /usr/include/locale.h /usr/include/xlocale.h``) or an edit of one (``sed -i``
of mysql.h, dev 7f452a18) serves the compiler of the build: the runtime repeated it, where /usr/include (which the
build-only -dev packages fill) may not be there at all, and the link or the edit failed the build. It stays in the
builder; a link elsewhere is still repeated."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """\
FROM python:3.11
RUN apt-get update && apt-get install -y libgmp-dev
RUN {link}
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""


@pytest.mark.parametrize("link", [
    "ln -s /usr/include/locale.h /usr/include/xlocale.h",
    "ln -sf /usr/include/x86_64-linux-gnu/gmp.h /usr/include/gmp.h",
    "ln -s /usr/include/python3.11 /usr/local/include/python3.11",
    "sed -i '342a\\unsigned int reconnect;' /usr/include/mysql/mysql.h",
    "echo '#define X 1' >> /usr/include/gmp.h",
])
def test_a_header_link_or_edit_stays_in_the_builder(link: str) -> None:
    runtime = runner_stage(FILE.format(link=link))
    assert link not in runtime and "/usr/include" not in runtime, runtime


def test_a_link_outside_the_headers_is_repeated() -> None:
    link = "ln -s /usr/include/gmp.h /app/gmp.h"
    runtime = runner_stage(FILE.format(link=link))
    assert link in runtime, runtime


def test_a_header_link_removed_after_the_build_is_not_removed_in_the_runtime() -> None:
    link = "ln -s locale.h /usr/include/xlocale.h && pip install numpy && rm /usr/include/xlocale.h"
    runtime = runner_stage(FILE.format(link=link))
    assert "xlocale" not in runtime, runtime
