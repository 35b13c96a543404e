"""`next start` loads the app's next.config at its start: a next.config.ts, which Next.js 15.4 and later compile with
typescript (vercel/next.js#81797, "Cannot find module 'typescript'" after a prune), or a configuration that loads a
dev dependency (@next/bundle-analyzer), needs it in the runtime: the dev dependencies stay. rp27review
jiaozenghui/next-blog was safe only because its lock file holds Next.js 15.0.3."""

from __future__ import annotations

import json

from conftest import context_of

from transformer import refactor

FILE = """FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install
COPY . .
RUN npm run build
CMD ["node", "./node_modules/next/dist/bin/next", "start"]
"""
PACKAGE = json.dumps({"name": "blog", "scripts": {"build": "next build"}, "dependencies": {"next": "^15.0.3"},
                      "devDependencies": {"typescript": "^5", "@next/bundle-analyzer": "^15"}})


def _lock(next_version: str) -> str:
    return json.dumps({"lockfileVersion": 3, "packages": {
        "": {}, "node_modules/next": {"version": next_version},
        "node_modules/typescript": {"version": "5.6.3", "dev": True},
        "node_modules/@next/bundle-analyzer": {"version": "15.0.3", "dev": True}}})


def _refactor(config: dict[str, str], next_version: str = "15.5.2") -> tuple[bool, list[str]]:
    files = {"package.json": PACKAGE, "package-lock.json": _lock(next_version), "app/page.tsx": "", **config}
    result = refactor(FILE, read_context=context_of(files))
    assert result.changed, result.skipped
    return "npm prune" in result.text, [c.message for c in result.changes]


def test_a_typescript_configuration_keeps_typescript() -> None:
    pruned, messages = _refactor({"next.config.ts": 'import type { NextConfig } from "next";\nexport default {};\n'})
    assert not pruned
    assert ("the dev dependencies stay (no prune): `next start` loads next.config.ts (Next.js 15.4 and later compile "
            "it with typescript), which needs typescript, which package.json lists as devDependencies only") in messages


def test_before_next_15_4_the_typescript_configuration_needs_no_typescript() -> None:
    pruned, _ = _refactor({"next.config.ts": 'export default {};\n'}, next_version="15.0.3")
    assert pruned


def test_a_configuration_that_loads_a_dev_dependency_keeps_it() -> None:
    config = "import analyzer from '@next/bundle-analyzer';\nexport default analyzer({ enabled: false })({});\n"
    pruned, messages = _refactor({"next.config.mjs": config})
    assert not pruned and any("next.config.mjs" in m and "@next/bundle-analyzer" in m for m in messages), messages


def test_a_configuration_of_production_packages_alone_is_pruned() -> None:
    pruned, _ = _refactor({"next.config.js": "module.exports = { output: 'standalone' };\n"})
    assert pruned
