"""``ionic serve`` / ``ionic lab`` as the image's command is Ionic's development server (4c42baff: an Ionic and
Cordova image on ubuntu with build-essential, ant and the Android SDK, ``CMD ["ionic", "lab"]``, port 35729 for
live reload): it builds the app from its sources when it starts, with the tools the file installs, so the file is
left alone saying so, as for ``npm run dev``; a command that runs the built app is no such server."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

NODE = """\
FROM node:18
RUN apt-get update && apt-get install -y build-essential && npm install -g ionic@7 cordova@12
WORKDIR /app
COPY . .
RUN npm ci
{last}
"""


@pytest.mark.parametrize("last", ['CMD ["ionic", "lab"]', "CMD ionic serve --address 0.0.0.0"])
def test_ionic_development_server_leaves_the_file_alone(last: str) -> None:
    assert "Ionic's development server" in skip_reason(NODE.format(last=last))


def test_a_command_that_runs_the_app_changes_the_file() -> None:
    assert runner_stage(NODE.format(last='CMD ["node", "server.js"]'))
