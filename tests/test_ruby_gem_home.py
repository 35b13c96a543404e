"""Gems into a Ruby the file installs with the system's package manager (Alpine's, whose gems' commands land
in /usr/bin among the system's own; a distribution's on an image the tool does not know, such as
phusion/baseimage): the builder sets GEM_HOME=/opt/gems before the first gem or bundle install, the runtime
(the same image without the build packages, with the distribution's Ruby) copies only that folder, and bundler's
settings for the app (.bundle, which remembers --without). And the files where that would not be right, left
alone with the cause (a Ruby an image keeps with RVM or its own GEM_HOME, gems installed as another user,
a command named where the gem would have put it).

No gem registry is reachable here, so these are before/after texts only: no e2e build."""

from __future__ import annotations

import pytest
from conftest import USER_BASE_BIN, USER_BASE_BUILDER_ENV, USER_BASE_COPY, USER_BASE_RUNTIME_ENV
from output_checks import fold_ldd

from transformer import refactor

ENV = 'ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"'

ALPINE = """\
FROM alpine:3.18
RUN apk add --no-cache ruby ruby-dev build-base libxml2-dev
WORKDIR /app
RUN gem install --no-document nokogiri
COPY . /app
CMD ["ruby", "app.rb"]
"""


def test_alpine_ruby_gem_install_goes_to_its_own_gem_home() -> None:
    assert refactor(ALPINE).text == """\
FROM alpine:3.18 AS builder
RUN apk add --no-cache ruby ruby-dev build-base libxml2-dev
WORKDIR /app
ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"
RUN gem install --no-document nokogiri
COPY . /app

FROM alpine:3.18 AS runner
RUN apk add --no-cache ruby libstdc++ libxml2
WORKDIR /app
ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"
COPY --from=builder /opt/gems /opt/gems
COPY . /app
CMD ["ruby", "app.rb"]
"""


PHUSION = """\
FROM phusion/baseimage:0.11
RUN apt-get update && apt-get install -y ruby ruby-dev build-essential libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR /home/app
COPY Gemfile Gemfile.lock ./
RUN gem install bundler && bundle install --without development test
COPY . /home/app
CMD ["bundle", "exec", "puma", "-p", "3000"]
"""


def test_phusion_baseimage_with_apt_ruby_and_bundle_install() -> None:
    assert fold_ldd(refactor(PHUSION).text) == """\
FROM phusion/baseimage:0.11 AS builder
RUN apt-get update && apt-get install -y ruby ruby-dev build-essential libpq-dev \\
    && rm -rf /var/lib/apt/lists/*
WORKDIR /home/app
COPY Gemfile Gemfile.lock ./
ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"
RUN gem install bundler && bundle install --without development test \\
    && mkdir -p /home/app/.bundle \\
    && {LIST}
COPY . /home/app

FROM phusion/baseimage:0.11 AS runner
RUN apt-get update && apt-get install -y --no-install-recommends ruby \\
    && rm -rf /var/lib/apt/lists/*
COPY --from=builder /opt/runtime-packages /opt/runtime-packages
{INSTALL}
WORKDIR /home/app
ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"
COPY --from=builder /opt/gems /opt/gems
COPY --from=builder /home/app/.bundle /home/app/.bundle
COPY . /home/app
CMD ["bundle", "exec", "puma", "-p", "3000"]
"""


def test_ruby_dev_alone_brings_ruby_to_the_runtime() -> None:
    text = ALPINE.replace("apk add --no-cache ruby ruby-dev", "apk add --no-cache ruby-dev")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert "ruby" in runtime.split("COPY")[0]
    assert ENV in runtime


def test_node_image_with_debian_ruby_uses_gem_home_instead_of_usr_local() -> None:
    text = """\
FROM node:18
RUN apt-get update && apt-get install -y ruby-full
RUN gem install sass
COPY . /app
CMD ["node", "/app/server.js"]
"""
    result = refactor(text)
    assert result.changed, result.skipped
    assert "COPY --from=builder /opt/gems /opt/gems" in result.text
    assert "/usr/local/bin" not in result.text


def test_bundle_install_system_goes_to_gem_home_too() -> None:
    """bundler's --system installs into rubygems' own folder, GEM_HOME when it is set."""
    text = ALPINE.replace("gem install --no-document nokogiri", "bundle install --system")
    result = refactor(text)
    assert result.changed, result.skipped
    assert ENV + "\nRUN bundle install --system" in result.text
    assert "COPY --from=builder /opt/gems /opt/gems" in result.text


