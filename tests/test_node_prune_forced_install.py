"""An npm install of named packages with --force (a package of another platform: `npm install --force
@img/sharp-linux-arm64` writes it into package.json) makes the tree a prune without --force refuses (EBADPLATFORM on
x64): the prune the builder adds repeats --force, as it does for the install of node_modules (rp19node
tuantransn2001/LoginForm-Backend: the rewrite did not build)."""

from __future__ import annotations

from transformer import refactor

FILE = """FROM node:18
WORKDIR /app
COPY package*.json ./
RUN npm install
RUN npm install {force}@img/sharp-linux-arm64
COPY . .
RUN npm run build
CMD ["node", "dist/main.js"]
"""


def _prune(force: str) -> str:
    result = refactor(FILE.format(force=force))
    assert result.changed, result.skipped
    return next(line for line in result.text.splitlines() if "npm prune" in line)


def test_a_forced_install_of_named_packages_is_pruned_with_force() -> None:
    assert "npm prune --omit=dev --force" in _prune("--force ")


def test_an_install_without_force_is_pruned_without() -> None:
    assert "--force" not in _prune("")
