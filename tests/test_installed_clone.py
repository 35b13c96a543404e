"""Sources a `git clone` fetched and a non-editable Python install built (`python setup.py install`, `pip install
.`): the install put what the program runs into the environment the runtime copies, so the clone (its .git, its build
tree) stays in the builder, as a staged `make install`'s sources do (read28 037cd1b1: PyTorch's recursive clone and
build tree, several GB, copied beside the installed torch). An editable install, or a command that names the folder,
keeps it."""

from __future__ import annotations

import pytest
from conftest import stages

FILE = """\
FROM python:3.11
WORKDIR /root
RUN git clone https://github.com/example/tool && cd tool && {install}
WORKDIR /var
COPY main.py /var
CMD {cmd}
"""


@pytest.mark.parametrize("install", ["python setup.py install", "pip install .", "pip install /root/tool"])
def test_the_installed_clone_stays_in_the_builder(install: str) -> None:
    _, runtime = stages(FILE.format(install=install, cmd='["python", "/var/main.py"]'))
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime, runtime
    assert "/root/tool" not in runtime, runtime


@pytest.mark.parametrize(("install", "cmd"), [
    ("pip install -e .", '["python", "/var/main.py"]'),  # the environment points into the clone
    ("python setup.py develop", '["python", "/var/main.py"]'),
    ("pip install .", '["python", "/root/tool/scripts/run.py"]'),  # the command runs a file of it
])
def test_a_clone_the_program_uses_is_copied(install: str, cmd: str) -> None:
    _, runtime = stages(FILE.format(install=install, cmd=cmd))
    assert "COPY --from=builder /root/tool /root/tool" in runtime, runtime