def test_a_virtual_environment_and_the_gem_home_share_the_stage() -> None:
    """pip's folder and the gems' are set up each before its own first install, each copied and each set in the
    runtime's ENV (before, the second was refused: one such folder per stage)."""
    text = ALPINE.replace("ruby-dev build-base", "ruby-dev build-base py3-pip") \
        .replace("RUN gem install", "RUN pip install flask\nRUN gem install")
    assert refactor(text).text == """\
FROM alpine:3.18 AS builder
RUN apk add --no-cache ruby ruby-dev build-base py3-pip libxml2-dev
WORKDIR /app
RUN python3 -m venv --system-site-packages /opt/venv
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
RUN pip install flask
ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"
RUN gem install --no-document nokogiri
COPY . /app

FROM alpine:3.18 AS runner
RUN apk add --no-cache ruby libstdc++ py3-pip libxml2
RUN apk add --no-cache python3
WORKDIR /app
ENV VIRTUAL_ENV=/opt/venv PATH="/opt/venv/bin:$PATH"
ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /opt/gems /opt/gems
COPY . /app
CMD ["ruby", "app.rb"]
"""


def test_the_user_base_and_the_gem_home_set_up_before_one_run() -> None:
    """One RUN installs into both (an image the tool does not know: pip's user base and GEM_HOME): the builder sets
    both before it, pip's first, as the RUN's commands come; the runtime's PATH has both commands' folders."""
    text = PHUSION.replace("libpq-dev", "python3-pip") \
        .replace("RUN gem install bundler && bundle install --without development test",
                 "RUN pip3 install awscli && gem install sass") \
        .replace('CMD ["bundle", "exec", "puma", "-p", "3000"]', 'CMD ["sass", "--watch", "app"]') \
        .replace("COPY Gemfile Gemfile.lock ./\n", "")
    result = refactor(text)
    builder, _, runtime = result.text.partition(" AS runner")
    assert (f"WORKDIR /home/app\n{USER_BASE_BUILDER_ENV}\n{ENV}\nRUN pip3 install awscli && gem install sass"
            f"{USER_BASE_BIN}\n" in builder)
    assert runtime.endswith(f"WORKDIR /home/app\n{USER_BASE_RUNTIME_ENV}\n{ENV}\n{USER_BASE_COPY}\n"
                            "COPY --from=builder /opt/python/bin/ /usr/local/bin/\n"
                            "COPY --from=builder /opt/gems /opt/gems\nCOPY . /home/app\n"
                            'CMD ["sass", "--watch", "app"]\n')
    assert "apt-get install -y --no-install-recommends ruby python3 " in runtime


@pytest.mark.parametrize(("text", "cause"), [
    ("FROM phusion/passenger-ruby22\nCOPY . /home/app\nWORKDIR /home/app\nRUN bundle install\n"
     "CMD [\"/sbin/my_init\"]\n",
     "RVM"),
    ("FROM jekyll/jekyll\nCOPY Gemfile .\nRUN bundle install --quiet --clean\nCMD [\"jekyll\", \"serve\"]\n",
     "sets GEM_HOME"),
    ("FROM acme/app-base:2\nRUN apk add --no-cache build-base\nRUN gem install puma\nCMD [\"puma\"]\n",
     "no system package install before line 3 brings Ruby"),
    (ALPINE.replace("WORKDIR /app\n", "WORKDIR /app\nUSER app\n"), "runs as app"),
    (PHUSION.replace("phusion/baseimage:0.11", "acme/rails-base:1"), "acme/rails-base:1 has a Ruby of its own"),
    (PHUSION.replace("RUN gem install bundler && ", "RUN bundle config without test && "),
     "sets bundler's `config without test` in root's own settings"),
    (ALPINE.replace('CMD ["ruby", "app.rb"]', 'CMD ["/usr/bin/nokogiri", "x.html"]'),
     "names /usr/bin/nokogiri, where a gem's command would be"),
    (ALPINE.replace('CMD ["ruby", "app.rb"]', 'CMD ["sudo", "-u", "app", "ruby", "app.rb"]'), "`sudo`"),
])
def test_left_alone_with_the_cause(text: str, cause: str) -> None:
    result = refactor(text)
    assert not result.changed, result.text
    assert cause in (result.skipped or "")
