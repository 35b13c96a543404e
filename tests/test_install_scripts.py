"""An install runs the project's own scripts (package.json's preinstall, install, postinstall, prepare; node-gyp for
its binding.gyp), which may write into the app's folder beside node_modules: a postinstall of `npm run build` writes
build/. The runtime used to copy only node_modules from the builder, with the context again, and lost what they
wrote (dev 26a36734, whose comments say `# run by postinstall` / `# RUN npm run build`: on a real engine the
original ran and the rewrite stopped with `Cannot find module '/usr/src/app/build/index.js'`). Now it copies the
app's folder whole where the scripts may have run: package.json names one, or (without the context) it cannot be
read and the app's sources were in the folder at the install; a package.json without them keeps node_modules."""

from __future__ import annotations

import json

import pytest
from conftest import NODE_APP_FILES, context_of, runner_stage, stages

from transformer import refactor

FILE = """FROM node:18
WORKDIR /usr/src/app
COPY . .
RUN npm install
CMD ["npm", "start"]
"""

POSTINSTALL = {"package.json": '{"dependencies": {"ms": "2.1.3"}, "scripts": {"postinstall": "npm run build", '
                               '"build": "node build.js", "start": "node build/index.js"}}\n',
               "build.js": "require('fs').mkdirSync('build')\n"}

WHOLE = """FROM node:18-slim AS runner
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app /usr/src/app
CMD ["npm", "start"]
"""

MODULES = """FROM node:18-slim AS runner
WORKDIR /usr/src/app
COPY . .
COPY --from=builder /usr/src/app/node_modules /usr/src/app/node_modules
CMD ["npm", "start"]
"""


def test_a_postinstall_script_gets_the_app_folder_whole() -> None:
    assert runner_stage(FILE, POSTINSTALL) == WHOLE
    result = refactor(FILE, read_context=context_of(POSTINSTALL))
    assert any("what package.json's postinstall script may write beside them" in str(c) for c in result.changes)


@pytest.mark.parametrize("script", ["preinstall", "install", "prepare", "prepublish"])
def test_each_script_an_install_runs(script: str) -> None:
    context = {"package.json": json.dumps({"dependencies": {"ms": "2.1.3"}, "scripts": {script: "tsc"}})}
    assert runner_stage(FILE, context) == WHOLE


def test_a_package_json_without_install_scripts_keeps_node_modules() -> None:
    assert runner_stage(FILE, NODE_APP_FILES) == MODULES
    other = {"package.json": '{"dependencies": {"ms": "2.1.3"}, "scripts": {"start": "node index.js", '
                             '"test": "mocha"}}'}
    assert runner_stage(FILE, other) == MODULES


def test_a_package_json_the_tool_cannot_read_may_have_them() -> None:
    assert runner_stage(FILE) == WHOLE


def test_with_only_the_manifests_copied_and_no_context_node_modules_is_kept() -> None:
    """(their scripts have no sources of the app to build; the context follows the install)"""
    text = FILE.replace("COPY . .\n", "COPY package*.json yarn.lock ./\n").replace("RUN npm install\n",
                                                                                  "RUN npm install\nCOPY . .\n")
    assert runner_stage(text) == MODULES.replace("COPY . .\nCOPY --from=builder /usr/src/app/node_modules "
                                                 "/usr/src/app/node_modules\n",
                                                 "COPY --from=builder /usr/src/app/node_modules "
                                                 "/usr/src/app/node_modules\nCOPY . .\n")


def test_a_script_package_json_names_runs_with_only_the_manifests_copied_too() -> None:
    """(a postinstall copies from node_modules into the app: `cp node_modules/x/dist/x.js public/`); the builder's
    folder, copied whole, has the context the file copies after the install, over what the install wrote, as in the
    original: the runtime does not copy it again (read25 68347cec)"""
    text = FILE.replace("COPY . .\n", "COPY package.json ./\n").replace("RUN npm install\n",
                                                                        "RUN npm install\nCOPY . .\n")
    assert runner_stage(text, POSTINSTALL) == WHOLE


