"""The npm packages the finish reads (native addons' run-time libraries, Prisma's openssl) come from the package.json
and lock files the install reads where it runs, through the COPYs that put them there (``COPY sub/ .``), not only
from those at the build context's root: pg-native in sub/package.json, installed on the full node image, gets libpq5
in the slim runtime as it does at the root."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

CMD = 'CMD ["node", "index.js"]\n'


def _runner(dockerfile: str, context: Path) -> str:
    result = refactor(dockerfile, read_context=context_reader(str(context)))
    assert result.changed, result.skipped
    return result.text.split("\nFROM ")[-1]


def _package(folder: Path, dependencies: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps({"name": "app", "dependencies": dependencies}))
    (folder / "index.js").write_text("console.log(1)\n")
    return folder


@pytest.mark.parametrize("copy", ["COPY sub/ .", "COPY ./sub .", "COPY sub /app/"])
def test_pg_native_in_the_copied_subfolder_gets_libpq(copy: str, tmp_path: Path) -> None:
    _package(tmp_path / "sub", {"pg": "8.11.0", "pg-native": "3.0.1"})
    runner = _runner(f"FROM node:18\nWORKDIR /app\n{copy}\nRUN npm install\n{CMD}", tmp_path)
    assert runner.startswith("node:18-slim AS runner\n")
    assert "apt-get install -y --no-install-recommends libpq5 " in runner, runner


def test_the_addon_named_by_the_lock_file_copied_from_a_subfolder(tmp_path: Path) -> None:
    sub = _package(tmp_path / "sub", {"some-db-layer": "1.0.0"})
    (sub / "package-lock.json").write_text(json.dumps({"lockfileVersion": 3, "packages": {
        "": {"dependencies": {"some-db-layer": "1.0.0"}},
        "node_modules/some-db-layer": {"version": "1.0.0"},
        "node_modules/libpq": {"version": "1.8.13"}}}))
    runner = _runner("FROM node:18\nWORKDIR /app\nCOPY sub/package.json sub/package-lock.json ./\nRUN npm ci\n"
                     f"COPY sub/ .\n{CMD}", tmp_path)
    assert "libpq5" in runner, runner


def test_a_package_json_copied_to_its_path(tmp_path: Path) -> None:
    _package(tmp_path / "sub", {"pg-native": "3.0.1"})
    runner = _runner("FROM node:18\nWORKDIR /app\nCOPY sub/package.json /app/package.json\nRUN npm install\n"
                     f"COPY sub/ .\n{CMD}", tmp_path)
    assert "libpq5" in runner, runner


def test_the_install_run_in_a_subfolder_of_the_copied_context(tmp_path: Path) -> None:
    _package(tmp_path / "api", {"pg-native": "3.0.1"})
    runner = _runner("FROM node:18\nWORKDIR /app\nCOPY . .\nRUN cd api && npm install\n"
                     'CMD ["node", "api/index.js"]\n', tmp_path)
    assert "libpq5" in runner, runner


def test_prisma_in_the_copied_subfolder_gets_openssl(tmp_path: Path) -> None:
    _package(tmp_path / "server", {"@prisma/client": "5.0.0"})
    runner = _runner(f"FROM node:18\nWORKDIR /app\nCOPY server/ .\nRUN npm install\n{CMD}", tmp_path)
    assert "openssl" in runner, runner


def test_only_the_folder_the_install_reads(tmp_path: Path) -> None:
    """Another folder of the context naming pg-native (one the stage does not copy) brings nothing."""
    _package(tmp_path / "worker", {"pg-native": "3.0.1"})
    _package(tmp_path / "web", {"express": "4.18.2"})
    runner = _runner(f"FROM node:18\nWORKDIR /app\nCOPY web/ .\nRUN npm install\n{CMD}", tmp_path)
    assert "libpq5" not in runner, runner
