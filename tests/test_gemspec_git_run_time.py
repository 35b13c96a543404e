"""Bundler run by the image (``bundle exec ...``) evaluates the Gemfile on each start, and its ``gemspec`` line the
app's gemspec, whose file list ``bundle gem`` writes as ```git ls-files -z```: Ruby raises ENOENT where there is
no git, and Bundler stops ("There was an error while loading `app.gemspec`: No such file or directory - git").
A file that copies a gemspec and runs Bundler keeps git in the runtime: Alpine's git it installs was dropped as a
build tool, and the full ruby image's git was missing on its slim variant."""

from __future__ import annotations

import pytest
from conftest import runner_stage

ALPINE = """\
FROM ruby:3.1-alpine
RUN apk add --no-cache build-base git
WORKDIR /app
COPY Gemfile Gemfile.lock {gemspec} ./
RUN bundle install
COPY . .
CMD {cmd}
"""

FULL = """\
FROM ruby:3.1
WORKDIR /app
COPY Gemfile Gemfile.lock {gemspec} ./
RUN bundle install
COPY . .
CMD {cmd}
"""

BUNDLE = '["bundle", "exec", "rackup"]'


@pytest.mark.parametrize("gemspec", ["*.gemspec", "app.gemspec"])
@pytest.mark.parametrize("image", [ALPINE, FULL])
def test_bundler_loading_a_gemspec_keeps_git(image: str, gemspec: str) -> None:
    runtime = runner_stage(image.format(gemspec=gemspec, cmd=BUNDLE))
    assert " git" in runtime, runtime


@pytest.mark.parametrize("image", [ALPINE, FULL])
def test_no_gemspec_or_no_bundler_leaves_git_out(image: str) -> None:
    assert " git" not in runner_stage(image.format(gemspec="config.ru", cmd=BUNDLE))
    assert " git" not in runner_stage(image.format(gemspec="app.gemspec", cmd='["ruby", "app.rb"]'))
