"""``mkdir -p /vol/web/media /vol/web/static``, ``chown -R app /vol``, ``chmod -R 755 /vol/web`` on empty folders,
then collectstatic fills /vol/web/static as the app's user (rp11 voltsrage/quotation): the runtime copies the static
files from the builder, so the owner and mode commands stay at their place, before that copy, on the folders a
`mkdir` the runtime repeats made. Repeated after the copy (as root, with USER 0 twice), they gave every copied file
mode 755 and held them in two more layers."""

from __future__ import annotations

from transformer import refactor

FILE = """\
FROM python:3.10
RUN apt-get update && apt-get install -y gcc libpq-dev
COPY requirements.txt requirements.txt
RUN pip install -r requirements.txt
COPY . /app
WORKDIR /app
RUN mkdir -p /vol/web/media
RUN mkdir -p /vol/web/static
RUN adduser appuser
RUN chown -R appuser:appuser /vol
RUN chmod -R 755 /vol/web
USER appuser
RUN python manage.py collectstatic --noinput
CMD ["gunicorn", "app.wsgi"]
"""


def test_the_modes_of_empty_folders_are_set_before_the_static_copy() -> None:
    context = {"manage.py": 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site.settings")\n',
               "site/settings.py": "STATIC_URL = '/static/'\nSTATIC_ROOT = '/vol/web/static'\n",
               "requirements.txt": "Django==4.2\n"}
    result = refactor(FILE, read_context=context.get)
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    copy = runtime.index("/vol/web/static /vol/web/static\n")
    assert runtime.index("RUN chown -R appuser:appuser /vol\n") < copy
    assert runtime.index("RUN chmod -R 755 /vol/web\n") < copy
    assert "USER 0" not in runtime
