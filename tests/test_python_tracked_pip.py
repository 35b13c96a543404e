"""pip into Debian's or Ubuntu's Python on another ecosystem's image (or one the tool does not know), where pip's
user base would not serve: the file names a program that starts others without the image's ENV (sudo, su, cron,
Apache's mod_wsgi), or the image runs a command by the path pip gives it (/usr/local/bin/NAME). pip installs as
written under /usr/local, tracked (tracking.py's stamp and copy); the runtime copies what it added. Where that is not
sound, the file is still left alone, with the user base's reason and why the install could not be tracked either."""

from __future__ import annotations

import pytest
from conftest import skip_reason as _skipped
from conftest import stages as _stages

from transformer import refactor

_PIP = "RUN apt-get update && apt-get install -y python3-pip sudo && pip3 install cowsay\n"
_SUDO = 'CMD ["sudo", "cowsay", "hi"]\n'


def test_sudo_gets_a_tracked_install_under_usr_local() -> None:
    builder, runtime = _stages("FROM eclipse-temurin:17-jre\n" + _PIP + _SUDO)
    assert "touch /tmp/install.stamp && sleep 1 && pip3 install cowsay && { find /usr/local -cnewer" in builder
    assert "PIP_USER" not in builder and "PYTHONUSERBASE" not in builder + runtime
    assert "COPY --from=builder /opt/staged /" in runtime
    # the runtime's Python, and the setuptools pip counted as installed
    assert "python3 python3-setuptools sudo" in runtime and "python3-pip" not in runtime
    assert runtime.rstrip().endswith(_SUDO.strip())


def test_the_explanation_names_why_the_user_base_is_not_used() -> None:
    result = refactor("FROM eclipse-temurin:17-jre\n" + _PIP + _SUDO)
    said = " ".join(str(c) for c in result.changes)
    assert ("pip installs as written into the image's own Python (under /usr/local), not into pip's user base "
            "/opt/python: the file names `sudo`, which starts programs with an environment of its own") in said


@pytest.mark.parametrize("tail", [
    'ENTRYPOINT ["/usr/local/bin/cowsay"]\n',  # a command run by pip's path
    'RUN apt-get update && apt-get install -y apache2 libapache2-mod-wsgi-py3\nCMD ["apache2ctl", "-D", '
    '"FOREGROUND"]\n',
])
def test_other_reasons_the_user_base_fails_get_it_too(tail: str) -> None:
    text = "FROM eclipse-temurin:17-jre\nRUN apt-get update && apt-get install -y python3-pip && pip3 install cowsay\n"
    builder, runtime = _stages(text + tail)
    assert "touch /tmp/install.stamp" in builder and "COPY --from=builder /opt/staged /" in runtime


def test_an_image_the_tool_does_not_know_keeps_its_own_python() -> None:
    # java:8-jre: Debian, the runtime the same image (dev 1b187fdc's shape)
    builder, runtime = _stages("FROM java:8-jre\nRUN apt-get update && apt-get install -y python3-pip && pip3 install "
                               'chaperone\nENTRYPOINT ["/usr/local/bin/chaperone"]\n')
    assert "touch /tmp/install.stamp" in builder and "COPY --from=builder /opt/staged /" in runtime
    assert "python3-pip" not in runtime and " python3 " in runtime


def test_a_runtime_on_another_release_moves_to_the_builders() -> None:
    # golang:1.12 is buster; its usual runtime is not: /usr/local/lib/python3.7 needs buster's python3
    result = refactor("FROM golang:1.12\n" + _PIP + "COPY . /app\nRUN go build -o /app/x /app\n" + _SUDO)
    assert "FROM debian:buster-slim AS runner" in result.text
    assert "COPY --from=builder /opt/staged /" in result.text


def test_without_such_a_program_the_user_base_stays() -> None:
    builder, runtime = _stages("FROM eclipse-temurin:17-jre\nRUN apt-get update && apt-get install -y python3-pip "
                               '&& pip3 install cowsay\nCMD ["cowsay", "hi"]\n')
    assert "ENV PIP_USER=1 PYTHONUSERBASE=/opt/python" in builder and "/opt/staged" not in runtime


_REFUSED = ("pip would install into /opt/python with PIP_USER, which the runtime reads through PYTHONUSERBASE, but "
            "line 2 names `sudo`")


@pytest.mark.parametrize("text", [
    # a second install could remove or upgrade what the first staged, whose files the staging folder would keep
    "FROM eclipse-temurin:17-jre\n" + _PIP + "RUN pip3 install flask\n" + _SUDO,
    # a local project, built where it is
    "FROM eclipse-temurin:17-jre\nRUN apt-get update && apt-get install -y python3-pip sudo\nCOPY . /app\n"
    "RUN pip3 install /app\n" + _SUDO,
    # a later edit of an installed file would not be staged
    "FROM eclipse-temurin:17-jre\n" + _PIP + "RUN sed -i s/a/b/ /usr/local/lib/python3.10/dist-packages/cowsay/x.py\n"
    + _SUDO,
    # inside a subshell the tool adds no copy after it
    "FROM eclipse-temurin:17-jre\nRUN apt-get update && apt-get install -y python3-pip sudo\n"
    "RUN (cd /tmp && pip3 install cowsay)\n" + _SUDO,
    # busybox's find has no -cnewer
    "FROM alpine:3.8\nRUN apk add --no-cache python3 sudo && pip3 install cowsay\n" + _SUDO,
])
def test_where_a_tracked_install_is_not_sound_the_file_is_left_alone(text: str) -> None:
    assert _skipped(text).startswith(_REFUSED)


