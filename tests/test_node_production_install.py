"""An install of node_modules that leaves the dev dependencies out (`npm install --production`, NODE_ENV=production
from an ENV or an ARG's default) has none for the builder to prune, and none that "stay": the note said so of files
whose node_modules was production-only (read32 4a0077b2: the build, `rm -rf node_modules`, then `npm install
--production`; 6 more dev rewrites)."""

from __future__ import annotations

import pytest

from transformer import refactor

REBUILT = """FROM node:18
WORKDIR /usr/src/app
COPY . ./
RUN npm install
RUN npm run build
RUN rm -rf node_modules
RUN npm install --production
EXPOSE 3000
CMD ["npm", "run", "start:production"]
"""

FROM_ARG = """FROM node:18
ARG NODE_ENV=production
ENV NODE_ENV $NODE_ENV
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
RUN npm run build
CMD ["npm", "start"]
"""


def _notes(text: str) -> tuple[str, list[str]]:
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text, [str(c) for c in result.changes]


@pytest.mark.parametrize("text", [REBUILT, FROM_ARG], ids=["reinstalled-production", "arg-default"])
def test_a_production_only_install_has_no_dev_dependencies_to_keep_or_prune(text: str) -> None:
    out, notes = _notes(text)
    assert not any("dev dependencies stay" in n for n in notes), notes
    assert "npm prune" not in out


def test_a_full_install_keeps_its_dev_dependencies_for_a_package_script() -> None:
    _, notes = _notes(FROM_ARG.replace("ARG NODE_ENV=production\nENV NODE_ENV $NODE_ENV\n", ""))
    assert any("dev dependencies stay" in n for n in notes), notes


def test_an_arg_with_another_default_is_no_production_install() -> None:
    _, notes = _notes(FROM_ARG.replace("NODE_ENV=production", "NODE_ENV=development"))
    assert any("dev dependencies stay" in n for n in notes), notes