@pytest.mark.parametrize("install", ["npm install --ignore-scripts", "npm ci --ignore-scripts=true",
                                     "yarn install --ignore-scripts"])
def test_ignore_scripts_runs_none(install: str) -> None:
    assert runner_stage(FILE.replace("npm install", install), POSTINSTALL) == MODULES


def test_npm_config_ignore_scripts_too() -> None:
    text = FILE.replace("WORKDIR", "ENV npm_config_ignore_scripts=true\nWORKDIR")
    assert runner_stage(text, POSTINSTALL) == MODULES.replace("WORKDIR", "ENV npm_config_ignore_scripts=true\nWORKDIR")


def test_the_projects_binding_gyp_is_built_by_npms_default_install_script() -> None:
    context = {"package.json": '{"dependencies": {"nan": "2.17.0"}}', "binding.gyp": "{}", "addon.cc": ""}
    assert runner_stage(FILE, context) == WHOLE


def test_sources_copied_into_a_folder_above_the_one_the_install_runs_in() -> None:
    """7a47947f: ``ADD sandstone /opt/sandstone-ide/sandstone/`` (a folder's entries go into the destination), then
    ``cd /opt/sandstone-ide/sandstone/client && npm install``."""
    runtime = runner_stage("FROM node:18\nADD sandstone /opt/ide/sandstone/\n"
                           "RUN cd /opt/ide/sandstone/client && npm install\nCMD [\"node\", \"/opt/ide/main.js\"]\n")
    assert "COPY --from=builder /opt/ide/sandstone/client /opt/ide/sandstone/client\n" in runtime, runtime


def test_a_file_the_build_removes_keeps_the_prune_out() -> None:
    """562e687b: ``npm install && npm run build && rm -rf node_modules``: the runtime has no node_modules to prune
    (the copy of the app folder is no node_modules of its name)."""
    text = ("FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm install && npm run build && rm -rf node_modules\n"
            'CMD ["node", "dist/index.js"]\n')
    builder, _ = stages(text)
    assert "prune" not in builder, builder


def test_a_context_copy_to_a_folder_named_by_a_variable_is_not_repeated_under_the_builders_copy() -> None:
    """159ccb03, 69368ea0: ``COPY . $TOOL_HOME`` (an ARG), ``COPY . ${WORKDIR}`` (an ENV): the runtime copied the
    context twice, once by itself and once in the builder's folder."""
    runtime = runner_stage("FROM node:18\nENV APP=/srv/app\nCOPY . $APP\nWORKDIR $APP\nRUN npm install\n"
                           'CMD ["npm", "start"]\n')
    assert runtime == ("FROM node:18-slim AS runner\nENV APP=/srv/app\nWORKDIR $APP\n"
                       "COPY --from=builder /srv/app /srv/app\nCMD [\"npm\", \"start\"]\n"), runtime


@pytest.mark.parametrize("package", [
    {"name": "addon", "gypfile": True},  # npm's default install script: node-gyp rebuild
    {"name": "addon", "scripts": {"install": "node-gyp rebuild"}},
])
def test_a_project_with_no_dependencies_still_builds_its_own_addon(package: dict[str, object]) -> None:
    """adv-s38 3d: package.json lists no dependencies, so npm makes no node_modules, but its install builds the
    project's own addon into build/: the runtime copied the context again without it (engine: `Cannot find module
    './build/Release/root2.node'`; now prints as the original)."""
    files = {"package.json": json.dumps(package), "binding.gyp": "{}", "index.js": ""}
    result = refactor(FILE.replace("CMD [\"npm\", \"start\"]", "CMD [\"node\", \"index.js\"]"),
                      read_context=context_of(files))
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/src/app /usr/src/app\n" in result.text.partition(" AS runner\n")[2]
