"""npx's cache on a real engine (test_npx_fetched_at_build): a devDependency the production install leaves out, run
with npx by a build step and by the start script. The original's npx runs the copy it fetched at build time; the
runtime, with npx's cache copied, does too, where before it announced "The following package was not found and will
be installed" at each start. Skipped without a Docker engine."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import verified_images

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM node:18
WORKDIR /app
COPY package.json ./
RUN npm install --omit=dev
COPY index.js ./
RUN npx cowsay built
CMD ["npm", "run", "start:prod"]
"""


def test_the_start_script_runs_what_npx_fetched_at_build_time(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "package.json").write_text(json.dumps({
        "name": "npxapp", "version": "1.0.0", "scripts": {"start:prod": "npx cowsay started && node index.js"},
        "dependencies": {}, "devDependencies": {"cowsay": "1.6.0"}}))
    (tmp_path / "index.js").write_text('console.log("app running")\n')
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    with verified_images(tmp_path, result.text) as report:
        outputs = [(orig.output, ms.output) for orig, ms in report.smoke if orig.kind == "default"]
    assert outputs, report
    original, rewritten = outputs[0]
    assert "app running" in original and "app running" in rewritten, outputs
    assert "will be installed" not in original and "will be installed" not in rewritten, outputs
