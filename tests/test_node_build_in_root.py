"""A Node app built with no WORKDIR (in /): the runtime cannot copy / whole, but where the context shows where each
build tool writes (react-scripts' build/, vite's dist/, tsconfig.json's outDir), it copies those folders and
node_modules, and takes the sources from the context again (rp20node henrique-aguiar-dev/gh-unfollowers-snitch,
MISSED: `npm run build` of react-scripts in /, skipped as outputs in /; a hand-written rewrite 1320 -> 740 MB).
Where a tool's configuration may move its output, or a command of the script is not a known build tool, the file
is still left alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import context_of, rewrite_app, stages, verified_default_output

from transformer import refactor


def _package(build: str, **scripts: str) -> str:
    return json.dumps({"name": "app", "scripts": {"build": build, **scripts},
                       "dependencies": {"express": "4.18.2"}, "devDependencies": {"typescript": "5.4.5"}})


def _file(build: str = "RUN npm run build", cmd: str = '["node", "dist/index.js"]') -> str:
    return f"FROM node:18\nCOPY . .\nRUN npm install\n{build}\nEXPOSE 3000\nCMD {cmd}\n"


# tsconfig.json as `tsc --init` writes it: comments and a trailing comma, which JSON does not allow
_TSCONFIG = ('{\n  "compilerOptions": {\n    // where the .js files go\n    "outDir": "./dist",\n'
             '    "strict": true,\n  }\n}\n')


def _runtime(files: dict[str, str], text: str | None = None) -> str:
    return stages(text or _file(), files)[1]


def test_tsc_output_folder_from_tsconfig() -> None:
    runtime = _runtime({"package.json": _package("tsc"), "tsconfig.json": _TSCONFIG})
    assert "COPY --from=builder /dist /dist" in runtime
    assert "COPY --from=builder /node_modules /node_modules" in runtime
    assert "COPY . ." in runtime  # the sources and package.json again, from the context
    assert "COPY --from=builder / " not in runtime


def test_react_scripts_build_folder() -> None:
    files = {"package.json": _package("react-scripts build", start="react-scripts start")}
    runtime = _runtime(files, _file(cmd='["npm", "start"]'))
    assert "COPY --from=builder /build /build" in runtime


def test_a_chain_of_a_removal_and_two_tools() -> None:
    files = {"package.json": _package("rimraf dist && tsc && vite build"), "tsconfig.json": '{"compilerOptions": '
             '{"outDir": "server"}}'}
    runtime = _runtime(files)
    assert "COPY --from=builder /server /server" in runtime
    assert "COPY --from=builder /dist /dist" in runtime


def test_a_build_tool_run_directly() -> None:
    runtime = _runtime({"package.json": _package("tsc"), "tsconfig.json": _TSCONFIG}, _file("RUN npx tsc"))
    assert "COPY --from=builder /dist /dist" in runtime


def test_a_nested_package_script() -> None:
    files = {"package.json": _package("npm run compile", compile="tsc --outDir out")}
    assert "COPY --from=builder /out /out" in _runtime(files)


def test_nest_build_writes_the_out_dir_of_the_tsconfig_it_extends() -> None:
    """rp21node Tkey01/my-debts-backend (MISSED): `nest build` in /, with tsconfig.build.json extending tsconfig.json,
    which sets outDir ./dist (a hand-written rewrite 1222 -> 545 MB)."""
    files = {"package.json": _package("nest build"), "nest-cli.json": '{"sourceRoot": "src"}',
             "tsconfig.build.json": '{"extends": "./tsconfig.json", "exclude": ["node_modules", "dist"]}',
             "tsconfig.json": _TSCONFIG}
    assert "COPY --from=builder /dist /dist" in _runtime(files)


def test_nest_build_with_the_tsconfig_nest_cli_names() -> None:
    files = {"package.json": _package("nest build"), "tsconfig.json": _TSCONFIG,
             "nest-cli.json": '{"compilerOptions": {"tsConfigPath": "config/tsconfig.app.json"}}',
             "config/tsconfig.app.json": '{"compilerOptions": {"outDir": "../build"}}'}
    assert "COPY --from=builder /build /build" in _runtime(files)


@pytest.mark.parametrize(("files", "why"), [
    ({"package.json": _package("nest build"), "tsconfig.json": _TSCONFIG,
      "nest-cli.json": '{"monorepo": true, "projects": {"api": {}}}'}, "a Nest monorepo, one folder per app"),
    ({"package.json": _package("tsc"), "tsconfig.json": '{"extends": "@tsconfig/node18/tsconfig.json"}'},
     "a base of another package"),
    ({"package.json": _package("tsc"), "tsconfig.json": '{"compilerOptions": {"strict": true}}'}, "no outDir"),
    ({"package.json": _package("tsc"), "tsconfig.json": '{"extends": "./base.json", "compilerOptions": {}}'},
     "an outDir the base may set"),
    ({"package.json": _package("tsc"), "tsconfig.json": '{"compilerOptions": {"outDir": "lib"}}'},
     "/lib, the system's libraries"),
    ({"package.json": _package("vite build"), "vite.config.ts": "export default {build: {outDir: 'public'}}"},
     "an outDir vite's configuration sets"),
    ({"package.json": _package("node scripts/build.js")}, "a script of the project"),
    ({"package.json": _package("webpack --mode production")}, "webpack, whose output its configuration sets"),
    ({"package.json": _package("tsc || true"), "tsconfig.json": _TSCONFIG}, "a condition"),
])
def test_left_alone_where_the_output_folder_is_not_known(files: dict[str, str], why: str) -> None:
    result = refactor(_file(), read_context=context_of(files))
    assert not result.changed, why
    assert "outputs in /" in (result.skipped or ""), result.skipped


def test_without_context_left_alone() -> None:
    result = refactor(_file())
    assert not result.changed
    assert "outputs in /" in (result.skipped or ""), result.skipped


def test_in_an_app_folder_the_folder_is_copied_whole() -> None:
    files = {"package.json": _package("tsc"), "tsconfig.json": _TSCONFIG}
    runtime = _runtime(files, _file().replace("COPY . .", "WORKDIR /app\nCOPY . ."))
    assert "COPY --from=builder /app /app" in runtime


@pytest.mark.e2e
def test_on_the_engine_the_output_folders_run_in_the_slim_runtime() -> None:
    """fixtures/node-build-in-root: `rimraf dist && tsc` (tsconfig.json with comments and a trailing comma) in /, on
    a real engine: the runtime, node:18-slim, gets /node_modules pruned of the dev dependencies and /dist, and the
    program prints what it did on node:18 (skipped without a Docker engine)."""
    app = Path(__file__).resolve().parents[1] / "fixtures" / "node-build-in-root"
    result, builder, runtime = rewrite_app(app)
    assert "npm prune --omit=dev" in builder, result.text
    assert "COPY --from=builder /node_modules /node_modules\nCOPY --from=builder /dist /dist\n" in runtime, result.text
    assert "a day is 86400000 ms" in verified_default_output(app, result.text)
