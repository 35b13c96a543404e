"""An image whose command runs the project's tests needs what the tests need (dev dependencies, which the runtime
prunes, the build's tools): the file is left alone, "tests at run time". ``python -m pytest`` and ``npm test``
were; ``pytest`` itself, ``npm run test``, ``yarn test``, ``bundle exec rake spec`` (26f1bd90), ``rspec``, ``tox``
(42fb28ac), ``python -m unittest``, ``phpunit`` and ``ginkgo`` (6f74fe4a) were not, and their runtime lacked the
dev dependencies; nor ``rake`` without a task (40d89c52, 2f8ba2d1), whose default task is the tests in a gem's
and a Rails app's Rakefile; nor Codeception's ``codecept`` (55d8d1d8's test-runner image), Behat, Vitest, Karma,
``rails test``; nor such a command run by a wrapper (``tini -- pytest``)."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

PYTHON = """\
FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
CMD {cmd}
"""

NODE = """\
FROM node:18
WORKDIR /app
COPY . .
RUN npm ci && npm run build
CMD {cmd}
"""

GO = """\
FROM golang:1.21
WORKDIR /go/src/app
COPY . .
RUN go mod download && go build
ENTRYPOINT {cmd}
"""

PHP = """\
FROM php:8.2-cli
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y git unzip libzip-dev && docker-php-ext-install zip
RUN composer install
ENTRYPOINT {cmd}
"""

RUBY = """\
FROM ruby:3.2
WORKDIR /gem
COPY . /gem
RUN bundle install
CMD {cmd}
"""


@pytest.mark.parametrize(("file", "cmd"), [
    (PYTHON, '["pytest"]'), (PYTHON, "py.test -x"), (PYTHON, '["tox"]'), (PYTHON, '["python", "-m", "unittest"]'),
    (PYTHON, '["python", "-m", "pytest"]'),
    (NODE, '["npm", "run", "test"]'), (NODE, '["yarn", "test"]'), (NODE, '["npm", "test"]'), (NODE, '["jest"]'),
    (GO, "ginkgo -v -r services/event_executor"),
    (RUBY, "bundle exec rake spec"), (RUBY, '["rspec"]'), (RUBY, '["bundle", "exec", "rspec"]'), (RUBY, "rake test"),
    (RUBY, "rake"), (RUBY, '["bundle", "exec", "rake"]'),
    (PHP, '["codecept"]'), (PHP, '["vendor/bin/behat"]'), (NODE, '["vitest", "run"]'), (NODE, '["karma", "start"]'),
    (RUBY, '["rails", "test"]'),
    # a wrapper runs the command after it
    (PYTHON, '["tini", "--", "pytest"]'),
])
def test_a_command_that_runs_the_tests_leaves_the_file_alone(file: str, cmd: str) -> None:
    assert "tests at run time" in skip_reason(file.format(cmd=cmd))


@pytest.mark.parametrize(("file", "cmd"), [
    (PYTHON, '["python", "app.py"]'), (NODE, '["npm", "run", "start"]'), (RUBY, "bundle exec rake jobs:work"),
    (RUBY, "rake jobs:work"), (RUBY.replace("CMD {cmd}", "ENTRYPOINT {cmd}"), '["rake"]'),
])
def test_a_command_that_runs_the_app_changes_the_file(file: str, cmd: str) -> None:
    assert runner_stage(file.format(cmd=cmd))


@pytest.mark.parametrize("cmd", ['["rails", "c"]', "bundle exec rails console"])
def test_a_rails_console_is_a_development_image(cmd: str) -> None:
    """``rails c`` (7fa1ca7e) is Rails' REPL: its user types code that may need anything the build installed."""
    assert "an interactive console (Rails' REPL)" in skip_reason(RUBY.format(cmd=cmd))


def test_go_run_under_a_wrapper_compiles_at_run_time() -> None:
    assert "`go run` compiles at run time" in skip_reason(GO.replace("ENTRYPOINT", "CMD").format(
        cmd="exec gosu app go run ."))
