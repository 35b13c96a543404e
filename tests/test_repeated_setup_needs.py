"""What the runtime needs for the setup and the command it repeats, found by the adversarial review of session 37:
a shell for a script of the context the command names alone, and the copied packages for the Python a build RUN's
setup runs."""

from __future__ import annotations

from conftest import runner_stage


def test_a_script_the_entrypoint_names_on_the_path_keeps_a_shell_in_the_runtime() -> None:
    """adv-s37 aside 1: `COPY bin/entrypoint.sh /usr/local/bin/` and `ENTRYPOINT ["entrypoint.sh"]`, a script of the
    context named alone: its `#!/bin/sh` needs a shell, which distroless lacks (`exec ... no such file or
    directory`). The runtime is a Debian slim image, as for a script the command names by its path."""
    text = ("FROM golang:1.19\nWORKDIR /src\nCOPY . /src\nRUN go build -o /usr/local/bin/server . && rm -rf /src\n"
            "COPY bin/entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"entrypoint.sh\"]\nCMD [\"server\"]\n")
    runtime = runner_stage(text)
    assert "distroless" not in runtime and "COPY bin/entrypoint.sh /usr/local/bin/" in runtime, runtime
    assert "distroless" in runner_stage(text.replace('ENTRYPOINT ["entrypoint.sh"]\n', ""))


def test_python_of_the_installed_packages_runs_after_their_copy() -> None:
    """adv-s37 aside 2: `pip install -r requirements.txt && python manage.py collectstatic` in one RUN (a STATIC_ROOT
    the tool cannot read): the runtime repeated collectstatic before it copied the environment, and the build failed
    (`No module named 'django'`; engine: builds now)."""
    text = ("FROM python:3.11\nWORKDIR /code\nCOPY . .\n"
            "RUN pip install --no-cache-dir -r requirements.txt && python manage.py collectstatic --noinput\n"
            "CMD [\"gunicorn\", \"mysite.wsgi\"]\n")
    runtime = runner_stage(text)
    assert runtime.index("COPY --from=builder /opt/venv /opt/venv") < runtime.index("manage.py collectstatic"), runtime
