"""Python commands seen in real Dockerfiles: the rewrites they get, and the reasons a file is left alone."""

from __future__ import annotations

import pytest
from conftest import skip_reason as _skipped
from conftest import stages as _stages
from conftest import without_bin_folder

from transformer import refactor


@pytest.mark.parametrize(("image", "words"), [
    ("acme/dl-docker:cpu", ("acme/dl-docker:cpu", "does not know")),  # floydhub/dl-docker:cpu is known (root)
    ("centos:7", ("centos:7", "does not know")),
    ("alpine:3.8", ("Alpine (alpine:3.8)", "/usr/bin")),
    ("golang:1.12.1-alpine", ("Alpine (golang:1.12.1-alpine)",)),
    ("node:10", ("distribution's Python of node:10", "/usr/local")),
    ("python:3", ("tag of python:3",)),
])
def test_an_install_into_a_python_of_unknown_layout_names_the_image(image: str, words: tuple[str, ...]) -> None:
    # easy_install: pip would install into its user base on Alpine and on node (test_python_user_base.py)
    command = {"python:3": "uv pip install --system flask", "alpine:3.8": "easy_install flask",
               "golang:1.12.1-alpine": "easy_install flask", "node:10": "easy_install flask"}.get(image,
                                                                                             "pip3 install flask")
    reason = _skipped(f"FROM {image}\nCOPY . /app\nRUN {command}\n"
                      "CMD [\"python3\", \"/app/a.py\"]\n")
    assert "not understood" not in reason
    for word in words:
        assert word in reason


def test_an_image_named_by_a_build_argument_says_so() -> None:
    reason = _skipped("ARG BASE\nFROM $BASE\nRUN pip install flask\nCMD [\"python\", \"a.py\"]\n")
    assert "a build argument names" in reason




@pytest.mark.parametrize("command", ["python setup.py build install", "python setup.py -q install",
                                     "python /app/setup.py install", "cd /app && python setup.py install"])
def test_setup_py_install_fills_the_virtual_environment(command: str) -> None:
    builder, runtime = _stages(f"FROM python:3.11\nCOPY . /app\nWORKDIR /app\nRUN {command}\n"
                               "CMD [\"app\"]\n")
    assert "RUN python -m venv /opt/venv" in builder
    assert builder.rstrip().endswith("FROM python:3.11-slim")
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime
    assert "setup.py" not in runtime


def test_setup_py_develop_keeps_the_project_folder() -> None:
    _, runtime = _stages("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3-pip gcc\n"
                         "COPY . /src\nWORKDIR /src\nRUN python3 setup.py develop\nCMD [\"app\"]\n")
    assert "COPY --from=builder /usr/local /usr/local" in runtime
    assert "COPY --from=builder /src /src" in runtime
    assert "gcc" not in runtime


@pytest.mark.parametrize("command", ["python setup.py upload", "python setup.py $CMD"])
def test_setup_py_elsewhere_or_other_commands_are_not_taken_for_an_install(command: str) -> None:
    result = refactor(f"FROM python:3.11\nCOPY . /app\nWORKDIR /app\nRUN {command}\nCMD [\"app\"]\n")
    assert not result.changed


@pytest.mark.parametrize(("command", "folder"), [
    ("python -m nltk.downloader -d /usr/share/nltk_data punkt", "/usr/share/nltk_data"),
    ("python -m nltk.downloader punkt", "/root/nltk_data"),
])
def test_nltk_data_is_copied_to_the_runtime(command: str, folder: str) -> None:
    _, runtime = _stages(f"FROM python:3.11\nRUN pip install nltk\nRUN {command}\nCOPY . /app\n"
                         "CMD [\"python\", \"/app/a.py\"]\n")
    assert f"COPY --from=builder {folder} {folder}" in runtime
    assert "nltk.downloader" not in runtime


