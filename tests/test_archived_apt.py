"""A runtime that would run apt on a release apt no longer finds, where the original runs none: python:2.7-slim is
built on buster, node:8-slim on stretch, ruby:2.2-slim on jessie (the chain of official bases says so), whose
packages deb.debian.org no longer serves: the runtime's `apt-get update` fails (exit 100, "does not have a Release
file") where the original, which only ran pip, npm or bundler, builds (a reviewer's find: ruby:2.2-slim's listed
libraries, dev 4f96dd23). The file is left alone, naming the release."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer.distro import archived_release

PSYCOPG = """FROM {image}
WORKDIR /app
RUN pip install psycopg2==2.8.6
COPY . .
CMD ["python", "app.py"]
"""


@pytest.mark.parametrize(("image", "release"), [("python:2.7-slim", "buster"), ("node:8-slim", "stretch"),
                                                ("ruby:2.2-slim", "jessie"), ("python:3.6-slim-stretch", "stretch"),
                                                ("debian:jessie-slim", "jessie"), ("ubuntu:15.04", "15.04"),
                                                ("ubuntu:zesty", "zesty")])
def test_the_release_of_an_archived_image_is_found_through_its_bases(image: str, release: str) -> None:
    assert archived_release(image) == release


@pytest.mark.parametrize("image", ["python:3.6-slim", "python:3.11-slim", "node:18-slim", "debian:bookworm-slim",
                                   "ubuntu:16.04", "ubuntu:24.04", "ubuntu:trusty", "alpine:3.8"])
def test_a_release_apt_still_finds_is_not_archived(image: str) -> None:
    assert archived_release(image) is None


def test_a_listing_on_an_archived_runtime_where_the_file_runs_no_apt_becomes_a_copy() -> None:
    # the builder copies the libraries (tests/test_archived_release_libraries.py), the runtime runs no apt
    runtime = runner_stage(PSYCOPG.format(image="python:2.7"))
    assert "FROM python:2.7-slim" in runtime and "COPY --from=builder /opt/runtime-libraries/ /" in runtime
    assert "apt-get" not in runtime


def test_a_file_that_runs_apt_itself_is_rewritten_as_before() -> None:
    text = PSYCOPG.format(image="python:2.7").replace(
        "RUN pip", "RUN apt-get update && apt-get install -y libpq-dev gcc\nRUN pip")
    assert "apt-get" in runner_stage(text)


def test_the_same_file_on_a_current_release_is_rewritten() -> None:
    assert "apt-get install -y --no-install-recommends libpq5" in runner_stage(PSYCOPG.format(image="python:3.11"))
