"""A RUN that names a path in the official image's site-packages (an edit of an installed package's file, as
pyethapp's images patch gevent: `sed -i ... /usr/local/lib/python3.11/site-packages/gevent/ssl.py`) needs the
packages there: in the tool's virtual environment (/opt/venv) the path would not exist and the build would fail."""

from __future__ import annotations

import pytest
from conftest import stages as _stages

_PATCH = "RUN sed -i 's/PROTOCOL_SSLv3/PROTOCOL_SSLv23/g' /usr/local/lib/python3.11/site-packages/gevent/ssl.py\n"


@pytest.mark.parametrize("where", ["after", "before"])
def test_a_run_naming_the_image_site_packages_keeps_the_installs_there(where: str) -> None:
    install = "COPY . /app\nWORKDIR /app\nRUN pip install -e .\n"
    body = install + _PATCH if where == "after" else _PATCH.replace("RUN sed", "RUN true || sed") + install
    builder, runtime = _stages(f"FROM python:3.11\n{body}CMD [\"app\"]\n")
    assert "/opt/venv" not in builder + runtime
    assert "COPY --from=builder /usr/local/lib/python3.11/site-packages /usr/local/lib/python3.11/site-packages" \
        in runtime
    assert "COPY --from=builder /usr/local/bin /usr/local/bin" in runtime


def test_a_run_naming_another_python_folder_still_gets_the_virtual_environment() -> None:
    builder, runtime = _stages("FROM python:3.11\nCOPY . /app\nWORKDIR /app\nRUN pip install -e .\n"
                               "RUN sed -i s/a/b/ /app/site-packages/x.py\nCMD [\"app\"]\n")
    assert "RUN python -m venv /opt/venv" in builder
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime


@pytest.mark.parametrize("cmd", ['["python", "/usr/local/lib/python3.11/site-packages/greet/main.py"]',
                                 "python /usr/local/lib/python3.11/site-packages/greet/main.py"])
def test_a_command_running_a_file_in_the_image_site_packages_keeps_the_installs_there(cmd: str) -> None:
    builder, runtime = _stages(f"FROM python:3.11\nCOPY . /app\nWORKDIR /app\nRUN pip install ./greet\nCMD {cmd}\n")
    assert "/opt/venv" not in builder + runtime
    assert "COPY --from=builder /usr/local/lib/python3.11/site-packages /usr/local/lib/python3.11/site-packages" \
        in runtime


def test_a_copy_into_the_image_site_packages_keeps_the_installs_there() -> None:
    # the environment's Python would not see /usr/local/lib/python3.11/site-packages/mypatch.py
    builder, runtime = _stages("FROM python:3.11\nCOPY . /app\nWORKDIR /app\nRUN pip install flask\n"
                               "COPY mypatch.py /usr/local/lib/python3.11/site-packages/mypatch.py\n"
                               "CMD [\"python\", \"-c\", \"import mypatch, flask\"]\n")
    assert "/opt/venv" not in builder + runtime
    # the builder's site-packages, which the runtime copies, holds mypatch.py already: not copied a second time
    assert "COPY mypatch.py /usr/local/lib/python3.11/site-packages/mypatch.py" in builder
    assert "COPY --from=builder /usr/local/lib/python3.11/site-packages /usr/local/lib/python3.11/site-packages" \
        in runtime and "mypatch" not in runtime.replace('"import mypatch, flask"', "")
