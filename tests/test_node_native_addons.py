"""Native addons that node-gyp builds against a -dev package of the full node image (buildpack-deps has libpq-dev)
link its run-time library (libpq.so.5), which node's slim image lacks: a rewrite from the full image to the slim
one installs it (data/node_native.json) when the build context's package.json or lock file names the addon. An
app without such an addon, or one already on the slim image, gets nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

BUILD = ("FROM {image}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
         "CMD [\"node\", \"index.js\"]\n")


def _runner(image: str, context: Path) -> str:
    result = refactor(BUILD.format(image=image), read_context=context_reader(str(context)))
    assert result.changed, result.skipped
    return result.text.split("\nFROM ")[-1]


def _package(folder: Path, dependencies: dict[str, str]) -> Path:
    (folder / "package.json").write_text(json.dumps({"name": "app", "dependencies": dependencies}))
    return folder


def test_pg_native_on_the_full_image_gets_libpq_on_slim(tmp_path: Path) -> None:
    runner = _runner("node:18", _package(tmp_path, {"pg": "8.11.0", "pg-native": "3.0.1"}))
    assert runner.startswith("node:18-slim AS runner\n")
    assert "apt-get install -y --no-install-recommends libpq5 " in runner, runner


def test_the_addon_named_only_by_the_lock_file(tmp_path: Path) -> None:
    _package(tmp_path, {"some-db-layer": "1.0.0"})
    (tmp_path / "package-lock.json").write_text(json.dumps({"lockfileVersion": 3, "packages": {
        "": {"dependencies": {"some-db-layer": "1.0.0"}},
        "node_modules/some-db-layer": {"version": "1.0.0"},
        "node_modules/libpq": {"version": "1.8.13"}}}))
    assert "libpq5" in _runner("node:20", tmp_path)


def test_the_addon_named_only_by_a_lock_file_of_npm_6(tmp_path: Path) -> None:
    """lockfileVersion 1 (npm 5 and 6) lists the packages under ``dependencies``, nested where versions clash."""
    _package(tmp_path, {"some-db-layer": "1.0.0"})
    (tmp_path / "package-lock.json").write_text(json.dumps({"lockfileVersion": 1, "dependencies": {
        "some-db-layer": {"version": "1.0.0", "requires": {"pg-native": "^3.0.0"},
                          "dependencies": {"libpq": {"version": "1.8.13"}}}}}))
    assert "libpq5" in _runner("node:18", tmp_path)


def test_the_addon_named_only_by_yarn_lock(tmp_path: Path) -> None:
    _package(tmp_path, {"some-db-layer": "1.0.0"})
    (tmp_path / "yarn.lock").write_text('some-db-layer@1.0.0:\n  version "1.0.0"\n\n'
                                        'libpq@^1.8.10:\n  version "1.8.13"\n')
    assert "libpq5" in _runner("node:18", tmp_path)


@pytest.mark.parametrize(("image", "dependencies"), [
    ("node:18", {"pg": "8.11.0", "bcrypt": "5.1.0", "better-sqlite3": "9.0.0"}),  # no addon linking the full image
    ("node:18-slim", {"pg-native": "3.0.1"}),  # built on slim: it had libpq-dev from the file, or failed there
])
def test_otherwise_the_runtime_gets_no_library(image: str, dependencies: dict[str, str], tmp_path: Path) -> None:
    assert "libpq5" not in _runner(image, _package(tmp_path, dependencies))
