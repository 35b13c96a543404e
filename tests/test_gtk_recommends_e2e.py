"""GTK's recommended packages, on a real engine: the original's `apt-get install -y libgtk-3-0` (for a prebuilt
Electron, dev 0e063c1c) took at-spi2-core, which depends on libxtst6; the runtime's copy of the install takes them
too, and libXtst.so.6, which Electron links, is there in both images (with --no-install-recommends it was not:
`libXtst.so.6: cannot open shared object file`). The app stands in for Electron's loader: it looks for the
library where the dynamic linker does. node:18 and node:18-slim of the zoo (Debian bookworm). Skipped without a
Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FILE = """FROM node:18
WORKDIR /usr/src/app
RUN apt-get update && apt-get install -y libgtk-3-0 libnss3 libxss1
COPY package.json ./
RUN npm install
COPY app.js ./
CMD ["node", "app.js"]
"""

APP = """const fs = require("fs");
const found = fs.readdirSync("/usr/lib").some((d) => fs.existsSync(`/usr/lib/${d}/libXtst.so.6`));
console.log(found ? "libXtst.so.6 found" : "libXtst.so.6: cannot open shared object file");
"""


def test_the_runtime_has_the_libraries_gtks_recommends_bring(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(FILE)
    (tmp_path / "package.json").write_text('{"name": "app", "version": "1.0.0", "private": true}\n')
    (tmp_path / "app.js").write_text(APP)
    result = refactor(FILE, read_context=context_reader(str(tmp_path)))
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner", 1)[1]
    assert "apt-get install -y libgtk-3-0 libnss3 libxss1 && rm -rf /var/lib/apt/lists/*" in runner, result.text
    assert verified_default_output(tmp_path, result.text).strip() == "libXtst.so.6 found"