def test_nltk_data_without_a_folder_may_land_in_nltk_data_or_home() -> None:
    builder, runtime = _stages("FROM python:3.11\nENV NLTK_DATA=/usr/share/nltk_data\nRUN pip install nltk\n"
                               "RUN python -m nltk.downloader punkt\nCOPY . /app\nCMD [\"python\", \"/app/a.py\"]\n")
    assert "mkdir -p /root/nltk_data /usr/share/nltk_data" in builder
    assert "COPY --from=builder /root/nltk_data /root/nltk_data" in runtime
    assert "COPY --from=builder /usr/share/nltk_data /usr/share/nltk_data" in runtime


def test_grpc_code_generation_is_copied_from_the_builder() -> None:
    _, runtime = _stages("FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r "
                         "requirements.txt\nCOPY . .\nRUN python -m grpc_tools.protoc -I. --python_out=gen "
                         "--grpc_python_out=gen a.proto\nCMD [\"python\", \"a.py\"]\n")
    assert "COPY --from=builder /app/gen /app/gen" in runtime
    assert "protoc" not in runtime


@pytest.mark.parametrize("command", ["./manage.py collectstatic --noinput", "python manage.py loaddata x.json",
                                     "python app/manage.py syncdb --noinput"])
def test_django_commands_that_prepare_files_are_repeated_in_the_runtime(command: str) -> None:
    _, runtime = _stages(f"FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                         f"RUN {command}\nCMD [\"gunicorn\", \"app.wsgi\"]\n")
    assert f"RUN {command}" in runtime
    assert runtime.index("COPY --from=builder /opt/venv") < runtime.index(f"RUN {command}")


# a project's own management commands (dev files 1ebc50b8 `clean`, 61fceb68 `create_db`) and `shell` fed a script
# (2bf36737, 4eaf14c3): what they leave is not known, but the runtime has the app and its packages, so it repeats
# them after the copies, and says what it assumed
@pytest.mark.parametrize("command", ["python manage.py create_db", "python manage.py shell < init.py",
                                     "echo 'import app' | python manage.py shell"])
def test_a_project_command_of_django_is_repeated_after_the_copies(command: str) -> None:
    result = refactor(f"FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                      f"RUN {command}\nCMD [\"gunicorn\", \"app.wsgi\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert runtime.index("COPY --from=builder /opt/venv") < runtime.index(f"RUN {command}")
    verb = command.split("manage.py ")[1].split()[0]
    assert any(f"`manage.py {verb}`" in str(c) and "(assumed: it needs no compiler or build tool the runtime "
               "leaves out" in str(c) for c in result.changes)


@pytest.mark.parametrize(("command", "words"), [
    ("python manage.py dbshell < init.sql", "`manage.py dbshell` runs code read from its input"),
    ("python manage.py compress", "runs the precompilers the settings name"),
    ("python scripts/mk_make.py", "`python scripts/mk_make.py` runs a script of the project"),
    ("python scons/scons.py", "`python scons/scons.py` runs a script of the project"),
    ("python3 -c 'import x'", "`python3 -c` runs inline Python code"),
    ("python -m foo.bar", "`python -m foo.bar` runs the module foo.bar"),
    ("conda install -y numpy", "`conda install` changes the image's conda installation"),
    ("bash Mambaforge-Linux-x86_64.sh -b -p /opt/conda", "installs a conda distribution"),
    ("python3 setup.py install --yes USE_AVX", "with commands or arguments of its own (USE_AVX)"),
    ("python setup.py install --root=/tmp/x", "installs into folders of its own choosing"),
])
def test_code_run_at_build_time_is_named_in_the_reason(command: str, words: str) -> None:
    reason = _skipped(f"FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                      f"RUN {command}\nCMD [\"python\", \"a.py\"]\n")
    assert words in reason


@pytest.mark.parametrize("command", ["python3 -m ensurepip", "python distribute_setup.py"])
def test_pip_bootstraps_stay_in_the_builder(command: str) -> None:
    _, runtime = _stages(f"FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 gcc\n"
                         f"RUN {command}\nRUN pip3 install flask\nCOPY . /app\nCMD [\"python3\", \"/app/a.py\"]\n")
    assert command not in runtime
    assert "COPY --from=builder /usr/local /usr/local" in runtime


def test_alpine_pip_installs_into_a_virtual_environment_over_apks_python() -> None:
    builder, runtime = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3-dev gcc musl-dev\n"
                               "COPY requirements.txt /app/\nRUN pip3 install -r /app/requirements.txt\n"
                               "COPY . /app\nCMD [\"python3\", \"/app/a.py\"]\n")
    assert "RUN python3 -m venv --system-site-packages /opt/venv" in builder
    assert "FROM alpine:3.8" in builder.splitlines()[-1]
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime
    assert 'ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"' in runtime
    # the file installs only python3-dev: the runtime still needs the interpreter the environment runs
    assert "apk add --no-cache python3" in runtime
    assert "gcc" not in runtime and "python3-dev" not in runtime


@pytest.mark.parametrize("text", [
    "RUN apk add --no-cache python3 gcc && python3 setup.py install",  # no RUN before installs Python 3
    "RUN apk add --no-cache python py-pip gcc\nRUN python setup.py install",  # Python 2 has no venv
    "RUN apk add --no-cache python python3 py-pip gcc\nRUN python setup.py install",  # may be Python 2's
    "RUN apk add --no-cache python3 gcc && python3 -m ensurepip && rm -r /usr/lib/python*/ensurepip\n"
    "RUN python3 setup.py install",  # deletes ensurepip
])
def test_alpine_without_a_python_3_for_a_virtual_environment_uses_the_user_base_with_setup_py_told_user(
        text: str) -> None:
    # no virtual environment can be made: setup.py, which does not read PIP_USER, is told --user (before: left
    # alone, "`python setup.py` does not read pip's settings"; test_python_setup_py_user.py)
    builder, runtime = _stages(f"FROM alpine:3.8\nCOPY . /app\nWORKDIR /app\n{text}\n"
                               "CMD [\"python3\", \"/app/a.py\"]\n")
    assert 'ENV PIP_USER=1 PYTHONUSERBASE=/opt/python PATH="/opt/python/bin:$PATH"' in builder
    assert "setup.py install --user\n" in without_bin_folder(builder)
    assert "COPY --from=builder /opt/python /opt/python" in runtime


def test_rm_of_everything_in_the_current_folder_keeps_the_other_build_outputs() -> None:
    _, runtime = _stages("FROM python:3.11\nWORKDIR /tmp/src\nCOPY . .\nRUN pip install -r requirements.txt\n"
                         "RUN cp start.py /usr/local/bin/start.py && rm -rf *\n"
                         "CMD [\"python\", \"/usr/local/bin/start.py\"]\n")
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime
    assert "COPY --from=builder /usr/local/bin/start.py /usr/local/bin/start.py" in runtime


@pytest.mark.parametrize(("setting", "folder"), [
    ("", "/root/.local/share/virtualenvs"),
    ("ENV WORKON_HOME=/venvs\n", "/venvs"),
])
def test_pipenv_virtual_environments_under_its_home_are_copied(setting: str, folder: str) -> None:
    _, runtime = _stages(f"FROM python:3.11\nRUN pip install pipenv\n{setting}WORKDIR /app\nCOPY . .\n"
                         "RUN pipenv install --deploy\nCMD [\"python\", \"a.py\"]\n")
    assert f"COPY --from=builder {folder} {folder}" in runtime
    assert "pipenv install" not in runtime


def test_get_pip_piped_into_python_is_a_build_tool() -> None:
    builder, runtime = _stages("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y python3 curl gcc\n"
                               "RUN curl -sSL https://bootstrap.pypa.io/get-pip.py | python3\n"
                               "RUN pip install flask\nCOPY . /app\nCMD [\"python3\", \"/app/a.py\"]\n")
    assert "get-pip.py" in builder and "get-pip.py" not in runtime
    assert "COPY --from=builder /usr/local /usr/local" in runtime


def test_other_installers_piped_into_python_are_left_to_the_fetch_pass() -> None:
    builder, runtime = _stages("FROM python:3.11\nRUN curl -sSL https://install.python-poetry.org | python3 -\n"
                               "COPY . /app\nWORKDIR /app\nRUN pip install -r requirements.txt\n"
                               "CMD [\"python\", \"a.py\"]\n")
    assert "install.python-poetry.org" in builder and "install.python-poetry.org" not in runtime


def test_python_reading_a_script_from_a_file_is_named() -> None:
    reason = _skipped("FROM python:3.11\nCOPY . /app\nRUN python < /app/init.py\nCMD [\"app\"]\n")
    assert "`python` runs Python code read from its input" in reason


def test_a_question_asked_of_python_inside_a_command_is_neutral() -> None:
    _, runtime = _stages("FROM python:3.11\nCOPY . /app\nRUN SITE=$(python -c \"import site; "
                         "print(site.getsitepackages()[0])\") && pip install -r /app/requirements.txt\n"
                         "CMD [\"python\", \"/app/a.py\"]\n")
    assert "COPY --from=builder /opt/venv /opt/venv" in runtime


@pytest.mark.parametrize("command", ["python -m whitenoise.compress static"])
def test_static_file_compression_is_repeated_in_the_runtime(command: str) -> None:
    _, runtime = _stages(f"FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                         f"RUN {command}\nCMD [\"gunicorn\", \"app.wsgi\"]\n")
    assert f"RUN {command}" in runtime


def test_the_images_own_script_run_at_build_time_is_repeated_in_the_runtime() -> None:
    _, runtime = _stages("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                         "RUN python app/server.py\nCMD [\"python\", \"app/server.py\", \"serve\"]\n")
    assert runtime.index("COPY --from=builder /opt/venv") < runtime.index("RUN python app/server.py")


# a script of the project's run at build time (dev 4fdceff6 `python db_store.py`, 10d2bb28 `python main.py createdb`):
# what it leaves is not known, but the runtime has the app and its packages, so it repeats it after the copies, in
# the folder it ran in, and says what it assumed; a build system's script stays a reason to leave the file alone
def test_another_script_run_at_build_time_is_repeated_after_the_copies() -> None:
    result = refactor("FROM python:3.11\nCOPY . /app\nRUN pip install -r /app/requirements.txt\n"
                      "RUN cd /app && python prepare.py --db\nCMD [\"python\", \"/app/server.py\", \"serve\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert runtime.index("COPY --from=builder /opt/venv") < runtime.index("RUN cd /app && python prepare.py --db")
    assert any("`python prepare.py` runs a script of the project at build time: the runtime" in str(c) and
               "(assumed: it needs no compiler" in str(c) for c in result.changes)


# the repeated script may read the ARGs in its environment, as it did in the builder (read25 4c519383: `ARG MODEL_URL`
# before `RUN python app/server.py`); an ARG only the builder's commands use stays there
def test_a_repeated_script_keeps_the_args_in_its_environment() -> None:
    result = refactor("FROM python:3.11\nWORKDIR /app\nARG EARLY\nCOPY . .\nRUN pip install -r requirements.txt\n"
                      "ARG MODEL_URL\nRUN python app/server.py\nARG LATE\n"
                      "CMD [\"python\", \"app/server.py\", \"serve\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "ARG MODEL_URL\n" in runtime and "ARG EARLY\n" in runtime
    assert "ARG LATE" not in runtime


@pytest.mark.parametrize("script", ["build.py", "setup_db.py", "waf", "configure.py", "tools/compile_all.py"])
def test_a_build_script_run_at_build_time_is_left_alone(script: str) -> None:
    reason = _skipped("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n"
                      f"RUN python {script}\nCMD [\"python\", \"app/server.py\", \"serve\"]\n")
    assert f"`python {script}` runs a script of the project at build time: what it writes" in reason


def test_alpine_pip_upgrade_goes_into_the_virtual_environment_made_before_it() -> None:
    builder, _ = _stages("FROM alpine:3.8\nRUN apk add --no-cache python3 gcc musl-dev\n"
                         "RUN pip3 install --upgrade pip\nRUN pip3 install flask\nCOPY . /app\n"
                         "CMD [\"python3\", \"/app/a.py\"]\n")
    # the installs after the upgrade use the upgraded pip, as in the original
    assert builder.index("python3 -m venv --system-site-packages /opt/venv") < builder.index("pip3 install --upgrade")
