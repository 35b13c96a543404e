"""An app with no build step (``npm install``, then ``node index.js``) whose package.json lists devDependencies: the
builder prunes them after the install, with the checks a build's prune has (a start script that runs nodemon, an
entry that requires a dev dependency), so that the runtime copies node_modules without jest and nodemon (rp27build
Patrickb001/cyber-kittens: 29 MB kept)."""

from __future__ import annotations

import json

from conftest import context_of, stages

from transformer import refactor

TEXT = """\
FROM node:18
WORKDIR /app
COPY package*.json ./
RUN {install}
COPY . .
CMD ["npm", "start"]
"""


def files(start: str = "node index.js", entry: str = "require('express')\\n") -> dict[str, str]:
    doc = {"name": "kittens", "scripts": {"start": start, "test": "jest"},
           "dependencies": {"express": "4"}, "devDependencies": {"jest": "29", "nodemon": "3"}}
    return {"package.json": json.dumps(doc), "index.js": entry}


def test_the_dev_dependencies_of_an_app_without_a_build_are_pruned() -> None:
    builder, runtime = stages(TEXT.format(install="npm install"), files())
    assert "npm prune --omit=dev" in builder and "COPY --from=builder /app/node_modules" in runtime, builder


def test_pnpm_prunes_its_own() -> None:
    builder, _ = stages(TEXT.format(install="npm i -g pnpm && pnpm install"), files())
    assert "pnpm prune --prod" in builder, builder


def test_they_stay_where_the_app_needs_them() -> None:
    for given in (files(start="nodemon index.js"), files(entry="require('jest')\n")):
        builder, _ = stages(TEXT.format(install="npm install"), given)
        assert "prune" not in builder, builder


def test_no_prune_without_the_context_nor_after_the_file_s_own() -> None:
    builder, _ = stages(TEXT.format(install="npm install"))
    assert "prune" not in builder, builder
    own = stages(TEXT.format(install="npm install && npm prune --production"), files())[0]
    assert own.count("prune") == 1, own
    production = stages(TEXT.format(install="npm ci --omit=dev"), files())[0]
    assert "prune" not in production, production


def test_no_dev_dependencies_no_prune() -> None:
    doc = {"name": "kittens", "scripts": {"start": "node index.js"}, "dependencies": {"express": "4"}}
    builder, _ = stages(TEXT.format(install="npm install"), {"package.json": json.dumps(doc), "index.js": "1\n"})
    assert "prune" not in builder, builder


def test_a_folder_s_index_requires_relative_to_that_folder() -> None:
    """cyber-kittens: server.js requires './db', whose db/index.js requires './User' (db/User.js); it was looked for
    beside server.js (/app/User), not found, and the prune given up as "not in the build context"."""
    given = {**files(entry="require('./db')\n"), "db/index.js": "const {User} = require('./User')\n",
             "db/User.js": "const {Sequelize} = require('express')\n"}
    builder, _ = stages(TEXT.format(install="npm install"), given)
    assert "npm prune --omit=dev" in builder, builder


def test_the_line_s_trailing_blanks_do_not_go_before_the_escape() -> None:
    """cyber-kittens' `RUN npm install sqlite3 ` (a trailing space): the prune appended after it wrote two spaces
    before the `\\`, a finding of tally's no-multi-spaces the input did not have."""
    builder, _ = stages(TEXT.format(install="npm install "), files())
    assert "RUN npm install \\\n    && npm prune --omit=dev" in builder, builder


def test_a_process_manager_s_script_is_read_as_node_s() -> None:
    """rp29prune vcs-backend: `forever app.js` (a process manager's command, whose script the checks did not read)
    was pruned, and app.js required compression, a dev dependency: `Cannot find module 'compression'`. The script a
    process manager starts is read as node's; a configuration (pm2's ecosystem file) or a word the tool cannot read
    keeps them. A file with no command (health-cards-dev-tools: users run `npm test` in a shell) is not pruned."""
    for cmd in ('["forever", "index.js"]', '["pm2-runtime", "start", "index.js"]'):
        text = TEXT.replace('["npm", "start"]', cmd).format(install="npm install")
        builder, _ = stages(text, files(entry="require('compression')\n"))  # (listed nowhere: a dev dependency's)
        assert "prune" not in builder, builder
        builder, _ = stages(text, files())  # index.js read as node runs it: express alone
        assert "npm prune --omit=dev" in builder, builder
    for cmd in ('["pm2-runtime", "ecosystem.config.js"]', '["forever", "start app.js"]'):
        builder, _ = stages(TEXT.replace('["npm", "start"]', cmd).format(install="npm install"), files())
        assert "prune" not in builder, builder
    result = refactor(TEXT.replace('CMD ["npm", "start"]\n', "").format(install="npm install"),
                      read_context=context_of(files()))
    assert "prune" not in result.text, result.text
