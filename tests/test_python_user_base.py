"""pip into a distribution's Python (Alpine's apk Python; Debian's on the images of other ecosystems): the
builder sets PIP_USER so that pip installs into its user base /opt/python, apart from the distribution's own
files under /usr; the runtime copies that folder and reads it through PYTHONUSERBASE. And the files where
that would not hold, left alone with the reason."""

from __future__ import annotations

import pytest
from conftest import USER_BASE_BUILDER_ENV as BUILDER_ENV
from conftest import USER_BASE_COPY as COPY
from conftest import USER_BASE_RUNTIME_ENV as RUNTIME_ENV
from conftest import skip_reason as _skipped
from conftest import stages as _stages

from transformer import refactor

CMD = 'CMD ["python3", "/app/a.py"]\n'






def test_alpine_python_installed_in_the_same_run_goes_to_the_user_base() -> None:
    # no virtual environment can be made before this RUN: Python comes with it
    builder, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3 python3-dev gcc musl-dev "
                               "&& pip3 install flask\nCOPY . /app\n" + CMD)
    assert builder.index(BUILDER_ENV) < builder.index("RUN apk add")
    assert builder.rstrip().endswith("FROM alpine:3.8")
    assert RUNTIME_ENV in runtime and COPY in runtime
    assert "PIP_USER" not in runtime  # pip at run time installs where the original's did
    assert "apk add --no-cache python3" in runtime
    assert "gcc" not in runtime and "python3-dev" not in runtime and "pip3 install" not in runtime


def test_the_explanation_says_what_was_done() -> None:
    result = refactor("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install flask\n"
                      "COPY . /app\n" + CMD)
    said = " ".join(str(c) for c in result.changes)
    assert "ENV PIP_USER=1 PYTHONUSERBASE=/opt/python" in said
    assert "pip installs into /opt/python with PIP_USER, copied alone" in said
    assert "the runtime copies /opt/python from the builder" in said


def test_alpine_python_2_goes_to_the_user_base_too() -> None:
    builder, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache py-pip python-dev gcc musl-dev\n"
                               "RUN pip install flask\nCOPY . /app\nCMD [\"python\", \"/app/a.py\"]\n")
    assert BUILDER_ENV in builder and COPY in runtime
    # py-pip, kept, brings Python 2: nothing more to install
    assert "apk add --no-cache py-pip" in runtime
    assert "python2" not in runtime and "python-dev" not in runtime


def test_the_runtime_installs_the_interpreter_the_file_only_gets_through_its_headers() -> None:
    _, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3-dev gcc musl-dev && pip3 install flask\n"
                         "COPY . /app\n" + CMD)
    assert "RUN apk add --no-cache python3\n" in runtime
    assert "python3-dev" not in runtime


def test_a_python_package_of_the_distribution_stays_in_the_runtime() -> None:
    # pip leaves numpy to py3-numpy (it is installed already): the runtime must have it too
    _, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3 py3-numpy gcc musl-dev "
                         "&& pip3 install pandas\nCOPY . /app\n" + CMD)
    assert "py3-numpy" in runtime and COPY in runtime


def test_a_pip_upgrade_in_the_same_run_goes_to_the_user_base_with_the_rest() -> None:
    builder, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev "
                               "&& pip3 install --upgrade pip && pip3 install flask\nCOPY . /app\n" + CMD)
    assert builder.index(BUILDER_ENV) < builder.index("pip3 install --upgrade pip")
    assert COPY in runtime


def test_a_user_install_after_the_env_goes_to_the_user_base() -> None:
    _, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install flask\n"
                         "RUN pip3 install --user gunicorn\nCOPY . /app\n" + CMD)
    assert COPY in runtime
    assert "/root/.local" not in runtime


def test_externally_managed_python_keeps_the_files_own_override() -> None:
    builder, runtime = _stages("FROM alpine:3.19\nRUN apk add --no-cache python3 py3-pip gcc musl-dev python3-dev "
                               "&& pip install --break-system-packages flask\nCOPY . /app\n" + CMD)
    assert "pip install --break-system-packages flask" in builder
    assert COPY in runtime


