"""node_modules that pnpm installed are pruned by pnpm, whichever command builds the app, and those yarn installed
are not pruned (npm's prune fails on a peer dependency yarn let stay unmet): ``npm prune`` fails on
pnpm's store of symlinks (``Cannot set properties of null (setting 'peer')``), so a build by ``npx tsc`` or
``npm run build`` after ``pnpm install`` broke the builder where the original built."""

from __future__ import annotations

import pytest
from conftest import stages

FILE = ("FROM node:18\nRUN npm i -g pnpm\nWORKDIR /app\nCOPY . .\n{install}\n{build}\n"
        "CMD [\"node\", \"dist/index.js\"]\n")


@pytest.mark.parametrize("build", ["RUN npx tsc", "RUN npm run build", "RUN npx vite build"])
def test_pnpm_install_is_pruned_by_pnpm(build: str) -> None:
    builder, _ = stages(FILE.format(install="RUN pnpm install --frozen-lockfile", build=build))
    assert "pnpm prune --prod" in builder, builder
    assert "npm prune" not in builder.replace("pnpm prune", ""), builder


def test_npm_installs_keep_npm_prune() -> None:
    builder, _ = stages(FILE.format(install="RUN npm ci", build="RUN npx tsc"))
    assert "npm prune --omit=dev" in builder, builder


@pytest.mark.parametrize("install", ["RUN yarn install --frozen-lockfile", "RUN yarn"])
@pytest.mark.parametrize("build", ["RUN npx tsc", "RUN npm run build"])
def test_yarn_installs_are_not_pruned_by_npm(install: str, build: str) -> None:
    """npm's prune resolves a yarn tree again and fails (ERESOLVE) on a peer dependency yarn let stay unmet: the
    builder prunes nothing, as after ``yarn build``."""
    builder, _ = stages(FILE.format(install=install, build=build))
    assert "prune" not in builder, builder
