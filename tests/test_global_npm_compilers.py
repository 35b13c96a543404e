"""A global npm install of a package the program runs (``npm install -g Haraka``, whose command the image's CMD
runs) ran, in the original image, with the compilers the file installed before it (g++, make, build-essential):
node-gyp builds the package's native modules with them. The runtime, which leaves the compilers in the builder, could
not build them again: on an official node image (Debian's, npm's global prefix /usr/local) the install runs as written
in the builder and is tracked, and the runtime copies what it added under /usr/local; elsewhere the file is left
alone with that reason and why it is not tracked. A package of JavaScript only (pm2) is installed again as before."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason, stages

FILE = """FROM node:18
RUN apt-get update && apt-get install -y {compilers} supervisor
RUN npm install -g {package}
WORKDIR /srv/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["{command}", "-c", "/srv/app"]
"""

@pytest.mark.parametrize("compilers", ["g++ make", "build-essential"])
def test_a_global_install_with_native_modules_is_tracked_on_an_official_node_image(compilers: str) -> None:
    builder, runner = stages(FILE.format(compilers=compilers, package="Haraka", command="haraka"))
    assert ("RUN mkdir -p /opt/staged && touch /tmp/install.stamp && sleep 1 && npm install -g Haraka && "
            "{ find /usr/local -cnewer /tmp/install.stamp") in builder, builder
    # npm's cache and node-gyp's headers are left out of the check, which stops the build on any other write
    assert ("-path /root/.cache/node-gyp -o -path /root/.node-gyp -o -path /root/.npm -o -path /tmp -o "
            "-path /usr/local -o -path /var/tmp \\) -prune -o -cnewer /tmp/install.stamp") in builder, builder
    assert "COPY --from=builder /opt/staged /\n" in runner, runner
    assert "npm install -g" not in runner and "g++" not in runner and "build-essential" not in runner, runner


@pytest.mark.parametrize(("change", "why"), [
    (("FROM node:18", "FROM node:18-alpine"), "node:18-alpine may not have it (its find is busybox's"),
    (("FROM node:18", "FROM ubuntu:22.04"), "the tool tracks a global install only on the official node images"),
    (("RUN npm install -g", "USER node\nRUN npm install -g"), "the stage runs it as node, not root"),
    (("-g Haraka", "-g --prefix /opt/npm Haraka"), "npm's global prefix is given by --prefix"),
    (("RUN npm install -g", "ENV NPM_CONFIG_PREFIX=/opt/npm\nRUN npm install -g"), "npm's global prefix is /opt/npm"),
    # an update of npm itself: the files it deletes from the image's own npm would stay in the runtime's
    (("-g Haraka", "-g npm@10 Haraka"), "it also updates npm, which the node image has installed globally"),
])
def test_a_global_install_with_native_modules_that_cannot_be_tracked_is_not_repeated(change: tuple[str, str],
                                                                                      why: str) -> None:
    reason = skip_reason(FILE.format(compilers="g++ make", package="Haraka", command="haraka").replace(*change))
    assert "would install again without the compilers the file installs before it (g++, make)" in reason, reason
    assert "; not tracked either: " in reason and why in reason, reason


def test_a_global_install_of_javascript_only_is_repeated() -> None:
    runner = runner_stage(FILE.format(compilers="g++ make", package="pm2", command="pm2-runtime"))
    assert "npm install -g pm2" in runner and "g++" not in runner, runner


NODE_GYP = """FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN apt-get update && apt-get install -y g++ make
RUN npm install -g node-gyp
RUN npm install
COPY . .
CMD ["npm", "start"]
"""


def test_a_global_node_gyp_stays_in_the_builder_with_the_compilers() -> None:
    """node-gyp builds native addons with the compilers, which the runtime leaves in the builder: it is a build tool
    even when the program runs a package script, not a global install the runtime repeats (nor a reason to skip)."""
    runner = runner_stage(NODE_GYP)
    assert "node-gyp" not in runner and "g++" not in runner, runner
    assert "COPY --from=builder /app/node_modules /app/node_modules" in runner, runner
