"""`next build` leaves webpack's cache of the modules it compiled in .next/cache/webpack, for the next build, which the
runtime got with the app's folder (rp19node akumotech/app-student-view-nextjs: 88 MB of 1,455): the builder removes it
after the build; the rest of .next/cache (the images `next start` optimizes, fetched data) stays."""

from __future__ import annotations

from conftest import stages

_NEXT = '{"name": "x", "scripts": {"build": "next build", "start": "next start"}, "dependencies": {"next": "14"}}'
_VITE = '{"name": "x", "scripts": {"build": "vite build", "start": "vite preview"}, "dependencies": {"vite": "5"}}'


def _file(build: str) -> str:
    return f'FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm install\nRUN {build}\nCMD ["npm", "start"]\n'


def test_a_next_build_by_its_script_leaves_no_webpack_cache() -> None:
    builder, runtime = stages(_file("npm run build"), {"package.json": _NEXT})
    assert "RUN npm run build \\\n    && rm -rf /app/.next/cache/webpack" in builder
    assert "COPY --from=builder /app /app" in runtime


def test_next_build_itself_and_by_npx() -> None:
    assert "rm -rf /app/.next/cache/webpack" in stages(_file("npx next build"), {"package.json": _NEXT})[0]
    assert "rm -rf /app/.next/cache/webpack" in stages(_file("./node_modules/.bin/next build"),
                                                       {"package.json": _NEXT})[0]


def test_another_build_keeps_its_folder() -> None:
    assert ".next" not in stages(_file("npm run build"), {"package.json": _VITE})[0]


def test_a_build_in_another_folder_is_not_guessed() -> None:
    files = {"package.json": _NEXT, "web/package.json": _NEXT}
    assert ".next" not in stages(_file("cd web && npm run build"), files)[0]


_DOCUSAURUS = ('{"name": "docs", "scripts": {"build": "docusaurus build", "serve": "node server.js"}, '
               '"dependencies": {"@docusaurus/core": "2", "express": "4"}}')
_CACHES = ("rm -rf /app/node_modules/.cache/webpack /app/node_modules/.cache/babel-loader "
           "/app/node_modules/.cache/terser-webpack-plugin")


def test_a_webpack_build_leaves_no_loader_caches_in_node_modules() -> None:
    """rp24node bndernet/bnder-docs: `docusaurus build` leaves webpack 5's persistent cache in
    node_modules/.cache/webpack (122 MB of the runtime's 759), which express serving build/ never reads."""
    text = _file("npm run build").replace('CMD ["npm", "start"]', 'CMD ["node", "server.js"]')
    builder, runtime = stages(text, {"package.json": _DOCUSAURUS})
    assert f"RUN npm run build \\\n    && {_CACHES}" in builder
    assert "COPY --from=builder /app /app" in runtime
    cra = _DOCUSAURUS.replace("docusaurus build", "react-scripts build")
    assert _CACHES in stages(text, {"package.json": cra})[0]
    assert _CACHES in stages(_file("npx webpack --mode production"), {"package.json": _VITE})[0]


def test_a_build_by_another_tool_removes_none() -> None:
    assert "node_modules/.cache" not in stages(_file("npm run build"), {"package.json": _VITE})[0]
    tsc = _VITE.replace("vite build", "tsc -p .")
    assert "node_modules/.cache" not in stages(_file("npm run build"), {"package.json": tsc})[0]


def test_webpack_as_an_argument_is_not_a_build() -> None:
    # `npm i webpack` installs it, and builds nothing
    assert "node_modules/.cache" not in stages(_file("npm i webpack"), {"package.json": _VITE})[0]
