"""A file that prunes its dev dependencies itself after the build (``RUN npm prune --production``) gets no second
prune of the tool's appended to that RUN (seen on BlagodarovVA/NestJS: `npm prune --production --legacy-peer-deps
&& npm prune --omit=dev --legacy-peer-deps`); without its own prune, the tool's is still added."""

from __future__ import annotations

import pytest
from conftest import context_of, stages

from transformer import refactor

FILE = ("FROM node:18\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\n{prune}"
        "CMD [\"node\", \"dist/main.js\"]\n")


def refactored(text: str) -> str:
    return "".join(stages(text))


@pytest.mark.parametrize("prune", ["npm prune --production", "npm prune --omit=dev", "npm prune --omit dev",
                                   "npm prune --production --legacy-peer-deps"])
def test_the_files_own_prune_is_not_repeated(prune: str) -> None:
    text = refactored(FILE.format(prune=f"RUN {prune}\n"))
    assert text.count("prune") == 1, text
    assert "COPY --from=builder /app /app" in text, text


def test_a_prune_before_the_build_does_not_count() -> None:
    text = refactored(FILE.replace("RUN npm run build\n{prune}", "RUN npm prune --production\nRUN npm run build\n"))
    assert "npm prune --omit=dev" in text, text


def test_without_its_own_prune_the_tool_adds_one() -> None:
    text = refactored(FILE.format(prune=""))
    assert "npm prune --omit=dev" in text, text


def test_a_prune_of_a_package_json_the_context_does_not_give_is_an_assumption_it_states() -> None:
    """dev 0b101e33: the tool prunes what it cannot read; the program may require a dev dependency at run time."""
    text = FILE.format(prune="")
    assumed = [c.message for c in refactor(text).changes if c.message.startswith("assumed: the program needs none "
                                                                                 "of the devDependencies")]
    assert len(assumed) == 1, [c.message for c in refactor(text).changes]
    read = context_of({"package.json": '{"name": "a", "devDependencies": {"typescript": "5.0.0"}}'})
    assert not any("devDependencies" in c.message for c in refactor(text, read_context=read).changes)


@pytest.mark.parametrize(("cmd", "pruned"), [('["node", "server.js"]', False),  # a source file: it may load them
                                             ('["node", "mascara/example/server.js"]', False),  # dev 32f6bd3c
                                             ('["node", "dist/main.js"]', True),  # the build's output
                                             ('["dumb-init", "node", "build/index.js"]', True)])
def test_without_package_json_a_source_file_the_command_runs_keeps_the_dev_dependencies(cmd: str, pruned: bool) -> None:
    text = FILE.replace('CMD ["node", "dist/main.js"]', f"CMD {cmd}").format(prune="")
    assert ("npm prune" in refactored(text)) is pruned


PACKAGE = '{"name": "a", "dependencies": {"express": "4.18.2"}, "devDependencies": {"browserify": "17.0.0"}}'


@pytest.mark.parametrize(("files", "pruned"), [
    ({"server.js": "const express = require('express');\nrequire('./lib/app');\n",
      "lib/app.js": "import path from 'node:path';\nexport default require(\"express\");\n"}, True),
    # dev 2a36f7c1 (MetaMask's mascara): the server bundles at run time, through a module of the app it requires
    ({"server.js": "require('./lib/app');\n", "lib/app.js": "const browserify = require('browserify');\n"}, False),
    ({"server.js": "require('./config');\n", "config.json": "{}"}, True),  # a JSON file node finds by its name
    ({"server.js": "require('./routes/app');\n"}, False),  # a module of the app not in the context: not known
    ({"server.js": "require('./lib/app');\n"}, True),  # not in the context, in an output folder: the build's
    ({}, False),  # the script itself not in the context
])
def test_with_package_json_the_prune_follows_what_the_script_loads(files: dict[str, str], pruned: bool) -> None:
    """With package.json read, the script the command runs with node, and the modules of the app it requires, are
    read from the context: a package that only devDependencies list keeps them, as does a file it cannot read
    (read16's engine repro of 2a36f7c1: `Cannot find module 'browserify'` after the prune)."""
    text = FILE.replace('CMD ["node", "dist/main.js"]', 'CMD ["node", "server.js"]').format(prune="")
    result = refactor(text, read_context=context_of({"package.json": PACKAGE, **files}))
    assert ("npm prune" in result.text) is pruned, result.text
    if not pruned:
        assert any(c.message.startswith("the dev dependencies stay (no prune): ") for c in result.changes)


@pytest.mark.parametrize(("cmd", "files", "pruned"), [
    # adv-s37 A: the value of --require was taken for the script, and the script itself left unread
    ('["node", "--require", "./instrument.js", "server.js"]',
     {"instrument.js": "console.log(1)\n", "server.js": "require('browserify')\n"}, False),
    ('["node", "--require", "./instrument.js", "server.js"]',
     {"instrument.js": "console.log(1)\n", "server.js": "require('express')\n"}, True),
    ('["node", "--require=dotenv/config", "server.js"]', {"server.js": "require('express')\n"}, False),
    ('["node", "-r", "dotenv/config", "server.js"]', {"server.js": "require('express')\n"}, False),
    # a module loaded by a name the script computes (a folder of routes): not known
    ('["node", "server.js"]', {"server.js": "const f = 'a';\nrequire(path.join(__dirname, 'routes', f));\n"}, False),
    ('["node", "-e", "require(\'./server\')"]', {"server.js": "require('express')\n"}, True),
    ('["node", "-e", "require(\'./server\')"]', {"server.js": "require('browserify')\n"}, False),
    # read18 69b61880: an option's value is not the script (before, `64000` was read as it: dev deps kept)
    ('["node", "--max-http-header-size", "64000", "server"]', {"server.js": "require('express')\n"}, True),
    ('["node", "--experimental-specifier-resolution", "node", "server"]', {"server.js": "require('express')\n"},
     True),  # adv-s38 7a
])
def test_what_node_loads_first_is_read(cmd: str, files: dict[str, str], pruned: bool) -> None:
    package = '{"dependencies": {"express": "4"}, "devDependencies": {"browserify": "17", "dotenv": "16"}}'
    text = FILE.replace('CMD ["node", "dist/main.js"]', f"CMD {cmd}").format(prune="")
    result = refactor(text, read_context=context_of({"package.json": package, **files}))
    assert ("npm prune" in result.text) is pruned, result.text


def test_a_prune_in_the_builds_own_run_is_the_files_and_no_note_says_the_dev_dependencies_stay() -> None:
    """rp24node jzilg/concert-diary-2: `npm ci && npm run build && npm prune --production`, whose start script runs
    `remix-serve build`: the note said "the dev dependencies stay (no prune)", while the runtime got the pruned
    node_modules."""
    package = ('{"name": "x", "scripts": {"build": "remix build", "start": "remix-serve build"}, '
               '"dependencies": {"@remix-run/serve": "1"}, "devDependencies": {"@remix-run/dev": "1"}}')
    text = ("FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build && npm prune --production\n"
            'CMD ["npm", "start"]\n')
    result = refactor(text, read_context=context_of({"package.json": package}))
    assert result.changed, result.skipped
    assert result.text.count("prune") == 1, result.text
    assert not any("dev dependencies stay" in str(c) for c in result.changes), [str(c) for c in result.changes]
    # a prune before the build in the same RUN does not count
    early = text.replace("npm ci && npm run build && npm prune --production",
                         "npm ci && npm prune --production && npm run build")
    assert any("dev dependencies stay" in str(c) for c in refactor(early, read_context=context_of(
        {"package.json": package})).changes)
