"""A node_modules folder installed as root before the file's USER, on a real engine: the runtime copies it as root's
(--chown=root:root), not the later user's, and the app sees the same owners as in the original (root's, then the
user's). Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM node:18
COPY tool/ /opt/tool/
RUN cd /opt/tool && npm install
RUN useradd -m app && mkdir /home/app/src && chown app /home/app/src
WORKDIR /home/app/src
COPY --chown=app . .
USER app
RUN npm install
CMD ["node", "index.js"]
"""

APP = """const fs = require('fs'), os = require('os');
const owner = (p) => fs.statSync(p).uid === 0 ? 'root' : os.userInfo().username;
console.log(require('ms')('1h'), owner('/opt/tool/node_modules/ms'), owner('/home/app/src/node_modules/ms'));
"""


def test_the_folder_root_installed_stays_root_s(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    package = '{"name": "%s", "version": "1.0.0", "dependencies": {"ms": "2.1.3"}}\n'
    (tmp_path / "package.json").write_text(package % "app")
    (tmp_path / "index.js").write_text(APP)
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "package.json").write_text(package % "tool")
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    assert verified_default_output(tmp_path, result.text).strip() == "3600000 root app"
    assert "COPY --from=builder --chown=root:root /opt/tool/node_modules" in result.text, result.text
