"""An npm install that accepted conflicting peer dependencies (``--force``, ``--legacy-peer-deps``) is pruned with
the same options: ``npm prune --omit=dev`` alone resolves the tree again and stops (ERESOLVE) where the install went
on, so the builder broke where the original built (a Next.js app installed with ``npm install --force``)."""

from __future__ import annotations

import pytest
from conftest import NODE_APP_FILES, stages

FILE = "FROM node:18\nWORKDIR /app\nCOPY . .\n{install}\nRUN npm run build\nCMD [\"node\", \"dist/index.js\"]\n"


@pytest.mark.parametrize(("install", "prune"), [
    ("RUN npm install --force", "npm prune --omit=dev --force"),
    ("RUN npm i -f", "npm prune --omit=dev --force"),
    ("RUN npm install --legacy-peer-deps", "npm prune --omit=dev --legacy-peer-deps"),
    ("RUN npm ci --legacy-peer-deps=true", "npm prune --omit=dev --legacy-peer-deps"),
    ("RUN npm install --legacy-peer-deps --force", "npm prune --omit=dev --legacy-peer-deps --force"),
])
def test_prune_repeats_the_install_peer_options(install: str, prune: str) -> None:
    builder, _ = stages(FILE.format(install=install), NODE_APP_FILES)
    assert f"&& {prune}\n" in builder + "\n", builder


@pytest.mark.parametrize("install", ["RUN npm install", "RUN npm ci", "RUN npm install --legacy-peer-deps=false"])
def test_prune_of_a_plain_install_has_no_peer_options(install: str) -> None:
    builder, _ = stages(FILE.format(install=install), NODE_APP_FILES)
    assert "npm prune --omit=dev\n" in builder + "\n", builder
    assert "--force" not in builder.split("npm prune", 1)[1] and "peer" not in builder.split("npm prune", 1)[1]


def test_old_npm_prune_has_no_peer_options() -> None:
    """npm 6 (Node.js 14) does not resolve peer dependencies: its `--production` prune stays as it was."""
    text = FILE.replace("node:18", "node:14").format(install="RUN npm install --force")
    builder, _ = stages(text, NODE_APP_FILES)
    assert "npm prune --production\n" in builder + "\n", builder