@pytest.mark.parametrize("image", ["golang:1.8-alpine3.6", "haproxy:1.7-alpine"])
def test_other_alpine_images_whose_runtime_has_the_same_release(image: str) -> None:
    builder, runtime = _stages(f"FROM {image}\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install flask\n"
                               "COPY . /app\n" + CMD)
    assert BUILDER_ENV in builder and COPY in runtime and RUNTIME_ENV in runtime


def test_debian_python_on_a_node_image_goes_to_the_user_base() -> None:
    builder, runtime = _stages("FROM node:18\nRUN apt-get update && apt-get install -y python3-pip python3-dev gcc\n"
                               "RUN pip3 install --break-system-packages flask\nCOPY . /app\n"
                               "CMD [\"node\", \"/app/server.js\"]\n")
    assert builder.index(BUILDER_ENV) < builder.index("RUN pip3 install")
    assert builder.rstrip().endswith("FROM node:18-slim")
    assert RUNTIME_ENV in runtime and COPY in runtime
    assert "install -y --no-install-recommends python3" in runtime
    assert "gcc" not in runtime and "python3-dev" not in runtime


def test_debian_python_on_a_golang_image_of_the_same_release() -> None:
    builder, runtime = _stages("FROM golang:1.19\nRUN apt-get update && apt-get install -y python3-pip\n"
                               "RUN pip3 install --break-system-packages awscli\nCOPY . /app\n"
                               "RUN go build -o /app/x /app\nCMD [\"/app/x\"]\n")
    assert builder.rstrip().endswith("FROM debian:bookworm-slim")
    assert COPY in runtime and "python3" in runtime


@pytest.mark.parametrize(("image", "runtime"), [
    # eclipse-temurin:11-jre is built on Ubuntu: the builder's own image is on its release
    ("openjdk:11-jdk", "openjdk:11-jdk"),
    # alpine:3 is another release than the 3.9 golang:1.12.1-alpine is built on: Alpine's image of 3.9
    ("golang:1.12.1-alpine", "alpine:3.9"),
    # debian:bookworm-slim is not buster, which golang:1.12.14 is built on: Debian's slim image of buster
    ("golang:1.12.14", "debian:buster-slim"),
])
def test_the_runtime_is_one_of_the_builders_release(image: str, runtime: str) -> None:
    # before: left alone ("the runtime image ... is built on another release of the distribution")
    install = "apk add --no-cache python3 gcc" if "alpine" in image else \
        "apt-get update && apt-get install -y python3-pip gcc"
    result = refactor(f"FROM {image}\nRUN {install} && pip3 install flask\nCOPY . /app\n" + CMD)
    assert result.changed, result.skipped
    builder, _, stage = result.text.partition(" AS runner")
    assert builder.rstrip().endswith(f"FROM {runtime}")
    assert BUILDER_ENV in builder and COPY in stage and RUNTIME_ENV in stage
    said = " ".join(str(c) for c in result.changes)
    assert f"the runtime starts from {runtime}, built on the release of the distribution {image} is" in said


_ALPINE = "FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install flask\n"


@pytest.mark.parametrize(("after", "words"), [
    ("RUN pip3 install --target /deps requests", "RUN at line 3: pip installs into /opt/python with PIP_USER, set "
                                                 "before it, but refuses a user install with --target"),
    ("RUN pip3 install --prefix=/install requests", "refuses a user install with --prefix"),
    ("RUN pip3 install --root /r requests", "refuses a user install with --root"),
    ("RUN pip3 install --no-user requests", "`pip3` says --no-user"),
    ("RUN easy_install requests", "`easy_install` does not read pip's settings"),
    ("RUN python3 -m venv /venv && /venv/bin/pip install requests",
     "refuses a user install in the virtual environment /venv"),
    ("RUN . /venv/bin/activate && pip install requests", "`. /venv/bin/activate` activates a virtual environment"),
    ("RUN pipenv install --deploy", "`pipenv` runs pip in a virtual environment of its own"),
    ("RUN apk add --no-cache dcron", "names `dcron`, which starts programs with an environment of its own, "
                                     "without PYTHONUSERBASE"),
    ("RUN apk add --no-cache sudo", "names `sudo`"),
    ("COPY crontab /etc/crontabs/root", "names `crontab`"),
    ("ENV PYTHONNOUSERSITE=1", "sets PYTHONNOUSERSITE itself"),
    ("ENV PYTHONUSERBASE=/srv/py", "sets PYTHONUSERBASE itself"),
    ("ENV PATH=/app/bin:/usr/bin:/bin", "ENV at line 3 sets a PATH without /opt/python/bin"),
])
def test_what_the_user_base_would_not_serve_leaves_the_file_alone(after: str, words: str) -> None:
    reason = _skipped(f"{_ALPINE}{after}\nCOPY . /app\n" + CMD)
    assert words in reason


