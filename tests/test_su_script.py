"""`su USER -c SCRIPT`: the script's commands are read in its place, as USER, with the home folder the file gave
USER (useradd -d / -m, adduser -h / --home); what they leave belongs to USER, and the runtime's copy says so. A
login shell (su -, -l), whose environment is made anew, and a user whose home is not known are left alone."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

from transformer.analysis import su_script, users_made
from transformer.shell import parse_shell

EXPLORER = ("FROM debian:bookworm\nRUN useradd --uid 1000 --create-home --system explorer\n"
            "RUN apt-get update && apt-get install -y --no-install-recommends python3-venv python3-dev gcc "
            "libpq-dev\n")


def test_a_virtual_environment_made_as_another_user_is_copied_with_its_owner() -> None:
    builder, runtime = stages(EXPLORER + 'RUN su explorer -c "python3 -m venv /home/explorer/env"\n'
                              "COPY requirements.txt /home/explorer/\nARG REQS=requirements\n"
                              'RUN su explorer -c ". ~/env/bin/activate && pip install -r ~/$REQS.txt"\n'
                              "USER explorer\nCOPY . /app\n"
                              'CMD ["/home/explorer/env/bin/python", "/app/app.py"]\n')
    assert "COPY --from=builder --chown=explorer /home/explorer/env /home/explorer/env" in runtime
    assert runtime.index("useradd") < runtime.index("--chown=explorer")  # the user is there to own it
    assert "gcc" not in runtime and "su explorer" not in runtime


def test_the_user_pip_installs_for_goes_to_the_user_home() -> None:
    _, runtime = stages("FROM python:3.11\nRUN useradd -m -d /srv/app app\nCOPY . /srv/app/src\n"
                        "RUN su app -s /bin/sh -c 'cd ~/src && pip install --user -r requirements.txt'\n"
                        'USER app\nCMD ["python", "/srv/app/src/app.py"]\n')
    assert "COPY --from=builder --chown=app /srv/app/.local /srv/app/.local" in runtime


@pytest.mark.parametrize(("run", "cause"), [
    ("su - app -c 'pip install --user flask'", "a login shell of another user"),
    ("su app -lc 'pip install --user flask'", "a login shell of another user"),
    ("su $APP_USER -c 'pip install --user flask'", "its script or user is not known"),
    ("su postgres -c 'pip install --user flask'", "as postgres, whose home folder the file does not show"),
])
def test_what_the_tool_does_not_follow_is_left_alone(run: str, cause: str) -> None:
    reason = skip_reason(f"FROM python:3.11\nRUN useradd -m app\nCOPY . /app\nRUN {run}\n"
                         'CMD ["python", "/app/app.py"]\n')
    assert cause in reason


def test_the_script_cd_stays_in_its_shell() -> None:
    # the `cd` of su's script does not move the RUN's own commands: make builds in /src
    builder, runtime = stages("FROM gcc:12\nRUN useradd -m app\nWORKDIR /src\nCOPY . .\n"
                              "RUN su app -c 'cd /tmp && touch x' && make && cp app /usr/bin/app\n"
                              'CMD ["/usr/bin/app"]\n')
    assert "COPY --from=builder /usr/bin/app /usr/bin/app" in runtime


def test_pip_as_another_user_cannot_write_the_user_base_made_as_root() -> None:
    reason = skip_reason("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install flask\n"
                         "RUN adduser -D app\nUSER app\nRUN pip3 install six\nCOPY . /app\n"
                         'CMD ["python3", "/app/a.py"]\n')
    assert "runs as app, who cannot write /opt/python" in reason


@pytest.mark.parametrize(("text", "found"), [
    ('su explorer -c "virtualenv /env"', ("explorer", "virtualenv /env")),
    ('su -c "ls" app', ("app", "ls")),
    ("su -mc ls app", ("app", "ls")),
    ("su app -s /bin/bash -c 'bundle install'", ("app", "bundle install")),
    ("su - app -c ls", None),
    ("su app -lc ls", None),
    ("su app -c ls extra", None),
    ("su app", None),
])
def test_su_script(text: str, found: tuple[str, str] | None) -> None:
    assert su_script(parse_shell(text).commands[0]) == found


@pytest.mark.parametrize(("text", "found"), [
    ("useradd -d /opt/beef -m -s /bin/bash beef", ("beef", "/opt/beef")),
    ("useradd --create-home --system -g explorer explorer", ("explorer", "/home/explorer")),
    ("useradd -b /srv app", ("app", "/srv/app")),
    # getopt's abbreviation of --home-dir (dev 67f2e9d0: before, no user was read, and `su app` named no home)
    ("useradd --system --create-home --home /srv/app --shell /sbin/nologin --user-group app", ("app", "/srv/app")),
    ("useradd -md /srv/app app", ("app", "/srv/app")),  # -d ends a cluster (adv-s38 7c: /home/app before)
    ("adduser -h /var/www/peertube -s /bin/sh -D peertube", ("peertube", "/var/www/peertube")),
    ("adduser --disabled-password --home=/app --gecos '' app", ("app", "/app")),
    ("adduser --home $HOME opam", None),  # a home the file does not show
    ("adduser --system app", None),  # Debian's: /nonexistent
    ("adduser -D app", ("app", "/home/app")),
])
def test_user_home(text: str, found: tuple[str, str] | None) -> None:
    homes = users_made(parse_shell(text).commands[0])
    assert (homes[0] if homes else None) == found
