"""The image's command runs a package script (``npm run start:prod``): the prune of the dev dependencies follows
what the script runs, read from the build context's package.json. NestJS's ``node dist/main`` loads the built
output, so the runtime gets node_modules without the dev dependencies; a script that runs anything else (``nest
start``, a pre-script, an unread package.json) keeps them, and the reason says why (rp10 buff163-scraper: no prune
and no word of it)."""

from __future__ import annotations

import json

import pytest
from conftest import context_of

from transformer import Result, refactor

FILE = """\
FROM node:18
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
CMD {cmd}
"""


def _package(scripts: dict[str, str]) -> str:
    return json.dumps({"name": "app", "scripts": scripts, "dependencies": {"ms": "2.1.3"},
                       "devDependencies": {"@nestjs/cli": "10.0.0", "nodemon": "3.0.0"}})


def _notes(result: Result) -> str:
    return "\n".join(str(c) for c in result.changes)


def test_a_script_that_runs_the_built_output_with_node_is_followed_by_a_prune() -> None:
    files = {"package.json": _package({"build": "nest build", "start:prod": "node dist/main"})}
    result = refactor(FILE.format(cmd='["npm", "run", "start:prod"]'), read_context=context_of(files))
    assert "npm prune --omit=dev" in result.text.partition("AS runner")[0], result.text


def test_npm_start_without_a_start_script_runs_server_js_whose_dev_dependency_stays() -> None:
    files = {"package.json": _package({"build": "nest build"}), "server.js": "require('nodemon')\n"}
    result = refactor(FILE.format(cmd='["npm", "start"]'), read_context=context_of(files))
    assert "prune" not in result.text
    assert "`server.js` loads nodemon, which package.json lists as devDependencies only" in _notes(result)


@pytest.mark.parametrize(("scripts", "cmd", "words"), [
    ({"build": "nest build", "start:prod": "nest start"}, '["npm", "run", "start:prod"]',
     "`npm run start:prod` runs `nest start`, which may need them"),
    ({"build": "nest build", "prestart": "node check.js", "start": "node dist/main"}, '["npm", "start"]',
     "`npm start` runs `node check.js ; node dist/main`, which may need them"),
    ({"build": "nest build", "start": "NODE_ENV=production node dist/main"}, "npm start",
     "`npm start` runs `NODE_ENV=production node dist/main`, which may need them"),
    ({"build": "nest build"}, '["npx", "nest", "start"]', "`npx nest start` runs a package's command"),
])
def test_a_script_that_runs_anything_else_keeps_the_dev_dependencies(scripts: dict[str, str], cmd: str,
                                                                      words: str) -> None:
    files = {"package.json": _package(scripts)}
    result = refactor(FILE.format(cmd=cmd), read_context=context_of(files))
    assert result.changed and "prune" not in result.text
    assert f"the dev dependencies stay (no prune): {words}" in _notes(result)


def test_without_the_context_the_reason_says_the_script_is_not_read() -> None:
    result = refactor(FILE.format(cmd='["npm", "run", "start:prod"]'))
    assert result.changed and "prune" not in result.text
    assert "the dev dependencies stay (no prune): `npm run start:prod` runs a script of package.json, which is not " \
           "read" in _notes(result)


# read23 5d4c0e80: `npm -g install gatsby-cli` and `CMD ["gatsby", "serve", ...]`: the global CLI loads the site's own
# gatsby, which many sites list as a dev dependency; after the prune, "There was a problem loading the local serve
# command" (reproduced with the real gatsby-cli)
@pytest.mark.parametrize(("install", "cmd", "cli"), [
    ("npm -g install gatsby-cli", '["gatsby", "serve", "-p", "8080"]', "gatsby-cli"),
    ("npm install -g @angular/cli@17", '["ng", "serve", "--host", "0.0.0.0"]', "@angular/cli"),
    ("yarn global add @vue/cli", '["vue", "serve"]', "@vue/cli"),
])
def test_a_framework_cli_installed_globally_keeps_the_dev_dependencies(install: str, cmd: str, cli: str) -> None:
    result = refactor(FILE.replace("RUN npm ci\n", f"RUN {install}\nRUN npm ci\n").format(cmd=cmd))
    assert result.changed and "prune" not in result.text, result.text
    assert f"the dev dependencies stay (no prune): `{' '.join(json.loads(cmd)[:2])}` runs {cli}, which the file " \
           "installs globally" in _notes(result)


def test_a_global_server_that_loads_nothing_of_the_project_gets_the_built_site_alone() -> None:
    result = refactor(FILE.replace("RUN npm ci\n", "RUN npm install -g serve\nRUN npm ci\n")
                      .format(cmd='["serve", "-s", "build"]'))
    assert "COPY --from=builder /app/build /app/build" in result.text, result.text
    assert "dev dependencies stay" not in _notes(result)