@pytest.mark.parametrize(("run", "words"), [
    ("pip3 install --target /deps requests && pip3 install flask",
     "at line 2 `pip install --target` does not install into the user base"),
    ("python3 -m venv /venv && /venv/bin/pip install requests && pip3 install flask",
     "at line 2 `venv` runs pip in a virtual environment of its own, where pip refuses PIP_USER's user install"),
])
def test_what_comes_before_the_first_install_in_its_run_sees_the_env_too(run: str, words: str) -> None:
    # the ENV goes before the RUN of the first install that needs it: the commands before it in that RUN see it
    reason = _skipped(f"FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && {run}\nCOPY . /app\n" + CMD)
    assert reason.startswith("pip would install into /opt/python with PIP_USER, which the runtime reads through "
                             "PYTHONUSERBASE, but ")
    assert words in reason


@pytest.mark.parametrize(("text", "words"), [
    ("FROM golang:1.8-alpine3.6\nRUN apk add --no-cache python3 gcc\nUSER app\nRUN pip3 install flask\n" + CMD,
     "but it runs as app, who cannot write /opt/python"),
    ("FROM alpine:3.8\nENV PYTHONNOUSERSITE=1\nRUN apk add --no-cache python3 gcc && pip3 install flask\n" + CMD,
     "PYTHONNOUSERSITE turns the user base off"),
    ("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc && pip3 install flask\nCMD [\"python3\", \"-u\", \"-s\", "
     "\"a.py\"]\n", "the image runs Python with -s or -I"),
    ("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc && pip3 install flask\nENTRYPOINT python3 -I a.py\n",
     "the image runs Python with -s or -I"),
    ("FROM alpine:3.8\nRUN apk add --no-cache gcc && pip3 install flask\n" + CMD,
     "the file installs no Python package"),
])
def test_an_install_the_user_base_cannot_hold_is_named(text: str, words: str) -> None:
    assert words in _skipped(text)


def test_pip_uninstall_removes_from_the_user_base_the_runtime_copies() -> None:
    # with PIP_USER pip finds what it installed in /opt/python and removes it there, before the copy
    _, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc && pip3 install flask\n"
                         "RUN pip3 uninstall -y flask\n" + CMD)
    assert "COPY --from=builder /opt/python /opt/python" in runtime and "uninstall" not in runtime


def test_a_user_site_filled_before_would_be_hidden() -> None:
    # Python 2: no virtual environment
    reason = _skipped("FROM alpine:3.8\nRUN apk add --no-cache py-pip\nRUN pip install --user requests\n"
                      "RUN apk add --no-cache gcc musl-dev python-dev && pip install flask\n" + CMD)
    assert "`pip install --user` at line 3 installs into the user's ~/.local, which PYTHONUSERBASE would hide" in reason


def test_a_path_that_keeps_the_user_bases_commands() -> None:
    _, runtime = _stages(f"{_ALPINE}ENV PATH=/app/bin:$PATH\nCOPY . /app\n" + CMD)
    assert COPY in runtime and "ENV PATH=/app/bin:$PATH" in runtime


def test_pip_user_set_by_the_file_installs_into_the_users_site() -> None:
    # before, such installs were taken for installs into the image's site-packages
    _, runtime = _stages("FROM python:3.11\nENV PIP_USER=1\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"
                         + CMD)
    assert "COPY --from=builder /root/.local /root/.local" in runtime


def test_a_user_install_follows_the_files_pythonuserbase() -> None:
    _, runtime = _stages("FROM python:3.11\nENV PYTHONUSERBASE=/app/.pylibs\nCOPY . /app\n"
                         "RUN pip install --user -r /app/requirements.txt\n" + CMD)
    assert "COPY --from=builder /app/.pylibs /app/.pylibs" in runtime
    assert "/root/.local" not in runtime


