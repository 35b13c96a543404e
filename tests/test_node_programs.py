"""npm packages that run a program of the full node image which node:*-slim lacks: simple-git runs git for every
call, so the slim runtime installs git (before: the slim runtime had none, and every call failed with
"spawn git ENOENT"). On the slim image the file's own install decides, as before."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

TEXT = "FROM node:18\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nCMD [\"node\", \"index.js\"]\n"
MANIFEST = '{"name": "a", "version": "1.0.0", "dependencies": {"express": "4.18.2", "simple-git": "3.25.0"}}'


def test_simple_git_gets_git_in_the_slim_runtime() -> None:
    result = refactor(TEXT, read_context=context_of({"package.json": MANIFEST}))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner\n")[2]
    assert runtime.startswith("RUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf "
                              "/var/lib/apt/lists/*\n"), runtime
    assert any("the npm package simple-git runs a program of git, which node:18 has and its slim variant lacks"
               in str(c) for c in result.changes)


def test_without_simple_git_or_on_the_slim_image_no_git() -> None:
    plain = refactor(TEXT, read_context=context_of({"package.json": MANIFEST.replace('"simple-git"', '"ms"')}))
    assert plain.changed and "git" not in plain.text.partition(" AS runner\n")[2]
    slim = refactor(TEXT.replace("node:18", "node:18-slim").replace(
        "RUN npm", "RUN apt-get update && apt-get install -y python3 make g++\nRUN npm"),
        read_context=context_of({"package.json": MANIFEST}))
    assert slim.changed and "git" not in slim.text.partition(" AS runner\n")[2], slim.text
