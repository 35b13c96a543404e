"""`yarn add` run in / before the app's WORKDIR, on a real engine: the original has /package.json (listing the
package added) and /yarn.lock beside /node_modules, and so does the runtime, which copied /node_modules alone
before. The zoo's node:18 (Debian's Node.js) has no yarn, which the official image ships: the file installs it
first. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM node:18
RUN npm i -g yarn@1.22.22
RUN yarn add ms@2.1.3
WORKDIR /usr/src/app
COPY . .
RUN npm install
CMD ["node", "index.js"]
"""

APP = """const fs = require('fs');
console.log(JSON.stringify(require('/package.json').dependencies), fs.existsSync('/yarn.lock'), require('ms')('1h'));
"""


def test_the_runtime_has_the_files_yarn_add_wrote_in_root(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "package.json").write_text('{"name": "app", "version": "1.0.0", "dependencies": {"ms": "2.1.3"}}\n')
    (tmp_path / "index.js").write_text(APP)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert "COPY --from=builder /package.json /package.json" in result.text, result.text
    assert verified_default_output(tmp_path, result.text).strip() == '{"ms":"2.1.3"} true 3600000'
