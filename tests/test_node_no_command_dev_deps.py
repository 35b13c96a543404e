"""A node image whose file sets no CMD or ENTRYPOINT and installs a CLI globally, which the runtime installs again
for `docker run`'s command: that command runs the project's CLI (`ng serve`, `gulp`), which loads the project's
dev dependencies (the local @angular/cli, gulp), so the builder does not prune them. rcos/docker-examples'
example04/frontend (node:8, `npm install -g @angular/cli`, `npm install`, a build, no CMD; its compose file runs
`ng serve`) was pruned, and `ng serve` would have found no local @angular/cli. Without such a CLI (the fixture
node-no-cmd: `docker run IMAGE node dist/main.js`), or with a CMD that runs no package script, the prune stays."""

from __future__ import annotations

from conftest import NODE_APP_FILES, context_of

from transformer import refactor

FILE = ("FROM node:18\nWORKDIR /app\n{cli}COPY package.json package-lock.json ./\n"
        "RUN npm ci\nCOPY . .\nRUN npm run build\n{cmd}")
CLI = "RUN npm install -g @angular/cli@15\n"
PRUNED = "RUN npm run build \\\n    && npm prune --omit=dev\n"


def _refactored(text: str) -> str:
    """The tool's output for ``text`` in the app's build context (its package.json)."""
    return refactor(text, read_context=context_of(NODE_APP_FILES)).text


def test_a_cli_left_to_docker_run_keeps_the_dev_dependencies() -> None:
    assert _refactored(FILE.format(cli=CLI, cmd="")) == (
        "FROM node:18 AS builder\nWORKDIR /app\nRUN npm install -g @angular/cli@15\n"
        "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\n"
        "FROM node:18-slim AS runner\nWORKDIR /app\nRUN npm install -g @angular/cli@15\n"
        "COPY --from=builder /app /app\n")


def test_yarn_global_counts_alike() -> None:
    text = _refactored(FILE.format(cli="RUN yarn global add gulp-cli@2.3.0\n", cmd=""))
    assert "prune" not in text, text


def test_no_cli_prunes_them() -> None:
    text = _refactored(FILE.format(cli="", cmd=""))
    assert PRUNED in text, text


def test_a_command_that_runs_no_package_script_prunes_them() -> None:
    text = _refactored(FILE.format(cli=CLI, cmd='CMD ["node", "dist/server.js"]\n'))
    assert PRUNED in text, text
