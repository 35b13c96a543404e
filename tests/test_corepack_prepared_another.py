"""`corepack prepare pnpm@9.1.0 --activate` where package.json names pnpm@9.15.9: the shims fetched 9.15.9 at
their first use, in the build, into corepack's cache; the runtime, which repeats the prepare, would fetch it when
the program starts (rp19node heimgewebe/leitstand: with COREPACK_ENABLE_NETWORK=0 the rewrite exited "can't reach
npm repository"). Such a file is left alone; one whose versions agree is rewritten."""

from __future__ import annotations

import json
from pathlib import Path

from transformer import Result, refactor
from transformer.fileio import context_reader

FILE = """FROM node:20
WORKDIR /app
RUN corepack enable && corepack prepare pnpm@9.1.0 --activate
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm build
CMD ["pnpm", "start"]
"""


def _result(tmp_path: Path, manager: str) -> Result:
    (tmp_path / "package.json").write_text(json.dumps({"name": "x", "packageManager": manager,
                                                       "scripts": {"build": "tsc", "start": "node dist/main.js"},
                                                       "dependencies": {"express": "^4.19.0"}}))
    (tmp_path / "pnpm-lock.yaml").write_text("lockfileVersion: '9.0'\n")
    return refactor(FILE, read_context=context_reader(str(tmp_path)))


def test_another_version_than_package_json_names_is_left_alone(tmp_path: Path) -> None:
    result = _result(tmp_path, "pnpm@9.15.9+sha512.abc")
    assert not result.changed
    assert "readies pnpm@9.1.0, but package.json names pnpm@9.15.9" in (result.skipped or ""), result.skipped


def test_the_version_package_json_names_is_rewritten(tmp_path: Path) -> None:
    result = _result(tmp_path, "pnpm@9.1.0")
    assert result.changed, result.skipped
