"""Shapes of real Dockerfiles around pip's user base: a virtual environment the file makes and activates in a
RUN (pip installs into it, not into the user base); pip named by its system path; pip bootstrapped with
easy_install."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

from transformer import refactor

CUDA = "FROM nvidia/cuda:8.0-cudnn5-devel-ubuntu16.04\n"
CUDA_PACKAGES = "RUN apt-get update && apt-get install -y --no-install-recommends build-essential python3-dev " \
                "python3-pip\n"


def test_an_activated_virtual_environment_the_file_made_is_copied_whole() -> None:
    builder, runtime = stages(CUDA + CUDA_PACKAGES + "RUN pip3 install virtualenv\n"
                              "RUN virtualenv -p /usr/bin/python3 /venv\nCOPY . /app\n"
                              "RUN . /venv/bin/activate && pip install -r /app/requirements.txt\n"
                              'CMD ["/venv/bin/python", "/app/app.py"]\n')
    assert "COPY --from=builder /venv /venv" in runtime
    assert "PIP_USER" not in builder and "/opt/python" not in runtime  # pip would refuse a user install there
    assert "build-essential" not in runtime


@pytest.mark.parametrize("activate", ["source env/bin/activate", ". ./env/bin/activate"])
def test_a_virtual_environment_made_and_activated_in_the_same_run(activate: str) -> None:
    _, runtime = stages("FROM alpine:3.8\nRUN apk add --no-cache python3 python3-dev py-virtualenv gcc musl-dev\n"
                        f"WORKDIR /app\nCOPY . .\nRUN virtualenv -p python3 env && {activate} && "
                        "pip install -r requirements.txt\n"
                        'CMD ["/app/env/bin/python", "app.py"]\n')
    assert "COPY --from=builder /app/env /app/env" in runtime
    assert "/opt/venv" not in runtime  # no environment of the tool's beside it
    assert "python3" in runtime and "gcc" not in runtime


def test_the_activation_lasts_only_for_its_run() -> None:
    # the second pip runs outside the environment, into the image's Python: the user base serves it, set up
    # after the RUN that installs into the environment
    builder, runtime = stages(CUDA + CUDA_PACKAGES + "RUN pip3 install virtualenv && virtualenv /venv\n"
                              "RUN . /venv/bin/activate && pip install flask\nRUN pip3 install gunicorn\n"
                              'CMD ["gunicorn", "app:app"]\n')
    assert builder.index("pip install flask") < builder.index("ENV PIP_USER=1") < builder.index("pip3 install g")
    assert "COPY --from=builder /venv /venv" in runtime
    assert "COPY --from=builder /opt/python /opt/python" in runtime


def test_deactivate_ends_the_activation() -> None:
    # gunicorn goes to the user base, whose PIP_USER the builder sets before the RUN: pip in the environment,
    # earlier in that RUN, would refuse it
    reason = skip_reason(CUDA + CUDA_PACKAGES + "RUN pip3 install virtualenv && virtualenv /venv\n"
                         "RUN . /venv/bin/activate && pip install flask && deactivate && pip3 install gunicorn\n"
                         'CMD ["gunicorn", "app:app"]\n')
    assert "`. /venv/bin/activate` activates a virtual environment, where pip refuses PIP_USER's" in reason


def test_on_an_unknown_image_the_environment_is_copied_into_the_same_image() -> None:
    result = refactor("FROM acme/py:1\nRUN apt-get update && apt-get install -y gcc python-dev python-pip\n"
                      "RUN virtualenv /env && . /env/bin/activate && pip install flask\n"
                      'CMD ["/env/bin/python", "a.py"]\n')
    assert "FROM acme/py:1 AS runner" in result.text
    runtime = result.text.split("AS runner")[1]
    assert "COPY --from=builder /env /env" in runtime and "PYTHONUSERBASE" not in runtime


def test_a_virtual_environment_of_the_base_image_is_not_taken_for_one_of_the_file() -> None:
    # /appenv comes with the image: pip in it still refuses the user base's PIP_USER
    reason = skip_reason("FROM jbarlow83/ocrmypdf\nUSER root\nCOPY . /app\n"
                         "RUN apt-get update && apt-get install -y gcc\n"
                         "RUN . /appenv/bin/activate && pip install -r /app/requirements.txt\n"
                         'CMD ["/app/run.sh"]\n')
    assert "`. /appenv/bin/activate` activates a virtual environment" in reason


def test_pip_named_by_its_system_path_installs_into_the_image_python() -> None:
    # /usr/bin/pip is not pip of a virtual environment /usr
    builder, runtime = stages("FROM alpine:3.8\nRUN apk add --no-cache py-pip python-dev gcc musl-dev\n"
                              "RUN /usr/bin/pip install flask\nCOPY . /app\n"
                              'CMD ["python", "/app/a.py"]\n')
    assert "ENV PIP_USER=1 PYTHONUSERBASE=/opt/python" in builder
    assert "COPY --from=builder /opt/python /opt/python" in runtime


def test_easy_install_pip_bootstraps_pip_for_the_installs_after_it() -> None:
    builder, runtime = stages("FROM keeb/blog\nADD . /website\nRUN apt-get install -y python-setuptools\n"
                              "RUN easy_install pip\nRUN pip install -r /website/requirements.txt\n"
                              'CMD ["python", "website/api.py"]\n')
    assert builder.index("RUN easy_install pip") < builder.index("ENV PIP_USER=1")
    assert "COPY --from=builder /opt/python /opt/python" in runtime
    assert "easy_install" not in runtime


def test_easy_install_of_a_project_still_needs_a_known_python() -> None:
    reason = skip_reason("FROM keeb/blog\nADD . /website\nRUN apt-get install -y python-setuptools\n"
                         "RUN easy_install flask\nCMD [\"python\", \"website/api.py\"]\n")
    assert "`easy_install` does not read pip's settings" in reason


def test_the_runtime_keeps_the_activation_before_the_setup_it_repeats() -> None:
    _, runtime = stages("FROM python:3.11\nRUN python -m venv /venv\nCOPY . /app\n"
                        "RUN . /venv/bin/activate && pip install -r /app/requirements.txt\n"
                        "RUN . /venv/bin/activate && mkdir -p /app/static && python -m compileall /app\n"
                        'CMD ["/venv/bin/python", "/app/app.py"]\n')
    assert "RUN . /venv/bin/activate && mkdir -p /app/static" in runtime


def test_the_runtime_leaves_the_activation_out_before_it_has_the_environment() -> None:
    # the runtime repeats the install and the mkdir of this RUN before it copies /venv: sourcing
    # /venv/bin/activate there would fail
    _, runtime = stages("FROM debian:bookworm\nRUN apt-get update && apt-get install -y python3-venv python3-dev gcc "
                        "&& python3 -m venv /venv && . /venv/bin/activate && pip install flask && mkdir /data "
                        "&& deactivate\nCOPY . /app\n"
                        'CMD ["/venv/bin/python", "/app/app.py"]\n')
    assert "mkdir /data" in runtime
    assert "activate" not in runtime
    assert "COPY --from=builder /venv /venv" in runtime
