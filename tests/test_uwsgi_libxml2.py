"""uWSGI has no wheel on PyPI: pip always builds it from source, and on the full python image its build finds
libxml2's headers (xml2-config, which buildpack-deps has) and links libxml2, which the slim image lacks. An image
whose command runs uwsgi, pip-installed on the full image, got a slim runtime without libxml2 (dev 38b11a71: its
requirements come from a git clone the tool cannot read, its CMD runs uwsgi), where uwsgi stops at once ("error
while loading shared libraries: libxml2.so.2"). The runtime installs libxml2's run-time library."""

from __future__ import annotations

import pytest

from transformer import refactor

_FILE = """\
FROM python:{tag}
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD {cmd}
"""


def _runtime(text: str) -> str:
    return text.partition("AS runner")[2]


@pytest.mark.parametrize("cmd", ['["uwsgi", "--http", ":8000", "--module", "app.wsgi"]',
                                 "uwsgi --ini uwsgi.ini", '["/usr/local/bin/uwsgi", "--ini", "uwsgi.ini"]',
                                 # wrappers with options and a user (gosu's, chpst's -u, tini's -s and --)
                                 "exec gosu www-data uwsgi --ini uwsgi.ini", "chpst -u app uwsgi --ini uwsgi.ini",
                                 '["tini", "-s", "--", "uwsgi", "--ini", "uwsgi.ini"]',
                                 '["dumb-init", "--rewrite", "15:2", "uwsgi", "--ini", "uwsgi.ini"]'])
def test_uwsgi_built_on_the_full_image_gets_libxml2_in_the_runtime(cmd: str) -> None:
    result = refactor(_FILE.format(tag="3.11", cmd=cmd))
    assert result.changed, result.skipped
    assert "FROM python:3.11-slim" in result.text
    assert "libxml2" in _runtime(result.text)


def test_uwsgi_of_a_release_the_data_do_not_know_gets_the_libraries_ldd_finds() -> None:
    """python:2.7's release (buster) is not in the data: the builder lists what the copied uwsgi links (ldd)."""
    # (the file runs apt itself: without, buster's runtime could not run the apt-get update the listing needs)
    result = refactor(_FILE.format(tag="2.7", cmd='["uwsgi", "--ini", "uwsgi.ini"]').replace(
        "RUN pip", "RUN apt-get update && apt-get install -y curl\nRUN pip"))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    assert "-exec ldd" in builder and "/usr/local/bin" in builder.rpartition("-exec ldd")[0].rpartition("find")[2]
    assert "xargs -r apt-get install" in runtime and "/opt/runtime-packages" in runtime


def test_a_slim_image_builds_uwsgi_without_libxml2() -> None:
    result = refactor(_FILE.format(tag="3.11-slim", cmd='["uwsgi", "--ini", "uwsgi.ini"]').replace(
        "RUN pip", "RUN apt-get update && apt-get install -y gcc\nRUN pip"))
    assert "libxml2" not in _runtime(result.text)


def test_another_program_gets_no_libxml2() -> None:
    result = refactor(_FILE.format(tag="3.11", cmd='["gunicorn", "app.wsgi"]'))
    assert result.changed, result.skipped
    assert "libxml2" not in _runtime(result.text)
