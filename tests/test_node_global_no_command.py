"""A global install of a build tool's CLI (`npm install -g ember-cli`, gulp, bower) in a file that sets no CMD or
ENTRYPOINT: the command is the one `docker run IMAGE ember server` gives, which may be that CLI (dev file 75fbd19e:
ember-cli and watchman, EXPOSE 4200 and 35729, ember server's ports; its runtime installed phantomjs again but not
ember-cli). The runtime installs it again; with a CMD that does not run it, it stays in the builder."""

from __future__ import annotations

from conftest import stages as _stages

FILE = ("FROM node:18\nRUN npm install -g ember-cli\nCOPY . /app\nWORKDIR /app\nRUN npm ci\nEXPOSE 4200\n{cmd}")


def test_no_command_installs_the_cli_again() -> None:
    _, runtime = _stages(FILE.format(cmd=""))
    assert "npm install -g ember-cli" in runtime, runtime


def test_a_command_that_does_not_run_it_leaves_it_in_the_builder() -> None:
    _, runtime = _stages(FILE.format(cmd='CMD ["node", "server.js"]\n'))
    assert "ember-cli" not in runtime, runtime


def test_an_image_whose_own_command_is_a_server_leaves_it_in_the_builder() -> None:
    # nginx's own command serves the site bower's packages went into: no one runs bower there
    _, runtime = _stages("FROM nginx\nRUN apt-get update && apt-get install -y npm git\nRUN npm install -g bower\n"
                         "COPY bower.json /tmp/\nRUN cd /tmp && bower install --allow-root\n"
                         "COPY . /usr/share/nginx/html\nRUN cp -R /tmp/bower_components /usr/share/nginx/html\n")
    assert "npm install -g bower" not in runtime, runtime