def test_build_dependencies_pip_counts_as_installed_leave_the_file_alone() -> None:
    # apt-get build-dep installs the distribution's Python packages the file does not name, which pip does not
    # install again under /usr/local, and which the runtime would lack
    reason = _skipped("FROM eclipse-temurin:17-jre\nRUN apt-get update && apt-get build-dep -y python3-lxml && "
                      "apt-get install -y python3-pip sudo && pip3 install cowsay\n" + _SUDO)
    assert reason.startswith("pip installs as written into the image's own Python, tracked under /usr/local, but the "
                             "RUN at line 2 installs build dependencies (apt-get build-dep)")


@pytest.mark.parametrize("tail", [
    'RUN apt-get update && apt-get install -y sudo\nCMD ["sudo", "python", "/app/a.py"]\n',
    'RUN apt-get update && apt-get install -y cron\nCOPY crontab /etc/cron.d/app\nCMD ["cron", "-f"]\n',
])
def test_a_program_run_without_the_env_on_the_python_image_gets_the_prefix_layout(tail: str) -> None:
    # sudo's secure_path and cron's PATH reach the image's /usr/local/bin/python, which does not see a virtual
    # environment's packages: pip's --prefix layout, copied to /usr/local, keeps them where the original has them
    builder, runtime = _stages("FROM python:3.11\nRUN pip install flask\nCOPY . /app\n" + tail)
    assert "ENV PIP_PREFIX=/install" in builder and "/opt/venv" not in builder + runtime
    assert "COPY --from=builder /install /usr/local" in runtime


def test_the_prefix_layouts_refusal_names_its_cause() -> None:
    reason = _skipped("FROM python:3.11\nRUN apt-get update && apt-get install -y sudo\nRUN pip install flask\n"
                      "RUN pip install --target /deps requests\n" + _SUDO)
    assert reason.startswith("the installs would go to /install with pip's --prefix (the file names `sudo`, which "
                             "starts programs without the image's ENV), but `pip install --target` at line 4 asks "
                             "for another place")


@pytest.mark.parametrize(("text", "untracked"), [
    ("FROM eclipse-temurin:17-jre\n" + _PIP + "RUN pip3 install flask\n" + _SUDO,
     "the stage runs 2 pip installs, and the tool tracks only a stage's one pip install"),
    ("FROM eclipse-temurin:17-jre\nRUN apt-get update && apt-get install -y python3-pip sudo\nCOPY . /app\n"
     "RUN pip3 install /app\n" + _SUDO, "it installs a project from a folder (a path, or -e)"),
    ("FROM eclipse-temurin:17-jre\n" + _PIP + "RUN sed -i s/a/b/ /usr/local/lib/python3.10/dist-packages/cowsay/x.py\n"
     + _SUDO, "a RUN, COPY or ADD of the stage names /usr/local/lib/python3.10/dist-packages/cowsay/x.py, where pip "
              "puts what it installs"),
    ("FROM eclipse-temurin:17-jre\nRUN apt-get update && apt-get install -y python3-pip sudo\n"
     "RUN (cd /tmp && pip3 install cowsay)\n" + _SUDO, "the command is inside a compound command"),
    ("FROM alpine:3.8\nRUN apk add --no-cache python3 sudo && pip3 install cowsay\n" + _SUDO,
     "the tool finds what an install added with GNU find's -cnewer, and alpine:3.8 may not have it (its find is "
     "busybox's, which has only -newer)"),
    ("FROM centos:7\nRUN yum install -y python3-pip sudo && pip3 install cowsay\n" + _SUDO,
     "the tool finds what an install added with GNU find's -cnewer, and centos:7 may not have it (it is not known "
     "as Debian or Ubuntu"),
])
def test_the_reason_says_why_the_install_was_not_tracked_either(text: str, untracked: str) -> None:
    # the user base's cause alone told half: pip tracked under /usr/local would serve sudo, but could not be used
    reason = _skipped(text)
    assert reason.startswith(_REFUSED), reason
    assert f"; not tracked either: {untracked}" in reason, reason


def test_a_path_the_run_does_not_see_on_alpine_says_it_too() -> None:
    # the finish refuses the user base for a package folder a later RUN names (dev 770b533a's shape): busybox's find
    reason = _skipped("FROM alpine:3.8\nRUN apk add --no-cache python3 && pip3 install cowsay\n"
                      "RUN chmod +x /usr/lib/python3.6/site-packages/cowsay/main.py\n" 'CMD ["cowsay", "hi"]\n')
    assert "line 3 names /usr/lib/python3.6/site-packages/cowsay/main.py" in reason, reason
    assert reason.endswith("; not tracked either: the tool finds what an install added with GNU find's -cnewer, and "
                           "alpine:3.8 may not have it (its find is busybox's, which has only -newer)"), reason


def test_a_cause_the_tracked_install_would_not_answer_says_nothing_of_it() -> None:
    # pip's user is not known to be root: a tracked install needs root too, so it is no alternative to name
    reason = _skipped('FROM example.com/unknown/python:1\nRUN pip install cowsay\nCMD ["cowsay", "hi"]\n')
    assert "shows that pip runs as root" in reason and "not tracked" not in reason, reason
