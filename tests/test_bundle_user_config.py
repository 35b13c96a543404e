"""``bundle config [set] NAME VALUE`` without ``--local`` writes the user's settings (~/.bundle/config;
BUNDLE_USER_CONFIG, BUNDLE_USER_HOME), which ``bundle exec`` reads at run time: ``without "development test"``
(6911be2a) keeps bundler from requiring the groups the install left out, ``frozen`` (2f0492a4) the lock as it is.
The runtime copies the file; without it, ``bundle exec puma`` looked for the development gems and stopped."""

from __future__ import annotations

import pytest
from conftest import runner_stage

APP = """\
FROM ruby:3.2
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN {config} && bundle install
COPY . .
CMD ["bundle", "exec", "puma"]
"""


@pytest.mark.parametrize(("config", "path"), [
    ('bundle config set without "development test"', "/root/.bundle/config"),
    ("bundle config --global frozen 1", "/root/.bundle/config"),
    ("bundle config without development:test", "/root/.bundle/config"),
])
def test_the_runtime_copies_the_user_s_bundler_settings(config: str, path: str) -> None:
    runtime = runner_stage(APP.format(config=config))
    assert f"COPY --from=builder {path} {path}\n" in runtime, runtime


def test_the_app_s_own_settings_are_copied_with_the_gems() -> None:
    # --local writes BUNDLE_APP_CONFIG (/usr/local/bundle on the official image), which the runtime copies already
    runtime = runner_stage(APP.format(config='bundle config set --local without "development test"'))
    assert "/root/.bundle" not in runtime and "COPY --from=builder /usr/local/bundle /usr/local/bundle" in runtime, \
        runtime
