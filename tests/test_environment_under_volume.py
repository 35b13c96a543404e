"""A folder the tool installs into (the virtual environment /opt/venv, pip's user base /opt/python, the gem home
/opt/gems) must not lie in a folder a VOLUME declares: the original keeps its packages under /usr/local, and
a volume mounted over the VOLUME's folder at run time (pgbedrock's README: `docker run -v $(pwd):/opt ...`,
on a file with `VOLUME /opt` and `WORKDIR /opt`) would hide the rewrite's packages, and its command with them.
Found by building a real file of the dev set (58e46f98, pgbedrock) with a mount: the original ran, the rewrite
said `exec: "pgbedrock": executable file not found in $PATH`. On the official python image the packages then go
where the file installs them (site-packages, when the tag names the minor version); elsewhere the file is left
alone, and the reason names the volume."""

from __future__ import annotations

from conftest import skip_reason

from transformer import refactor

PGBEDROCK = """\
FROM python:3.6

VOLUME /opt
WORKDIR /opt

COPY setup.py /opt/
COPY requirements.txt /opt/
COPY pgbedrock /opt/pgbedrock
RUN pip install -r requirements.txt
RUN pip install .

ENTRYPOINT ["pgbedrock"]
"""


def test_a_volume_over_opt_keeps_the_packages_in_site_packages() -> None:
    result = refactor(PGBEDROCK)
    assert result.changed, result.skipped
    assert "/opt/venv" not in result.text
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /usr/local/lib/python3.6/site-packages /usr/local/lib/python3.6/site-packages\n" \
        "COPY --from=builder /usr/local/bin /usr/local/bin\n" in runtime
    assert "VOLUME /opt\n" in runtime


def test_a_volume_declared_after_the_install_counts_too() -> None:
    text = ('FROM python:3.11\nWORKDIR /app\nCOPY . /app/\nRUN pip install -r requirements.txt\n'
            'VOLUME ["/opt/venv"]\nCMD ["python", "app.py"]\n')
    result = refactor(text)
    assert result.changed, result.skipped
    assert "VIRTUAL_ENV" not in result.text
    assert "COPY --from=builder /usr/local/lib/python3.11/site-packages" in result.text


def test_a_volume_named_by_a_variable_is_read_with_the_env() -> None:
    text = ('FROM python:3.11\nENV DATA=/opt\nWORKDIR /app\nCOPY . /app/\nRUN pip install flask\n'
            'VOLUME $DATA\nCMD ["python", "app.py"]\n')
    assert "VIRTUAL_ENV" not in refactor(text).text


def test_an_open_minor_version_leaves_the_file_alone_and_names_the_volume() -> None:
    text = ('FROM python:3\nWORKDIR /opt\nCOPY . /opt/\nRUN pip install -r requirements.txt\nVOLUME /opt\n'
            'CMD ["python", "app.py"]\n')
    assert "a virtual environment (/opt/venv) would keep it apart, but in /opt, which the VOLUME declares" \
        in skip_reason(text)


def test_pip_user_base_under_a_volume_leaves_the_file_alone() -> None:
    text = ('FROM node:18\nRUN apt-get update && apt-get install -y python3-pip\n'
            'RUN pip install --break-system-packages flask\nVOLUME ["/opt"]\nCMD ["python3", "app.py"]\n')
    assert "/opt/python is in the folder /opt that the VOLUME declares" in skip_reason(text)


def test_alpine_venv_under_a_volume_leaves_the_file_alone() -> None:
    text = ('FROM alpine:3.18\nRUN apk add python3 py3-pip gcc\nRUN pip install flask\nVOLUME /opt\n'
            'CMD ["python3", "app.py"]\n')
    assert "/opt/venv is in the folder /opt that the VOLUME declares" in skip_reason(text)


def test_gem_home_under_a_volume_leaves_the_file_alone() -> None:
    text = ('FROM alpine:3.18\nRUN apk add --no-cache ruby ruby-dev build-base\nWORKDIR /app\n'
            'RUN gem install --no-document nokogiri\nVOLUME /opt/gems\nCMD ["ruby", "app.rb"]\n')
    assert "/opt/gems is in the folder /opt/gems that the VOLUME declares" in skip_reason(text)


def test_a_volume_elsewhere_changes_nothing() -> None:
    text = PGBEDROCK.replace("VOLUME /opt", "VOLUME /data")
    assert "COPY --from=builder /opt/venv /opt/venv" in refactor(text).text
