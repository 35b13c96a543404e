"""Prisma's query engine links the system's libssl and reads the openssl command's version: the full node image
has both (its ca-certificates depends on openssl), node's slim image neither (Node.js carries its own OpenSSL).
A rewrite from the full image to the slim one installs openssl; a file already on the slim image is left as
it is, and an app without Prisma gets nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader

BUILD = ("FROM {image}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n{step}"
         "CMD [\"node\", \"dist/index.js\"]\n")


def _runner(image: str, step: str, context: Path | None = None) -> str:
    reader = context_reader(context) if context else None
    text = BUILD.format(image=image, step=step)
    result = refactor(text, read_context=reader) if reader else refactor(text)
    assert result.changed, result.skipped
    return result.text.split("\nFROM ")[-1]


def test_prisma_generate_on_the_full_image_gets_openssl_on_slim() -> None:
    runner = _runner("node:18", "RUN npx prisma generate && npm run build\n")
    assert runner.startswith("node:18-slim AS runner\n")
    assert "apt-get install -y --no-install-recommends openssl" in runner, runner


def test_a_package_json_that_depends_on_prisma_is_enough(tmp_path: Path) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {"@prisma/client": "5.0.0"},
                                                       "scripts": {"build": "tsc"}}))
    runner = _runner("node:18", "RUN npm run build\n", tmp_path)
    assert "openssl" in runner, runner


@pytest.mark.parametrize(("image", "step"), [
    ("node:18", "RUN npm run build\n"),  # no Prisma
    ("node:18-slim", "RUN apt-get update && apt-get install -y python3 make g++\nRUN npx prisma generate\n"),
])
def test_otherwise_the_runtime_gets_no_openssl(image: str, step: str) -> None:
    assert "openssl" not in _runner(image, step)


@pytest.mark.parametrize("step", [
    "RUN npm install -g prisma2\nRUN prisma2 generate\n",  # Prisma 2's preview CLI (dev 3bfa7e96)
    "RUN npx @prisma/cli generate\n",
])
def test_prisma_2s_older_cli_names_get_openssl_too(step: str) -> None:
    assert "apt-get install -y --no-install-recommends openssl" in _runner("node:18", step)


@pytest.mark.parametrize("name", ["@prisma/photon", "@prisma/cli"])
def test_a_package_json_that_depends_on_prisma_2s_older_packages_is_enough(tmp_path: Path, name: str) -> None:
    (tmp_path / "package.json").write_text(json.dumps({"dependencies": {name: "2.0.0-preview020"},
                                                       "scripts": {"build": "tsc"}}))
    assert "openssl" in _runner("node:18", "RUN npm run build\n", tmp_path)
