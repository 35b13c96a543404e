"""The image's command is read before the walk: one that builds at run time by its program's name (make, cargo,
./gradlew) or is a login shell (`su -l USER`) is the first real cause of a skip, named rather than a build step the
tool cannot place before it and whose reason does not name the program (skip1 W1: 0fb4be2d `CMD ["make", "run"]`
after django-bower's install; skip2 3454a639 `CMD ["/bin/su", "-l", "pycbc"]` after a pip install into a user
base)."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = """\
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y curl zip unzip build-essential
COPY . /app
WORKDIR /app
RUN bash setup.sh
CMD {cmd}
"""


@pytest.mark.parametrize(("cmd", "why"), [
    ('["./gradlew"]', "CMD at line 6: the command runs Gradle at run time"),
    ('["make", "run"]', "CMD at line 6: the command runs make at run time"),
    ('["/bin/su", "-l", "dev"]', "CMD at line 6: an interactive shell: `su` starts a login shell of dev"),
    ("su - dev", "CMD at line 6: an interactive shell: `su` starts a login shell of dev"),
    # skip41 770bae04: a build script by its name, after scripts of the build the tool cannot place
    ('["./build.sh", "-b"]', "CMD at line 6: the command runs build.sh, a build script by its name"),
    ("bash build.sh", "CMD at line 6: the command runs build.sh, a build script by its name"),
])
def test_the_command_is_named_before_the_build_step(cmd: str, why: str) -> None:
    result = refactor(FILE.format(cmd=cmd))
    assert not result.changed and (result.skipped or "").startswith(why), result.skipped


def test_su_running_a_command_is_not_a_login_shell() -> None:
    result = refactor(FILE.format(cmd='["su", "-l", "dev", "-c", "/app/server"]'))
    assert "login shell of dev" not in (result.skipped or ""), result.skipped


def test_a_step_whose_reason_names_the_program_stays_the_cause() -> None:
    # SDKMAN's installer, named with the ./gradlew the program runs, which needs it
    text = FILE.format(cmd='["./gradlew", "run"]').replace("RUN bash setup.sh",
                                                           'RUN curl -s "https://get.sdkman.io" | bash')
    assert "but the program runs ./gradlew" in (refactor(text).skipped or "")


def test_a_program_named_build_is_not_taken_for_a_script_before_the_walk() -> None:
    # `go build -o build` may have made ./build: without a script's suffix the name alone says nothing yet
    result = refactor(FILE.format(cmd='["./build"]'))
    assert "a build script by its name" not in (result.skipped or ""), result.skipped
