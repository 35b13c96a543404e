"""A node image whose file sets no CMD or ENTRYPOINT leaves the command to `docker run` (or a compose file's
`command:`), which may run a package script or a development tool that loads the dev dependencies: the builder
does not prune them. rcos/docker-examples' example04/frontend (node:8, `npm install -g @angular/cli`, `npm
install`, a build, no CMD; its compose file runs `ng serve`, whose local @angular/cli is a dev dependency) was
pruned, and its `ng serve` would have found none. With a CMD that runs no package script the prune stays."""

from __future__ import annotations

from transformer import refactor

FILE = ("FROM node:18\nWORKDIR /app\nRUN npm install -g @angular/cli@15\nCOPY package.json package-lock.json ./\n"
        "RUN npm ci\nCOPY . .\nRUN npm run build\n{cmd}")


def test_no_command_keeps_the_dev_dependencies() -> None:
    assert refactor(FILE.format(cmd="")).text == (
        "FROM node:18 AS builder\nWORKDIR /app\nRUN npm install -g @angular/cli@15\n"
        "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\n"
        "FROM node:18-slim AS runner\nWORKDIR /app\nRUN npm install -g @angular/cli@15\n"
        "COPY --from=builder /app /app\n")


def test_a_command_that_runs_no_package_script_prunes_them() -> None:
    text = refactor(FILE.format(cmd='CMD ["node", "dist/server.js"]\n')).text
    assert "RUN npm run build \\\n    && npm prune --omit=dev\n" in text, text
