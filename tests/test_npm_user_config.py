"""``npm config set`` (``npm set``) writes the user's settings file (~/.npmrc), which the original image keeps
and npm reads whenever it runs there: ``npm config set
production`` (0ff31b23) has npm 6 and older run ``npm start`` with NODE_ENV=production, ``unsafe-perm true`` runs
the scripts as root, a registry serves the installs. The runtime copies the file; it had none."""

from __future__ import annotations

import pytest
from conftest import runner_stage

APP = """\
FROM node:18
WORKDIR /code
COPY package.json /code/package.json
RUN {config} && npm install
COPY . /code
CMD ["npm", "start"]
"""


@pytest.mark.parametrize(("config", "path"), [
    ("npm config set production", "/root/.npmrc"),
    ("npm set unsafe-perm true", "/root/.npmrc"),
    ("npm config set registry https://registry.example.com --userconfig /etc/app.npmrc", "/etc/app.npmrc"),
])
def test_the_runtime_copies_the_settings_npm_config_set_writes(config: str, path: str) -> None:
    runtime = runner_stage(APP.format(config=config))
    assert f"COPY --from=builder {path} {path}\n" in runtime, runtime


def test_yarn_s_settings_are_not_guessed() -> None:
    # yarn 1 writes ~/.yarnrc, yarn 2 and later the project's .yarnrc.yml: a COPY of the wrong one stops the build
    runtime = runner_stage(APP.format(config="yarn config set registry https://registry.example.com"))
    assert ".yarnrc" not in runtime, runtime


def test_a_setting_of_npm_s_global_file_is_no_user_s_file() -> None:
    runtime = runner_stage(APP.format(config="npm config set -g production"))
    assert "/root/.npmrc" not in runtime, runtime


def test_a_settings_file_a_later_step_deletes_is_not_copied() -> None:
    runtime = runner_stage(APP.format(config="npm config set production").replace(
        "npm install", "npm install && rm /root/.npmrc"))
    assert ".npmrc" not in runtime, runtime
