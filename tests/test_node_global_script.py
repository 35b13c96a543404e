"""A global install (``npm i -g @nestjs/cli``, ``npm i -g typescript``) when the image's command runs a package
script (``CMD ["npm", "run", "start:prod"]``): the script is read from the context's package.json. One that runs
``node dist/main`` does not run the global command, which stays in the builder (seen on
saullsilva/nest-api-cloud-class, whose runtime installed @nestjs/cli again, "environment setup"); one that runs
it (``nest start``), or a script not found, still gets it installed again."""

from __future__ import annotations

import json
from pathlib import Path

FILE = ("FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm install -g @nestjs/cli\nRUN npm install --omit=dev\n"
        "RUN npm run build\nCMD {cmd}\n")


def _runner(tmp_path: Path, scripts: dict[str, str] | None, cmd: str = '["npm", "run", "start:prod"]') -> str:
    from transformer import refactor
    from transformer.fileio import context_reader

    if scripts is not None:
        (tmp_path / "package.json").write_text(json.dumps({"name": "a", "scripts": scripts}))
    result = refactor(FILE.format(cmd=cmd), read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


def test_a_script_that_runs_node_leaves_the_cli_in_the_builder(tmp_path: Path) -> None:
    runner = _runner(tmp_path, {"build": "nest build", "start:prod": "node dist/main"})
    assert "@nestjs/cli" not in runner, runner


def test_npm_start_that_runs_node_leaves_the_cli_in_the_builder(tmp_path: Path) -> None:
    runner = _runner(tmp_path, {"build": "nest build", "start": "NODE_ENV=production node dist/main"},
                     cmd='["npm", "start"]')
    assert "@nestjs/cli" not in runner, runner


def test_a_script_that_runs_nest_installs_the_cli_again(tmp_path: Path) -> None:
    runner = _runner(tmp_path, {"build": "nest build", "start:prod": "nest start"})
    assert "npm install -g @nestjs/cli" in runner, runner


def test_a_pre_script_that_runs_nest_installs_the_cli_again(tmp_path: Path) -> None:
    runner = _runner(tmp_path, {"build": "nest build", "prestart:prod": "nest build", "start:prod": "node dist/main"})
    assert "npm install -g @nestjs/cli" in runner, runner


def test_a_script_that_runs_another_script_installs_the_cli_again(tmp_path: Path) -> None:
    runner = _runner(tmp_path, {"build": "nest build", "start:prod": "npm run serve", "serve": "node dist/main"})
    assert "npm install -g @nestjs/cli" in runner, runner


def test_a_script_not_found_installs_the_cli_again(tmp_path: Path) -> None:
    runner = _runner(tmp_path, {"build": "nest build"})
    assert "npm install -g @nestjs/cli" in runner, runner


def test_without_package_json_the_cli_is_installed_again(tmp_path: Path) -> None:
    runner = _runner(tmp_path, None)
    assert "npm install -g @nestjs/cli" in runner, runner


def test_the_explanation_names_the_global_install_not_environment_setup(tmp_path: Path) -> None:
    """The runtime's repeated RUN is explained by the install's own reason (it was "environment setup")."""
    from transformer import refactor
    from transformer.fileio import context_reader

    (tmp_path / "package.json").write_text(json.dumps({"name": "a", "scripts": {"start:prod": "nest start"}}))
    result = refactor(FILE.format(cmd='["npm", "run", "start:prod"]'), read_context=context_reader(str(tmp_path)))
    repeats = [c.message for c in result.changes if "repeats the RUN at line 4" in c.message]
    # the package and the command it gives (the note said "installs nest", a command, rp24node)
    assert repeats == ["the runtime repeats the RUN at line 4: `npm` installs @nestjs/cli (the command nest) "
                       "globally, which the program runs: the runtime installs it again"], result.changes


def test_a_package_manager_the_cmd_runs_is_installed_again_whatever_its_script_runs(tmp_path: Path) -> None:
    """``npm i -g pnpm`` then ``CMD ["pnpm", "start"]``: pnpm itself runs, even when its script runs node."""
    from transformer import refactor
    from transformer.fileio import context_reader

    (tmp_path / "package.json").write_text(json.dumps({"name": "a", "scripts": {"start": "node index.js"},
                                                      "dependencies": {"ms": "2.1.3"}}))
    text = "FROM node:18\nWORKDIR /app\nRUN npm i -g pnpm@9\nCOPY . .\nRUN pnpm install\nCMD [\"pnpm\", \"start\"]\n"
    result = refactor(text, read_context=context_reader(str(tmp_path)))
    assert "RUN npm i -g pnpm@9\n" in result.text.partition(" AS runner")[2], result.text
