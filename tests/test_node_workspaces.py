"""An install at a workspace root (package.json's ``workspaces``, pnpm-workspace.yaml) also writes node_modules into
the workspaces' folders (npm and yarn nest there a version that conflicts with the hoisted one, pnpm links every
workspace's dependencies there): the runtime copies the app whole, not only the root's node_modules (seen on
MBDS-23-24/projet-react-pixelart-bhdz, whose runtime copied /app/node_modules over a fresh COPY . .)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FILE = "FROM node:18\nWORKDIR /app\nCOPY . .\nRUN {install}\nCMD [\"node\", \"packages/api/index.js\"]\n"


def _runner(tmp_path: Path, install: str = "npm install") -> str:
    from transformer import refactor
    from transformer.fileio import context_reader

    result = refactor(FILE.format(install=install), read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


@pytest.mark.parametrize("install", ["npm install", "npm ci", "yarn install"])
def test_a_workspace_root_install_copies_the_app_whole(tmp_path: Path, install: str) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "root", "workspaces": ["packages/*"],
                                                      "dependencies": {"ms": "2.1.3"}}))
    runner = _runner(tmp_path, install)
    assert "COPY --from=builder /app /app\n" in runner, runner
    assert "/app/node_modules" not in runner, runner


def test_a_pnpm_workspace_install_copies_the_app_whole(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "root", "dependencies": {"ms": "2.1.3"}}))
    (tmp_path / "pnpm-workspace.yaml").write_text("packages:\n  - 'packages/*'\n")
    runner = _runner(tmp_path, "npm i -g pnpm && pnpm install")
    assert "COPY --from=builder /app /app\n" in runner, runner


def test_a_single_package_copies_its_node_modules(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "one", "dependencies": {"ms": "2.1.3"}}))
    runner = _runner(tmp_path)
    assert "COPY --from=builder /app/node_modules /app/node_modules\n" in runner, runner


MEMBER = ("FROM node:18\nWORKDIR /app\nCOPY . .\nRUN cd packages/api && {install}\n"
          "CMD [\"node\", \"packages/api/index.js\"]\n")


def _member_runner(tmp_path: Path, install: str = "npm install") -> str:
    from transformer import refactor
    from transformer.fileio import context_reader

    (tmp_path / "packages" / "api").mkdir(parents=True)
    (tmp_path / "packages" / "api" / "package.json").write_text(json.dumps({"name": "api",
                                                                            "dependencies": {"ms": "2.0.0"}}))
    result = refactor(MEMBER.format(install=install), read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


@pytest.mark.parametrize("workspaces", [["packages/*"], ["./packages/api"], {"packages": ["packages/*"]}])
def test_an_install_in_a_listed_workspace_copies_the_workspace_root(tmp_path: Path, workspaces: object) -> None:
    """npm 7 and later install at the workspace root when run in one of its workspaces."""
    (tmp_path / "package.json").write_text(json.dumps({"name": "root", "workspaces": workspaces}))
    runner = _member_runner(tmp_path)
    assert "COPY --from=builder /app /app\n" in runner, runner


def test_an_install_in_a_pnpm_workspace_copies_the_workspace_root(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "root"}))
    (tmp_path / "pnpm-workspace.yaml").write_text("packages:\n  - 'packages/*'\n")
    runner = _member_runner(tmp_path, "pnpm install")
    assert "COPY --from=builder /app /app\n" in runner, runner


def test_an_install_in_a_folder_the_root_does_not_list_stays_there(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"name": "root", "workspaces": ["apps/*"]}))
    runner = _member_runner(tmp_path)
    assert "/app /app\n" not in runner and "/app/packages/api" in runner, runner
