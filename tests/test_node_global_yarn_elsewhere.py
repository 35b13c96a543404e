"""`npm i -g yarn` on an image other than the official node ones (ruby, with Debian's or NodeSource's npm) installs a
command the image did not have, not an update of the image's own yarn: where the image's command runs a script the
tool does not read (an entrypoint.sh), the program may run it, and the runtime installs it again. Found on dev
2d629af356d3 (ruby:2.6.2, NodeSource's nodejs, `RUN npm i -g yarn`, ENTRYPOINT ["entrypoint.sh"], CMD ["./start"]),
whose runtime had no yarn."""

from __future__ import annotations

from conftest import runner_stage

FILE = ("FROM ruby:3.2\nRUN apt-get update && apt-get install -y nodejs npm\nRUN npm i -g {tool}\nWORKDIR /app\n"
        "COPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\n{cmd}\n")
SCRIPT = 'COPY entrypoint.sh /usr/bin/\nENTRYPOINT ["entrypoint.sh"]\nCMD ["./start"]'


def test_yarn_installed_with_debians_npm_is_installed_again_where_a_script_may_run_it() -> None:
    runtime = runner_stage(FILE.format(tool="yarn", cmd=SCRIPT))
    assert "RUN npm i -g yarn\n" in runtime
    assert "apt-get install -y --no-install-recommends nodejs npm" in runtime


def test_yarn_stays_in_the_builder_where_the_command_is_known_not_to_run_it() -> None:
    runtime = runner_stage(FILE.format(tool="yarn", cmd='CMD ["bundle", "exec", "rails", "server"]'))
    assert "-g yarn" not in runtime


def test_updating_debians_npm_stays_in_the_builder() -> None:
    assert "-g npm" not in runner_stage(FILE.format(tool="npm@10", cmd=SCRIPT))
