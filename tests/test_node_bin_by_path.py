"""A command of the app's packages run by its path (``./node_modules/.bin/svelte-kit sync``) is what ``npx svelte-kit
sync`` runs: a build step of the app, not a script whose effect is unknown (rp20node remla-app, MISSED: left alone; the
rewrite with npx verified, 631 -> 431 MB). A command the tool knows by name keeps its own reading."""

from __future__ import annotations

from conftest import context_of, stages

from transformer import refactor

_PACKAGE = ('{"name": "x", "scripts": {"build": "vite build"}, "dependencies": {"@sveltejs/adapter-node": "5"}, '
            '"devDependencies": {"@sveltejs/kit": "2", "vite": "5"}}')
_FILES = {"package.json": _PACKAGE, "package-lock.json": "{}"}


def _file(step: str) -> str:
    return (f"FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN {step}\n"
            'EXPOSE 3000\nCMD ["node", "build"]\n')


def test_a_package_command_by_its_path_builds_the_app() -> None:
    text = _file("./node_modules/.bin/svelte-kit sync && npm run build")
    builder, runtime = stages(text, _FILES)
    assert "npm prune --omit=dev" in builder
    assert "COPY --from=builder /app /app" in runtime
    assert "FROM node:18-slim AS runner" in refactor(text, read_context=context_of(_FILES)).text


def test_the_same_by_npx() -> None:
    by_path = stages(_file("./node_modules/.bin/svelte-kit sync && npm run build"), _FILES)[1]
    assert by_path == stages(_file("npx svelte-kit sync && npm run build"), _FILES)[1]


def test_a_command_known_by_name_keeps_its_reading() -> None:
    result = refactor(_file("./node_modules/.bin/electron-rebuild && npm run build"), read_context=context_of(_FILES))
    assert any("electron-rebuild" in str(c) for c in result.changes), result.changes


def test_a_global_package_folder_is_not_the_app() -> None:
    result = refactor(_file("/usr/local/lib/node_modules/.bin/svelte-kit sync"), read_context=context_of(_FILES))
    assert not result.changed
