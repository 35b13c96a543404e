"""A command the runtime repeats (`python db_store.py`) whose program a package of the same name gives, which the file
installs and the runtime keeps (`python` on xenial): the runtime installs nothing more for it; the data's provider of
today (python-is-python3) does not exist on the file's release, and apt failed there (read29 4fdceff6, 443f1b42)."""

from __future__ import annotations

from conftest import stages

FILE = """\
FROM ubuntu:16.04
RUN apt-get update && apt-get install -y python python-pip python-dev build-essential
COPY . /app
WORKDIR /app
RUN pip install -r requirements.txt
RUN python db_store.py
CMD ["python", "server.py"]
"""


def test_the_kept_package_of_the_commands_name_serves() -> None:
    _, runtime = stages(FILE)
    assert "python-is-python3" not in runtime and "python-minimal" not in runtime, runtime
    assert "python db_store.py" in runtime
