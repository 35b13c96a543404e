"""The runtime image of a builder image: the same release, slim; no guess where the release is unknown."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.images import runtime_image


@pytest.mark.parametrize(("builder", "runtime"), [
    ("debian:stretch", "debian:stretch-slim"),   # an old release keeps its packages (openjdk-8 is not in bookworm)
    ("debian:jessie", "debian:jessie-slim"),
    ("debian:9", "debian:stretch-slim"),
    ("debian:8.11", "debian:jessie-slim"),
    ("debian:12", "debian:bookworm-slim"),
    ("debian:bullseye", "debian:bullseye-slim"),
    ("debian:latest", "debian:stable-slim"),     # latest follows stable, as its slim tag does
    ("debian", "debian:stable-slim"),
    ("debian:sid", "debian:sid-slim"),
    ("python:3.6-stretch", "python:3.6-slim-stretch"),
])
def test_a_debian_image_keeps_its_release(builder: str, runtime: str) -> None:
    assert runtime_image(builder) == runtime


def test_a_debian_version_with_no_known_release_keeps_the_image() -> None:
    assert runtime_image("debian:6.0") == "debian:6.0"


def test_a_release_repeats_its_packages_on_its_own_slim_image() -> None:
    text = ("FROM debian:stretch\nRUN apt-get update && apt-get install -y gcc make libssl1.0-dev\n"
            "COPY . /src\nRUN make -C /src && cp /src/app /usr/local/bin/app\nCMD [\"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "FROM debian:stretch-slim AS runner" in result.text


def test_a_folder_made_with_a_variable_is_not_made_again_over_its_copy() -> None:
    """`mkdir $APP` where the runtime copies /opt/app: the COPY makes the folder, a second mkdir fails."""
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y wget openjdk-17-jdk-headless\n"
            "ENV APP=/opt/app\nRUN mkdir $APP\nRUN wget -qO- https://example.org/x.tar.gz | tar -zx -C $APP\n"
            "CMD [\"/opt/app/bin/run\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n", 1)[1]
    assert "COPY --from=builder /opt/app /opt/app" in runner
    assert "mkdir $APP" not in runner and "mkdir /opt/app" not in runner  # the JDK gets its man folder


def test_an_onbuild_image_is_left_alone() -> None:
    text = "FROM python:2-onbuild\nRUN python manage.py collectstatic --noinput\nCMD python manage.py runserver\n"
    result = refactor(text)
    assert not result.changed
    # the real cause: the triggers are steps the file does not show (a runtime on python:2-slim would not run
    # them again, skip41 31941132)
    assert "ONBUILD image: its triggers (copy the context, install the dependencies) run first in the stage built " \
        "on it, steps the file does not show" in (result.skipped or ""), result.skipped
    assert "build again" not in (result.skipped or "")


def test_alpine_compilers_leave_their_run_time_libraries() -> None:
    """A C++ or Fortran extension built with g++/gfortran links libstdc++/libgfortran, which Alpine lacks."""
    text = ("FROM python:3.11-alpine\nRUN apk add --no-cache g++ gfortran musl-dev\nCOPY requirements.txt .\n"
            "RUN pip install -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n", 1)[1]
    assert "apk add --no-cache libgfortran libstdc++" in runner  # sorted, as tally's sort-packages wants
    assert " g++" not in runner and " gfortran" not in runner


def test_a_slim_tag_that_was_never_published_is_not_used() -> None:
    """python:2.7-wheezy had no slim variant: the runtime keeps the builder's image, and says why."""
    text = "FROM python:2.7-wheezy\nRUN apt-get update && apt-get install -y gcc\nRUN pip install pyzmq\n" \
           "COPY app.py /app.py\nCMD [\"python\", \"/app.py\"]\n"
    result = refactor(text)
    assert result.changed, result.skipped
    assert "FROM python:2.7-slim-wheezy" not in result.text
    assert "FROM python:2.7-wheezy AS runner" in result.text
    assert any("python:2.7-slim-wheezy was never published" in c.message for c in result.changes)


