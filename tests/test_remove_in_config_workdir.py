"""A removal in a WORKDIR among the system's configuration changes the image, and the runtime repeats it: the
working folder follows the build only when it is the app's (the runtime copies it from the builder). Found on
estebangonzalezvega33/php (`WORKDIR /etc/apache2/sites-enabled/` + `RUN rm 000-default.conf` on php:7.2-apache):
the runtime kept Apache's default site, which answers on port 80 before the app's."""

from __future__ import annotations

import pytest
from conftest import runner_stage


def test_a_removal_in_apaches_sites_folder_is_repeated_by_the_runtime() -> None:
    # (libzip-dev, left in the builder, is the gain: Composer alone would be nothing to gain)
    runtime = runner_stage("FROM php:8.2-apache\nWORKDIR /etc/apache2/sites-enabled/\nRUN rm 000-default.conf\n"
                           "COPY site.conf /etc/apache2/sites-enabled/\nWORKDIR /var/www/app\nCOPY . .\n"
                           "RUN apt-get update && apt-get install -y libzip-dev && docker-php-ext-install zip\n"
                           "RUN composer install --no-dev\nEXPOSE 80\n")
    assert "WORKDIR /etc/apache2/sites-enabled/\nRUN rm 000-default.conf\nCOPY site.conf" in runtime


def test_a_removal_in_nginxs_folder_is_repeated_by_the_runtime() -> None:
    runtime = runner_stage('FROM python:3.11\nWORKDIR /etc/nginx/\nRUN rm -f nginx.conf\nWORKDIR /app\nCOPY . .\n'
                           'RUN pip install flask\nCMD ["python", "app.py"]\n')
    assert "RUN rm -f nginx.conf" in runtime


@pytest.mark.parametrize("dest", [".", "/app"])
def test_a_removal_in_the_apps_folder_follows_the_context_copy(dest: str) -> None:
    # the app's folder is not the system's configuration: the build folder the context brought is deleted after the
    # context COPY the runtime repeats, as the original deletes it (`COPY . .` read as `COPY . /app` since h-read2's
    # f437c94; it was dropped there, and the runtime kept the context's build folder)
    runtime = runner_stage(f'FROM python:3.11\nWORKDIR /app\nCOPY . {dest}\nRUN pip install flask && rm -rf build\n'
                           'CMD ["python", "app.py"]\n')
    assert runtime.index(f"COPY . {dest}\n") < runtime.index("RUN rm -rf build\n"), runtime


def test_a_removal_in_etc_itself_is_repeated_by_the_runtime() -> None:
    runtime = runner_stage('FROM python:3.11\nWORKDIR /etc\nRUN rm motd\nWORKDIR /app\nCOPY . .\n'
                           'RUN pip install flask\nCMD ["python", "app.py"]\n')
    assert "WORKDIR /etc\nRUN rm motd\n" in runtime
