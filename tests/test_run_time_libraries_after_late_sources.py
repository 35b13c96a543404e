"""The runtime's own install of run-time libraries (a named list, or the builder's ldd list) goes where the
original's installs read their sources: a RUN after the build that replaces /etc/apt/sources.list (an end-of-life
release moved to archive.debian.org), with no install the runtime repeats before it, comes first. Installed at the
top of the runtime, the libraries were fetched from the image's own sources, which no longer serve that release:
apt-get update failed where the original, which installs only after the switch, builds."""

from __future__ import annotations

from conftest import runner_stage

ARCHIVED = """\
FROM ruby:2.3.1
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
RUN printf "deb http://archive.debian.org/debian/ jessie main\\n" > /etc/apt/sources.list
RUN apt-get update && apt-get install -y sqlite3
CMD ["bundle", "exec", "rackup"]
"""


def test_the_libraries_are_installed_after_the_sources_switch() -> None:
    runtime = runner_stage(ARCHIVED)
    assert runtime.index("> /etc/apt/sources.list") < runtime.index("apt-get update"), runtime


def test_an_install_before_the_switch_keeps_the_libraries_with_it() -> None:
    text = ARCHIVED.replace("WORKDIR /app\n", "RUN apt-get update && apt-get install -y libpq-dev imagemagick\n"
                                              "WORKDIR /app\n")
    runtime = runner_stage(text)
    assert runtime.index("imagemagick") < runtime.index("> /etc/apt/sources.list"), runtime


def test_a_run_that_writes_the_sources_among_other_setup_comes_first() -> None:
    """Dev file 6ab47e87 (php:7.1-apache): one RUN links /etc/localtime, edits Apache's configuration with sed and
    points apt at a mirror; the runtime's install of the libraries the builder lists went before it, and read the
    image's own buster sources, which deb.debian.org no longer serves (a reviewer's curl: 404)."""
    text = ("FROM php:7.1-apache\n"
            "RUN ln -snf /usr/share/zoneinfo/UTC /etc/localtime \\\n"
            "    && sed -ri -e 's!/var/www/!/srv/!g' /etc/apache2/apache2.conf \\\n"
            "    && echo \"deb http://mirror.example.com/debian/ stretch main\" > /etc/apt/sources.list \\\n"
            "    && apt-get update && apt-get install -y libpng-dev \\\n"
            "    && docker-php-ext-install gd \\\n"
            "    && rm -rf /var/lib/apt/lists/*\n"
            "COPY . /var/www/html\n")
    runtime = runner_stage(text)
    assert runtime.index("> /etc/apt/sources.list") < runtime.index("apt-get update"), runtime