def test_nothing_to_gain_on_a_full_image_whose_slim_tag_was_never_published_says_so() -> None:
    """python:2.7-wheezy is the full image: with no build-only package and no slim runtime to move to, the file is
    left alone because python:2.7-slim-wheezy was never published, not because the base is already slim."""
    text = "FROM python:2.7-wheezy\nRUN pip install pyzmq\nCOPY app.py /app.py\nCMD [\"python\", \"/app.py\"]\n"
    result = refactor(text)
    assert not result.changed
    assert "python:2.7-slim-wheezy was never published" in (result.skipped or "")
    assert "already slim" not in (result.skipped or "")


def test_a_gem_library_named_differently_by_release_on_an_unknown_release_is_not_guessed() -> None:
    """ruby:2.2.4 is jessie, which the data do not know: mysql2's library (libmariadb3 on bookworm,
    libmysqlclient20 on older releases) would be a guess that fails the build; and the -dev package the gem
    table names, default-libmysqlclient-dev, is not in xenial, so jessie may lack it too. Without a lock file,
    the builder lists what the installed gems really link to (ldd) and the runtime installs that list."""
    text = ("FROM ruby:2.2.4\nRUN apt-get update && apt-get install -y build-essential libpq-dev\n"
            "WORKDIR /app\nCOPY . .\nRUN bundle install\nCMD [\"bundle\", \"exec\", \"puma\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    builder, runner = result.text.split("FROM ruby:2.2.4-slim AS runner\n")
    assert "-exec ldd {} ';'" in builder and "/usr/local/bundle " in builder
    assert "COPY --from=builder /opt/runtime-packages /opt/runtime-packages\n" in runner
    assert "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages" in runner
    assert "libmysqlclient" not in runner and "libmariadb" not in runner and "-dev" not in runner
    notes = [c.message for c in result.changes]
    assert not any("in case the bundle has them" in n for n in notes)
    assert "Gemfile.lock is not in the build context and ruby:2.2.4's release is not in the data, where the " \
           "libraries of common gems with native extensions (behind default-libmysqlclient-dev) are named " \
           "differently across releases: so the run-time libraries are found in the builder by ldd, which lists " \
           "the packages whose shared libraries the installed gems link to, and the runtime, on the same release, " \
           "installs that list" in notes


def test_comments_inside_a_repeated_run_are_written_once() -> None:
    text = ("FROM ruby:3.2\nRUN apt-get update && apt-get install -y \\\n    # for postgres\n    libpq-dev \\\n"
            "    # for nokogiri\n    libxml2-dev\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\n"
            "COPY . .\nCMD [\"bundle\", \"exec\", \"puma\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert result.text.count("# for postgres") == 1 and result.text.count("# for nokogiri") == 1
    assert "libpq5" in result.text.split(" AS runner\n", 1)[1]


def test_an_install_made_lean_keeps_the_certificates_its_downloads_need() -> None:
    """curl with --no-install-recommends has no ca-certificates: the NodeSource script the runtime repeats
    would fail on https."""
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl gcc make\n"
            "RUN curl -sL https://deb.nodesource.com/setup_18.x | bash - && apt-get install -y nodejs\n"
            "WORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD [\"node\", \"dist/index.js\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n", 1)[1]
    assert "install -y --no-install-recommends ca-certificates curl &&" in runner  # sorted
    assert runner.count("ca-certificates") == 1


def test_the_runtime_runs_on_the_platform_the_builder_built_for() -> None:
    text = "FROM --platform=linux/amd64 python:3.11\nRUN apt-get update && apt-get install -y gcc\n" \
           "RUN pip install uwsgi\nCMD [\"uwsgi\"]\n"
    result = refactor(text)
    assert result.changed, result.skipped
    assert "FROM --platform=linux/amd64 python:3.11-slim AS runner\n" in result.text


@pytest.mark.parametrize(("builder", "runtime"), [("golang:alpine", "alpine:3"), ("golang:1.19-alpine", "alpine:3"),
                                                  ("golang:1.8-alpine3.6", "alpine:3.6")])
def test_an_alpine_toolchain_runs_on_plain_alpine_never_latest(builder: str, runtime: str) -> None:
    assert runtime_image(builder) == runtime
