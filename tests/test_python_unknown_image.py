"""pip into the Python of an image the tool does not know (centos, phusion/baseimage, a custom org image): the
runtime starts from the same image, so the builder sets PIP_USER and pip installs what the image lacks into its
user base /opt/python, which the runtime copies and reads through PYTHONUSERBASE; the gain is the build-only
packages and pip's download cache. And the files where the user base would not serve, left alone with the cause."""

from __future__ import annotations

import pytest
from conftest import USER_BASE_BUILDER_ENV as BUILDER_ENV
from conftest import USER_BASE_COPY as COPY
from conftest import USER_BASE_RUNTIME_ENV as RUNTIME_ENV
from conftest import skip_reason as _skipped
from conftest import stages as _stages
from output_checks import fold_ldd

from transformer import refactor

PHUSION = """\
FROM phusion/baseimage:0.11
RUN apt-get update && apt-get install -y \\
    build-essential \\
    python-dev \\
    python-pip \\
    libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /app/
RUN pip install -r /app/requirements.txt
ENV APP_ENV=production
WORKDIR /app
COPY . /app
RUN useradd app
USER app
CMD ["python", "server.py"]
"""


def test_phusion_with_apt_pip_and_build_essential() -> None:
    result = refactor(PHUSION)
    assert fold_ldd(result.text) == """\
FROM phusion/baseimage:0.11 AS builder
RUN apt-get update && apt-get install -y \\
    build-essential \\
    python-dev \\
    python-pip \\
    libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /app/
ENV PIP_USER=1 PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"
RUN pip install -r /app/requirements.txt \\
    && mkdir -p /opt/python/bin/ \\
    && {LIST}
ENV APP_ENV=production
WORKDIR /app
COPY . /app
RUN useradd app
USER app

FROM phusion/baseimage:0.11 AS runner
RUN apt-get update && apt-get install -y --no-install-recommends \\
    python \\
    && rm -rf /var/lib/apt/lists/*
COPY --from=builder /opt/runtime-packages /opt/runtime-packages
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates python-setuptools \
&& xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages \
&& rm -rf /var/lib/apt/lists/*
ENV PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"
COPY --from=builder /opt/python /opt/python
COPY --from=builder /opt/python/bin/ /usr/local/bin/
ENV APP_ENV=production
WORKDIR /app
COPY . /app
RUN useradd app
USER app
CMD ["python", "server.py"]
"""


def test_the_reason_says_what_stays_and_what_was_assumed() -> None:
    said = " ".join(str(c) for c in refactor(PHUSION).changes)
    assert "pip installs only what is missing into its user base" in said
    assert "the packages the image already has stay where they are" in said
    assert "assumed: the image's Python reads a user base" in said
    assert "the runtime stage 'runner' starts from the same image, phusion/baseimage:0.11" in said


def test_centos_with_yum_keeps_the_devel_package_it_cannot_map() -> None:
    builder, runtime = _stages("FROM centos:7\n"
                               "RUN yum install -y epel-release && yum install -y python-pip python-devel gcc "
                               "postgresql-devel && yum clean all\n"
                               "RUN pip install psycopg2 flask\nWORKDIR /srv\nCOPY app.py .\n"
                               "CMD [\"python\", \"app.py\"]\n")
    assert builder.index(BUILDER_ENV) < builder.index("RUN pip install")
    assert "FROM centos:7 AS runner" not in builder and runtime.startswith("\nRUN yum install -y epel-release")
    assert "gcc" not in runtime and "python-devel" not in runtime and "python-pip" not in runtime
    # rpm's -devel packages have no map to their libraries: the runtime keeps it (it depends on libpq)
    assert "postgresql-devel" in runtime
    assert "libpq5" not in runtime  # Debian's name for what psycopg2 links against: not on centos
    assert "yum install -y python && yum clean all" in runtime
    assert RUNTIME_ENV in runtime and COPY in runtime
    assert runtime.rstrip().endswith('WORKDIR /srv\nCOPY app.py .\nCMD ["python", "app.py"]')


def test_fedora_installs_with_dnf_in_the_runtime() -> None:
    _, runtime = _stages("FROM fedora:23\nRUN dnf -y install python-pip gcc redhat-rpm-config && dnf clean all\n"
                         "RUN pip install uwsgi\nCMD [\"uwsgi\", \"--http\", \":80\"]\n")
    assert "RUN dnf install -y python && dnf clean all" in runtime
    assert "yum" not in runtime and "gcc" not in runtime


def test_an_unknown_image_with_its_own_python_and_gcc() -> None:
    builder, runtime = _stages("FROM acme/python-base:1\n"
                               "RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev "
                               "&& rm -rf /var/lib/apt/lists/*\n"
                               "RUN pip install --no-binary :all: markupsafe\nENV PORT=8000\n"
                               "CMD [\"python\", \"-m\", \"app\"]\n")
    assert BUILDER_ENV in builder
    assert runtime == f"""
{RUNTIME_ENV}
{COPY}
COPY --from=builder /opt/python/bin/ /usr/local/bin/
ENV PORT=8000
CMD ["python", "-m", "app"]
"""
    # the Python pip ran comes with the image: the runtime installs none
    assert "apt-get" not in runtime