def test_a_command_of_usr_bin_a_system_package_installs_stays_with_the_user_base() -> None:
    # before: left alone ("names /usr/bin/supervisord, where pip puts what it installs"); apk's supervisor put it
    builder, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev supervisor "
                               "&& pip3 install flask\nCOPY . /app\nCMD [\"/usr/bin/supervisord\"]\n")
    assert BUILDER_ENV in builder and COPY in runtime
    assert "supervisor" in runtime


def test_a_command_of_usr_bin_pip_installs_still_names_the_cause() -> None:
    reason = _skipped("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install honcho\n"
                      "COPY . /app\nCMD [\"/usr/bin/honcho\", \"start\"]\n")
    assert "names /usr/bin/honcho, where pip puts what it installs" in reason


def test_a_jdk_on_path_is_not_taken_for_a_virtual_environment() -> None:
    # eclipse-temurin's PATH starts with its JAVA_HOME's bin (/opt/java/openjdk/bin): pip3 is Debian's or Ubuntu's,
    # not a virtual environment's there (the tool read it as one, and left the file alone: "the build installs a
    # toolchain (/opt/java/openjdk) that the runtime would have to copy")
    builder, runtime = _stages("FROM eclipse-temurin:17-jre\n"
                               "RUN apt-get update && apt-get install -y python3-pip python3-dev gcc\n"
                               "RUN pip3 install markupsafe==2.1.5\nCOPY . /app\n" + CMD)
    assert BUILDER_ENV in builder and RUNTIME_ENV in runtime and COPY in runtime, runtime
    assert "/opt/java" not in runtime, runtime


@pytest.mark.parametrize(("text", "folder"), [
    # Alpine's pip puts commands in its Python's prefix
    ("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev && pip3 install flask\n", "/usr/bin/"),
    # Debian's into /usr/local (its Python's layout for what no package installs)
    ("FROM node:18\nRUN apt-get update && apt-get install -y python3-pip gcc && pip3 install flask\n",
     "/usr/local/bin/"),
])
def test_the_commands_are_where_the_original_has_them_too(text: str, folder: str) -> None:
    """read21 (dev 75fb3d6f, 23215de2): start scripts the build context holds run pip's commands by the path the
    install without the user base gives them (/usr/local/bin/nymms_scheduler; a cron job's /usr/bin/curator_cli)."""
    builder, runtime = _stages(text + "COPY . /app\n" + CMD)
    assert COPY in runtime and f"COPY --from=builder /opt/python/bin/ {folder}\n" in runtime, runtime
    assert runtime.index(COPY) < runtime.index("/opt/python/bin/ ")
    assert "mkdir -p /opt/python/bin/" in builder  # a build that installs no command has no bin folder


@pytest.mark.parametrize("text", [
    "FROM centos:7\nRUN yum install -y python3-pip gcc python3-devel && pip3 install flask\n",
    "FROM fedora:38\nRUN dnf install -y python3-pip gcc python3-devel && pip3 install flask\n",
])
def test_on_an_rpm_distribution_the_commands_stay_in_the_user_base_alone(text: str) -> None:
    """The Python 3 of RHEL-like releases puts them in /usr/bin or /usr/local/bin, by release: not known."""
    _, runtime = _stages(text + "COPY . /app\n" + CMD)
    assert COPY in runtime and "/opt/python/bin/ " not in runtime, runtime


@pytest.mark.parametrize("image", ["centos:7", "centos:centos7", "centos:6.10"])
def test_centos_python2_commands_are_in_usr_bin_too(image: str) -> None:
    """CentOS 6's and 7's Python 2 (prefix /usr, unpatched) has pip put commands in /usr/bin (read34 09124200,
    alex-leonhardt/sensu-grid: docker-start.sh runs /usr/bin/gunicorn, which the user base alone lost)."""
    _, runtime = _stages(f"FROM {image}\nRUN yum install -y python-pip gcc python-devel && pip install gunicorn\n"
                         "COPY . /app\n" + CMD)
    assert COPY in runtime and "COPY --from=builder /opt/python/bin/ /usr/bin/\n" in runtime, runtime
