"""The prune of the dev dependencies where the image's command runs a shell script of the build context
(rp26bots MuhammadZeeshanYousaf/workbot-slack: `CMD ["sh", "init.sh"]`, whose `exec npm start` runs `node -r
ts-node/register/transpile-only ./dist`): the tool read no further than `sh`, pruned, and the rewrite died with
"Cannot find module 'ts-node/register/transpile-only'". The script's commands are read as the image's own: the
prune follows what they run, and where the script cannot be read the dev dependencies stay."""

from __future__ import annotations

import json

from conftest import context_of

from transformer import refactor

FILE = """FROM node:18
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
CMD ["sh", "init.sh"]
"""

PRUNE = "npm prune --omit=dev"


def _files(script: str, start: str) -> dict[str, str]:
    doc = {"name": "bot", "scripts": {"build": "tsc", "start": start},
           "dependencies": {"@slack/bolt": "^3.0.0"}, "devDependencies": {"ts-node": "^10.0.0", "typescript": "^5"}}
    return {"package.json": json.dumps(doc), "package-lock.json": "{}", "init.sh": script, "src/index.ts": ""}


def test_a_script_that_runs_npm_start_keeps_what_the_start_script_loads() -> None:
    files = _files("#!/bin/sh\nif [ \"$APP_ENV\" = prod ]; then\n  exec npm start\nfi\n",
                   "node -r ts-node/register/transpile-only ./dist")
    result = refactor(FILE, read_context=context_of(files))
    assert result.changed, result.skipped
    assert PRUNE not in result.text, result.text
    assert any("dev dependencies stay" in c.message for c in result.changes), [c.message for c in result.changes]


def test_a_script_that_runs_the_built_app_with_node_still_prunes() -> None:
    files = _files("#!/bin/sh\necho starting\nexec node dist/index.js\n", "node dist/index.js")
    result = refactor(FILE, read_context=context_of(files))
    assert result.changed and PRUNE in result.text, result.text


def test_a_script_the_context_does_not_give_keeps_them() -> None:
    files = _files("", "node dist/index.js")
    del files["init.sh"]
    result = refactor(FILE, read_context=context_of(files))
    assert result.changed and PRUNE not in result.text, result.text
    assert any("init.sh, a shell script the tool does not read" in c.message for c in result.changes)