def test_pip_alone_gains_its_download_cache() -> None:
    _, runtime = _stages("FROM acme/python-base:1\nUSER root\nRUN pip install flask\nCMD [\"flask\", \"run\"]\n")
    assert COPY in runtime


def test_nothing_to_gain_is_still_said() -> None:
    why = _skipped("FROM acme/python-base:1\nUSER root\nRUN pip install --no-cache-dir flask\n"
                   "CMD [\"flask\", \"run\"]\n")
    assert why.startswith("nothing to gain")


APT = "RUN apt-get update && apt-get install -y gcc python-dev python-pip\n"


@pytest.mark.parametrize(("text", "cause"), [
    ("FROM acme/py:1\nRUN pip install --no-cache-dir flask gunicorn\nCMD [\"gunicorn\", \"app\"]\n",
     "nothing before line 2 (USER root, a system package install) shows that pip runs as root"),
    (f"FROM acme/py:1\n{APT}RUN pip install flask && virtualenv /env && . /env/bin/activate && pip install six\n"
     "CMD [\"python\", \"a.py\"]\n", "refuses a user install in the virtual environment /env"),
    (f"FROM acme/py:1\n{APT}RUN pip install flask && pip install --target /app/lib six\nCMD [\"python\", \"a.py\"]\n",
     "refuses a user install with --target"),
    (f"FROM acme/py:1\n{APT}RUN pip install --prefix /install flask && pip install six\n"
     "CMD [\"python\", \"a.py\"]\n", "does not install into the user base"),
    (f"FROM acme/py:1\n{APT}RUN pip install flask\nCMD sudo -u app python a.py\n", "`sudo`"),
    (f"FROM acme/py:1\n{APT}RUN pip install flask\nCMD [\"python\", \"-s\", \"a.py\"]\n",
     "runs Python with -s or -I"),
    (f"FROM acme/py:1\nENV PYTHONNOUSERSITE=1\n{APT}RUN pip install flask\nCMD [\"python\", \"a.py\"]\n",
     "PYTHONNOUSERSITE"),
    ("FROM acme/py:${TAG}\n" + APT + "RUN pip install flask\nCMD [\"python\", \"a.py\"]\n",
     "a build argument names"),
    (f"FROM acme/py:1\n{APT}RUN pip install flask\n"
     "RUN sed -i s/a/b/ /usr/lib/python2.7/dist-packages/flask/app.py\nCMD [\"python\", \"a.py\"]\n",
     "names /usr/lib/python2.7/dist-packages/flask/app.py"),
    (f"FROM acme/py:1\n{APT}USER app\nRUN pip install flask\nCMD [\"python\", \"a.py\"]\n",
     "it runs as app, who cannot write /opt/python"),
])
def test_where_the_user_base_cannot_serve_the_cause_is_named(text: str, cause: str) -> None:
    assert cause in _skipped(text)


@pytest.mark.parametrize("tail", [
    'RUN pip install flask\nCMD ["su", "app", "-c", "python a.py"]\n',  # su starts it without PYTHONUSERBASE
    'RUN pip install flask\nCOPY crontab /etc/cron.d/app\nCMD ["cron", "-f"]\n',  # so does cron
    'RUN pip install chaperone\nENTRYPOINT ["/usr/local/bin/chaperone"]\n',  # the user base moves the command
])
def test_where_the_user_base_cannot_serve_an_image_that_runs_apt_tracks_the_install(tail: str) -> None:
    # apt-get runs there, so the image has GNU's find: pip's install into /usr/local is tracked, which needs no
    # variable at run time and leaves the commands where pip put them
    result = refactor(f"FROM acme/py:1\n{APT}{tail}")
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /opt/staged /" in runtime and "PYTHONUSERBASE" not in runtime, runtime


def test_a_command_the_file_puts_in_usr_local_bin_itself_is_fine() -> None:
    _, runtime = _stages(f"FROM acme/py:1\n{APT}RUN pip install flask\nCOPY start.sh /usr/local/bin/start.sh\n"
                         "ENTRYPOINT [\"/usr/local/bin/start.sh\"]\n")
    assert COPY in runtime and 'ENTRYPOINT ["/usr/local/bin/start.sh"]' in runtime


def test_an_image_a_build_argument_names_with_a_default_is_the_runtime_too() -> None:
    builder, runtime = _stages("ARG BASE=acme/py:1\nFROM $BASE\n" + APT + "RUN pip install flask\n"
                               "CMD [\"python\", \"a.py\"]\n")
    assert "FROM $BASE AS builder" in builder and runtime.startswith("\nRUN apt-get update")
    assert "FROM $BASE AS runner" in refactor("ARG BASE=acme/py:1\nFROM $BASE\n" + APT + "RUN pip install flask\n"
                                              "CMD [\"python\", \"a.py\"]\n").text
