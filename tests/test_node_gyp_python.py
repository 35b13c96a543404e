"""Python's interpreter installed with a compiler on a Node.js image, for node-gyp (gyp is Python's), which builds
the native addons at `npm install` (rp26native LoggeL/jpCore, rajjitlai/rbac_project, LoggeL/avatar-watcher,
SoftwareMaestro16/simple-stat; rp26review BernardoLima07/FreelancingSoftwareAPI, Syl8n/group4comp308-backend's
py3-pip): the runtime installed it again though nothing ran it (jpCore: 547 -> 469 MB without it, the same answers).
It is left out where the build context shows that nothing else may run it, and kept wherever something may."""

from __future__ import annotations

import json

from conftest import context_of

from transformer import refactor

FILE = """FROM node:18-slim
RUN apt-get update && apt-get install -y python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package*.json ./
RUN npm install
COPY . .
CMD ["node", "index.js"]
"""

PACKAGE = json.dumps({"name": "app", "dependencies": {"sqlite3": "^5.1.7", "express": "^4"}})


def _runner(text: str) -> str:
    return text.partition(" AS runner\n")[2]


def _files(index: str) -> dict[str, str]:
    return {"package.json": PACKAGE, "package-lock.json": "{}", "index.js": index}


def test_python_for_node_gyp_is_left_in_the_builder() -> None:
    result = refactor(FILE, read_context=context_of(_files("require('sqlite3');\n")))
    assert result.changed, result.skipped
    assert "python3" not in _runner(result.text), result.text
    assert any("leaves out python3, installed with the compiler for node-gyp" in c.message for c in result.changes)


def test_an_app_that_spawns_python_keeps_it() -> None:
    index = "const { execSync } = require('child_process');\nexecSync('python3 report.py');\n"
    assert "python3" in _runner(refactor(FILE, read_context=context_of(_files(index))).text)


def test_a_command_that_runs_python_keeps_it() -> None:
    text = FILE.replace('CMD ["node", "index.js"]', 'CMD ["sh", "-c", "python3 migrate.py && node index.js"]')
    assert "python3" in _runner(refactor(text, read_context=context_of(_files(""))).text)


def test_python_installed_alone_is_for_run_time() -> None:
    text = FILE.replace("python3 make g++", "make g++").replace(
        "WORKDIR /app", "RUN apt-get update && apt-get install -y python3\nWORKDIR /app")
    assert "python3" in _runner(refactor(text, read_context=context_of(_files(""))).text)


def test_without_the_build_context_it_stays() -> None:
    result = refactor(FILE)
    assert result.changed, result.skipped
    assert "python3" in _runner(result.text), result.text
