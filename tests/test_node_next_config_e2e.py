"""`next start` with a next.config.ts on Next.js 15.5, on a real engine: before, the builder pruned the dev
dependencies and the server stopped at its start ("Failed to load next.config.ts ... Cannot find module
'typescript'", vercel/next.js#81797); now typescript stays and the page answers as in the original. The app is built
with npm from the registry (about 2 minutes). Skipped without a Docker engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import verified

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM node:18
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
RUN npm run build
CMD ["node", "./node_modules/next/dist/bin/next", "start", "-p", "3917"]
"""
PACKAGE = {"name": "nx", "private": True, "scripts": {"build": "next build"},
           "dependencies": {"next": "15.5.2", "react": "19.1.0", "react-dom": "19.1.0"},
           "devDependencies": {"typescript": "5.6.3", "@types/react": "19.1.0", "@types/node": "20.11.0"}}
# (a build id of its own, so that the original's build and the builder's give the same pages to compare)
FILES = {"next.config.ts": 'import type { NextConfig } from "next";\nexport default { generateBuildId: async () => '
                           '"msrefactor-e2e" } satisfies NextConfig;\n',
         "app/layout.tsx": "export default function RootLayout({ children }: { children: React.ReactNode }) {\n"
                           "  return (<html><body>{children}</body></html>);\n}\n",
         "app/page.tsx": "export default function Page() { return <p>hello from next</p>; }\n"}


def test_next_start_finds_typescript_for_its_configuration(tmp_path: Path) -> None:
    for name, text in {**FILES, "package.json": json.dumps(PACKAGE), "Dockerfile": FILE}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed and "npm prune" not in result.text, result.text
    report = verified(tmp_path, result.text, http=(3917, "/"), timeout=90)
    bodies = [ms.body for _, ms in report.smoke]
    assert bodies and "hello from next" in bodies[0], report
