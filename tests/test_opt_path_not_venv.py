"""pip's guess that a folder in /opt whose bin/ is on PATH is a virtual environment it installs into needs the stage to
show one: a command that makes it (python3 -m venv, virtualenv, uv venv) or its activate, python or pip named. A tool's
folder (dev file 2f1a5046's /opt/confd/bin) and the gem home the tool itself puts on PATH (/opt/gems: dev files
4a78c3e4, 7396663d, 74bc478c) were read as pip's environment: the runtime copied that folder (on the official image a
folder the builder never made, so the copy failed) and lacked what pip installed into the image's Python."""

from __future__ import annotations

from conftest import USER_BASE_COPY, stages

from transformer import refactor

PIP = ("WORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
       "CMD [\"python\", \"app.py\"]\n")


def test_a_tools_folder_on_path_is_not_a_virtual_environment() -> None:
    builder, runtime = stages('FROM python:3.11\nENV PATH="$PATH:/opt/confd/bin"\n' + PIP)
    assert "COPY --from=builder /opt/confd" not in runtime, runtime
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime and "python -m venv /opt/venv" in builder


def test_the_gem_home_of_the_tool_is_not_a_virtual_environment() -> None:
    # the tool's GEM_HOME=/opt/gems puts /opt/gems/bin on PATH; pip3 is Debian's, into the user base
    _, runtime = stages("FROM example/thing:1\nUSER root\nRUN apt-get update && apt-get install -y ruby python3-pip\n"
                        "WORKDIR /app\nCOPY . .\nRUN gem install sass\nRUN pip3 install requests\n"
                        "CMD [\"python3\", \"app.py\"]\n")
    assert "COPY --from=builder /opt/gems /opt/gems" in runtime and USER_BASE_COPY in runtime, runtime


def test_a_virtual_environment_the_file_makes_in_opt_is_one() -> None:
    _, runtime = stages("FROM python:3.11\nENV VENV=/opt/app\nRUN python3 -m venv $VENV\n"
                        'ENV PATH="/opt/app/bin:$PATH"\n' + PIP)
    assert "COPY --from=builder /opt/app /opt/app" in runtime and "/opt/venv" not in runtime, runtime


def test_a_virtual_environment_whose_python_the_command_names_is_one() -> None:
    result = refactor('FROM python:3.11\nENV PATH="/opt/app/bin:$PATH"\n' + PIP.replace(
        'CMD ["python"', 'CMD ["/opt/app/bin/python"'))
    runtime = result.text.partition(" AS runner")[2]
    assert "COPY --from=builder /opt/app /opt/app" in runtime and "/opt/venv" not in runtime, result.text
