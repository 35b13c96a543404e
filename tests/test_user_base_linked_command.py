"""A RUN that links a command pip installs into the distribution's Python by the path pip would put it at
(redash's image, 71dbe373: ``pip install -r requirements.txt``, then ``ln -s /usr/bin/celery
/usr/local/bin/celery``, and its entrypoint runs /usr/local/bin/celery): with the tool's user base the command is
under /opt/python/bin, so the link would point at nothing. The file is left alone, naming the path, as it is when
the image's command names such a path itself."""

from __future__ import annotations

from conftest import runner_stage, skip_reason

APP = """\
FROM alpine:3.6
RUN apk add --no-cache python2 py2-pip gcc python2-dev musl-dev
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
RUN {link}
ENTRYPOINT ["/app/bin/docker-entrypoint"]
"""


def test_a_link_to_a_command_pip_installs_leaves_the_file_alone() -> None:
    reason = skip_reason(APP.format(link="ln -s /usr/bin/celery /usr/local/bin/celery"))
    assert "line 6 names /usr/bin/celery, where pip puts what it installs" in reason, reason


def test_a_link_to_a_command_of_a_system_package_changes_nothing() -> None:
    runtime = runner_stage(APP.format(link="ln -s /usr/bin/python2 /usr/local/bin/py"))
    assert "ln -s /usr/bin/python2 /usr/local/bin/py" in runtime, runtime


def test_a_link_to_a_file_the_context_brings_changes_nothing() -> None:
    runtime = runner_stage(APP.format(link="ln -s /app/bin/tool /usr/local/bin/tool"))
    assert "ln -s /app/bin/tool /usr/local/bin/tool" in runtime, runtime


VENV = """\
FROM python:3.11
WORKDIR /app
COPY . /app
RUN pip install -r requirements.txt
RUN ln -s /usr/local/bin/gunicorn /usr/bin/gunicorn
ENTRYPOINT ["/app/entry.sh"]
"""


def test_a_link_to_a_command_pip_installs_on_the_official_image_leaves_the_file_alone() -> None:
    # the tool's virtual environment has it in /opt/venv/bin: the runtime's link pointed at nothing
    reason = skip_reason(VENV)
    assert "/usr/local/bin/gunicorn" in reason, reason


def test_a_link_to_the_official_image_s_own_python_changes_nothing() -> None:
    runtime = runner_stage(VENV.replace("/usr/local/bin/gunicorn /usr/bin/gunicorn",
                                        "/usr/local/bin/python3 /usr/bin/python3"))
    assert "ln -s /usr/local/bin/python3 /usr/bin/python3" in runtime, runtime
