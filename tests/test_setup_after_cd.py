"""Setup the runtime repeats that runs a tool on the project's files (``python manage.py migrate``, ``php artisan
config:cache``, ``python main.py --download``) reads its words relative to the folder it runs in: the runtime
repeats the `cd` before it. Found with dev file 2bf36737 (`cd /opt/pcapoptikon/ && python manage.py migrate`,
repeated in / without the `cd`: "can't open file 'manage.py'")."""

from __future__ import annotations

import pytest
from conftest import stages

_PYTHON = ("FROM python:3.11\nRUN apt-get update && apt-get install -y gcc libpq-dev\nCOPY . /opt/app\n"
           "RUN pip install -r /opt/app/requirements.txt\nRUN cd /opt/app && {run}\nCMD [\"gunicorn\", \"app.wsgi\"]\n")


@pytest.mark.parametrize("run", [
    "python manage.py migrate",
    "python manage.py collectstatic --noinput",
    "./manage.py migrate",
])
def test_a_django_command_runs_where_it_ran(run: str) -> None:
    _, runtime = stages(_PYTHON.format(run=run))
    assert f"RUN cd /opt/app && {run}" in runtime, runtime


def test_the_script_the_image_runs_runs_where_it_ran() -> None:
    _, runtime = stages(_PYTHON.format(run="python main.py --download").replace(
        'CMD ["gunicorn", "app.wsgi"]', 'CMD ["python", "main.py"]'))
    assert "RUN cd /opt/app && python main.py --download" in runtime, runtime


def test_an_artisan_command_runs_where_it_ran() -> None:
    _, runtime = stages("FROM php:8.2-apache\nRUN apt-get update && apt-get install -y libzip-dev && "
                        "docker-php-ext-install zip\nCOPY . /var/www/app\n"
                        "RUN cd /var/www/app && php artisan config:cache\nCMD [\"apache2-foreground\"]\n")
    assert "RUN cd /var/www/app && php artisan config:cache" in runtime, runtime


def test_a_global_install_of_named_packages_does_not_need_the_folder() -> None:
    # `npm install -g` of packages by name reads no file of the folder: a `cd` into a build folder before it does not
    # keep the file from changing
    _, runtime = stages("FROM node:18\nWORKDIR /app\nCOPY . .\n"
                        "RUN cd /app/client && npm install && npm install -g serve\n"
                        "RUN cd /app/client && npm run build\nCMD [\"serve\", \"-s\", \"/app/client/build\"]\n")
    assert "npm install -g serve" in runtime, runtime
