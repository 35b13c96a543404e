"""A package manager's install the image runs at its start (``CMD ["sh", "-c", "npm ci && node index.js"]``) reads the
lock file that the build's install wrote where the build context has none (npm install: package-lock.json; yarn:
yarn.lock; pnpm: pnpm-lock.yaml). The runtime copied node_modules alone, without it, and `npm ci` stopped there ("can
only install with an existing package-lock.json"): it copies the app's folder whole, with the lock file, as the
install left it. A command that installs nothing at start keeps the copy of node_modules alone."""

from __future__ import annotations

import pytest
from conftest import stages

FILE = """FROM node:18
WORKDIR /app
COPY package.json ./
RUN {install}
COPY index.js ./
CMD {cmd}
"""


@pytest.mark.parametrize(("install", "cmd"), [
    ("npm install", '["sh", "-c", "npm ci && node index.js"]'),
    ("npm install", '["npm", "install"]'),
    ("yarn install", '["sh", "-c", "yarn && node index.js"]'),
    ("pnpm install", '["sh", "-c", "pnpm install --prod && node index.js"]'),
])
def test_the_runtime_gets_the_lock_file_the_install_at_start_reads(install: str, cmd: str) -> None:
    _, runner = stages(FILE.format(install=install, cmd=cmd))
    assert "COPY --from=builder /app /app\n" in runner, runner
    assert "/app/node_modules" not in runner, runner


@pytest.mark.parametrize("cmd", ['["node", "index.js"]', '["npm", "start"]', '["sh", "-c", "npm run migrate"]'])
def test_a_command_that_installs_nothing_keeps_the_copy_of_node_modules(cmd: str) -> None:
    _, runner = stages(FILE.format(install="npm install", cmd=cmd))
    assert "COPY --from=builder /app/node_modules /app/node_modules\n" in runner, runner