def _lock(version: int, dev: bool) -> str:
    """A package-lock.json where express is installed at the top for @angular-devkit/build-angular, a dev
    dependency (dev: true), or for a production dependency."""
    entry = {"version": "4.18.2", **({"dev": True} if dev else {})}
    if version == 1:
        return json.dumps({"lockfileVersion": 1, "dependencies": {"express": entry}})
    return json.dumps({"lockfileVersion": version, "packages": {"": {"name": "app"}, "node_modules/express": entry}})


@pytest.mark.parametrize("version", [1, 2, 3])
def test_a_package_the_lock_file_marks_dev_stays_though_package_json_lists_it_nowhere(version: int) -> None:
    """rp21node techwings-io/angular-cloudrun-example (WRONG): index.js requires express, which package.json does not
    list and only a dev dependency brings; the prune removed it (`Cannot find module 'express'`)."""
    files = {"package.json": _package({"build": "ng build"}), "package-lock.json": _lock(version, dev=True),
             "index.js": "var express = require('express');\n"}
    result = refactor(FILE.format(cmd='["node", "index.js"]'), read_context=context_of(files))
    assert result.changed and "prune" not in result.text, result.text
    assert "`index.js` loads express, which package-lock.json marks dev" in _notes(result)


def test_a_package_of_a_production_dependency_is_pruned_around() -> None:
    files = {"package.json": _package({"build": "ng build"}), "package-lock.json": _lock(2, dev=False),
             "index.js": "var express = require('express');\n"}
    result = refactor(FILE.format(cmd='["node", "index.js"]'), read_context=context_of(files))
    assert "npm prune --omit=dev" in result.text, result.text


def _nodemon_files(**extra: str) -> dict[str, str]:
    package = {"name": "app", "scripts": {"build": "vite build", "server": "nodemon server/server.js"},
               "dependencies": {"express": "4.18.2", "nodemon": "3.0.1"}, "devDependencies": {"vite": "5.0.0"}}
    return {"package.json": json.dumps(package), "server/server.js": "require('express')\n", **extra}


def test_nodemon_of_a_production_dependency_runs_the_script_as_node_does() -> None:
    """rp21node sakurakiyama/wordle (NIT): `npm run server` runs `nodemon server/server.js`, nodemon a production
    dependency: the dev dependencies (vite) are pruned, as for `node server/server.js`."""
    result = refactor(FILE.format(cmd='["npm", "run", "server"]'), read_context=context_of(_nodemon_files()))
    assert "npm prune --omit=dev" in result.text, _notes(result)


@pytest.mark.parametrize("extra", [
    {"nodemon.json": '{"exec": "ts-node"}'},  # nodemon's configuration may run another program
    {"server/server.js": "require('vite')\n"},  # the script loads a dev dependency
])
def test_nodemon_that_may_need_the_dev_dependencies_keeps_them(extra: dict[str, str]) -> None:
    result = refactor(FILE.format(cmd='["npm", "run", "server"]'), read_context=context_of(_nodemon_files(**extra)))
    assert result.changed and "prune" not in result.text, result.text


def test_without_a_lock_file_a_package_package_json_does_not_list_keeps_the_dev_dependencies() -> None:
    """The same app installed with no package-lock.json: nothing tells whether a dev dependency brought express."""
    files = {"package.json": _package({"build": "ng build"}),
             "index.js": "const fs = require('fs');\nconst path = require('node:path');\n"
                         "var express = require('express');\n"}
    result = refactor(FILE.format(cmd='["node", "index.js"]'), read_context=context_of(files))
    assert result.changed and "prune" not in result.text, result.text
    assert "`index.js` loads express, which package.json does not list and no package-lock.json tells" \
        in _notes(result), _notes(result)


def test_node_s_own_modules_and_listed_packages_are_pruned_around() -> None:
    files = {"package.json": _package({"build": "ng build"}),
             "index.js": "const fs = require('fs');\nconst cp = require('child_process');\nconst ms = require('ms');\n"}
    result = refactor(FILE.format(cmd='["node", "index.js"]'), read_context=context_of(files))
    assert "npm prune --omit=dev" in result.text, _notes(result)


def test_a_nodemon_configuration_beside_the_package_json_of_a_subfolder_keeps_them() -> None:
    """The app's package.json comes from a folder of the context (`COPY api/package.json ./`): a nodemon.json there
    configures nodemon as one at the root would."""
    files = {f"api/{name}": text for name, text in _nodemon_files().items()}
    files["api/nodemon.json"] = '{"exec": "ts-node"}'
    text = FILE.format(cmd='["npm", "run", "server"]').replace("COPY package*.json ./", "COPY api/package.json ./") \
        .replace("COPY . .", "COPY api/ .")
    result = refactor(text, read_context=context_of(files))
    assert result.changed and "prune" not in result.text, result.text
    del files["api/nodemon.json"]
    assert "npm prune --omit=dev" in refactor(text, read_context=context_of(files)).text
