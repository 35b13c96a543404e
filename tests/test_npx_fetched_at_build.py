"""A package a build step runs with npx, which no installed package.json dependency gives, and which the image's
command runs with npx again (rp26review SoftDev2425/TestService: `npm ci --omit=dev`, `npx prisma generate`, and
`"start:prod": "npx prisma db push && node src/index.js"`, prisma a devDependency): the original's npx runs the copy
it fetched into ~/.npm/_npx at build time; the runtime, which copied /app alone, fetched prisma from the registry at
each start (none offline). The runtime copies npx's cache where that is so, and only there."""

from __future__ import annotations

import json

from conftest import context_of

from transformer import refactor

FILE = """FROM node:20-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev
COPY ./dist ./
RUN npx prisma generate
CMD ["npm", "run", "start:prod"]
"""


def _package(start: str, dev: dict[str, str] | None = None) -> dict[str, str]:
    doc = {"name": "svc", "scripts": {"start:prod": start}, "dependencies": {"@prisma/client": "^5.0.0"},
           "devDependencies": dev if dev is not None else {"prisma": "^5.0.0"}}
    return {"package.json": json.dumps(doc), "package-lock.json": "{}", "dist/index.js": "", "prisma/x": ""}


COPIED = "COPY --from=builder /root/.npm/_npx /root/.npm/_npx"


def test_npx_cache_is_copied_where_the_start_script_runs_the_fetched_package() -> None:
    result = refactor(FILE, read_context=context_of(_package("npx prisma db push && node src/index.js")))
    assert result.changed, result.skipped
    assert COPIED in result.text, result.text
    assert any("`npx prisma` fetched at build time" in c.message for c in result.changes)


def test_a_command_that_runs_npx_itself_counts_too() -> None:
    text = FILE.replace('CMD ["npm", "run", "start:prod"]', 'CMD ["npx", "prisma@5", "migrate", "deploy"]')
    assert COPIED in refactor(text, read_context=context_of(_package("node src/index.js"))).text


def test_not_where_the_command_runs_no_npx() -> None:
    result = refactor(FILE, read_context=context_of(_package("node src/index.js")))
    assert result.changed and COPIED not in result.text, result.text


def test_not_where_an_install_put_the_package_in_node_modules() -> None:
    # a production dependency: npx runs node_modules/.bin/prisma, and fetched nothing
    files = _package("npx prisma db push && node src/index.js", dev={})
    doc = json.loads(files["package.json"])
    doc["dependencies"]["prisma"] = "^5.0.0"
    files["package.json"] = json.dumps(doc)
    result = refactor(FILE, read_context=context_of(files))
    assert result.changed and COPIED not in result.text, result.text


def test_not_with_npm_6_whose_npx_deleted_what_it_fetched() -> None:
    result = refactor(FILE.replace("node:20-alpine", "node:14-alpine"),
                      read_context=context_of(_package("npx prisma db push && node src/index.js")))
    assert COPIED not in (result.text or ""), result.text
