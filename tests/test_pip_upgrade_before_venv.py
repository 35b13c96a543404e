"""``RUN pip install --upgrade pip`` in a RUN of its own before the file's installs, on the official python image:
the builder made its virtual environment at the first install after it, so the upgrade went to the image's pip and
the installs ran with the pip the environment brings (ensurepip's, older: on python:3.6.4, pip 9, which finds no
manylinux2014 wheel); the runtime's pip was that one too (real engine: 23.0.1 where the original has the newest).
The environment is now made before the upgrade, which upgrades its pip; an upgrade after the installs, one of other
tools (poetry), or one before an install that takes another layout (--user), is left as it was."""

from __future__ import annotations

from conftest import stages

FILE = """FROM python:3.11
WORKDIR /app
RUN pip install --upgrade pip
COPY requirements.txt .
RUN pip install {user}-r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""


def test_the_environment_is_made_before_the_pip_upgrade() -> None:
    builder, _ = stages(FILE.format(user=""))
    assert builder.index("python -m venv /opt/venv") < builder.index("pip install --upgrade pip"), builder


def test_a_user_install_after_the_upgrade_gets_no_environment() -> None:
    builder, _ = stages(FILE.format(user="--user "))
    assert "-m venv" not in builder, builder


def test_an_upgrade_with_no_install_after_it_gets_no_environment() -> None:
    text = "FROM python:3.11\nRUN pip install --upgrade pip\nRUN apt-get update && apt-get install -y gcc\n" \
           "COPY . /app\nRUN gcc -o /app/hello /app/hello.c\nCMD [\"/app/hello\"]\n"
    from transformer import refactor
    result = refactor(text)
    assert "-m venv" not in result.text, result.text
