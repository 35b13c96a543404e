"""A virtual environment made on the official python image by Debian's Python (`python3.7 -m venv .venv` on
python:3.8-slim-buster, which has python3.7 only as buster's python3, or `/usr/bin/python3 -m venv`): its python
is a link to /usr/bin/python3.7. The runtime dropped python3-venv and python3-dev as "a second Python" and had no
/usr/bin/python3.7: the CMD's ./.venv/bin/python was a dangling link (seen reading dev file 100b59f4, where
software-properties-common happened to bring python3 back). It installs python3 now."""

from __future__ import annotations

import pytest
from conftest import stages as _stages

FILE = ("FROM python:3.8-slim-buster\nRUN apt-get update && apt-get install -y --no-install-recommends gcc "
        "python3-dev python3-venv\nWORKDIR /app\nCOPY requirements.txt .\nRUN {python} -m venv .venv && "
        "./.venv/bin/pip install -r requirements.txt\nCOPY . .\nCMD [\"./.venv/bin/python\", \"app.py\"]\n")


@pytest.mark.parametrize("python", ["python3.7", "/usr/bin/python3"])
def test_the_distributions_python_stays_for_its_venv(python: str) -> None:
    _, runtime = _stages(FILE.format(python=python))
    assert "COPY --from=builder /app/.venv /app/.venv" in runtime, runtime
    assert "--no-install-recommends python3 " in runtime or "--no-install-recommends python3\n" in runtime \
        or " python3 &&" in runtime, runtime


@pytest.mark.parametrize("python", ["python3.8", "python3", "python"])
def test_the_images_own_python_needs_none(python: str) -> None:
    _, runtime = _stages(FILE.format(python=python))
    assert "python3" not in runtime.replace("/app/.venv", ""), runtime
