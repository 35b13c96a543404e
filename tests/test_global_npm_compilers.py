"""A global npm install the runtime repeats (``npm install -g Haraka``, whose command the program runs) ran, in the
original image, with the compilers the file installed before it (g++, make, build-essential): node-gyp builds the
package's native modules with them. The runtime, which leaves the compilers in the builder, could not build them
again, so the file is left alone with that reason; a package of JavaScript only (pm2) is installed again as before."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

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
def test_a_global_install_with_native_modules_is_not_repeated_without_the_compilers(compilers: str) -> None:
    reason = skip_reason(FILE.format(compilers=compilers, package="Haraka", command="haraka"))
    assert "would install again without the compilers the file installs before it" in reason, reason


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
