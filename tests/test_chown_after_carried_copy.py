"""`RUN chown -R www-data /usr/src/october` after a context COPY into that folder, which the runtime copies whole
from the builder: the runtime does not repeat the context COPY (the builder's folder has its files), so the copy
takes the owner (--chown) and the chown is repeated without -R, for the folder itself; repeated with -R its layer
held the whole tree a second time (read28 32471f61, October CMS: 30 MB twice, measured on the engine). A program
the runtime repeats between them whose writes are not known (`manage.py collectstatic`) keeps the -R."""

from __future__ import annotations

from conftest import stages

FILE = """\
FROM php:8.2-apache
RUN apt-get update && apt-get install -y --no-install-recommends git unzip && rm -rf /var/lib/apt/lists/*
RUN curl -sS https://getcomposer.org/installer | php && mv composer.phar /usr/local/bin/composer
RUN cd /usr/src && git clone https://github.com/octobercms/october.git && cd october \\
    && composer install --no-interaction --prefer-dist
COPY config/*.php /usr/src/october/config/
RUN chown -R "www-data:www-data" /usr/src/october
CMD ["apache2-foreground"]
"""


def test_the_copy_takes_the_owner_and_the_chown_loses_its_r() -> None:
    _, runtime = stages(FILE)
    assert "COPY --from=builder --chown=www-data:www-data /usr/src/october /usr/src/october" in runtime, runtime
    assert 'RUN chown "www-data:www-data" /usr/src/october' in runtime and "chown -R" not in runtime, runtime
    assert "COPY config/*.php" not in runtime


DJANGO = """\
FROM python:3.11
RUN useradd app
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY package.json .
RUN npm install
COPY . /app
RUN ./manage.py collectstatic --noinput
RUN chown -R app:app /app
USER app
CMD ["gunicorn", "site.wsgi"]
"""


def test_a_program_between_them_keeps_the_r() -> None:
    _, runtime = stages(DJANGO)
    assert "collectstatic" in runtime and "RUN chown -R app:app /app" in runtime, runtime
