"""npm installs for the nearest folder that has a package.json: with `COPY package*.json ./` before `WORKDIR
/usr/src/app` and `npm install` run there, where no COPY put one, node_modules lands in /node_modules (rp16,
crashzky/skillactive, checked on npm 9), which the runtime must copy, not /usr/src/app/node_modules."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM node:16
COPY package*.json {dest}
WORKDIR /usr/src/app
{between}RUN npm install --production
COPY . .
RUN npm run build
CMD ["npm", "start"]
"""


def test_the_install_goes_to_the_folder_above_that_has_the_manifest() -> None:
    runtime = runner_stage(FILE.format(dest="./", between=""))
    assert "COPY --from=builder /node_modules /node_modules\n" in runtime, runtime
    assert "/usr/src/app/node_modules" not in runtime, runtime


@pytest.mark.parametrize(("dest", "between"), [
    ("./", "COPY package.json ./\n"),  # a manifest in the folder npm runs in: its own
    ("./", "COPY . .\n"),  # the context (package.json with it) copied into that folder
    ("/usr/src/app/", ""),
])
def test_a_manifest_in_the_folder_keeps_the_install_there(dest: str, between: str) -> None:
    runtime = runner_stage(FILE.format(dest=dest, between=between))
    assert "COPY --from=builder /node_modules" not in runtime, runtime


def test_a_folder_copied_above_may_bring_the_manifest_of_the_folder_npm_runs_in() -> None:
    """`COPY . /app` brings client/package.json too: npm installs in /app/client, where the tool keeps it."""
    text = ("FROM node:16\nCOPY package.json /app/\nCOPY . /app\nWORKDIR /app/client\nRUN npm install\n"
            "CMD [\"node\", \"server.js\"]\n")
    files = {"package.json": '{"name": "root"}', "client/package.json": '{"dependencies": {"express": "4"}}',
             "client/server.js": ""}
    runtime = runner_stage(text, files)
    assert "/app/client/node_modules" in runtime and "/app/node_modules" not in runtime, runtime


def test_with_the_context_the_install_goes_above_too() -> None:
    files = {"package.json": '{"dependencies": {"next": "13"}}', "server.js": ""}
    runtime = runner_stage(FILE.format(dest="./", between=""), files)
    assert "COPY --from=builder /node_modules /node_modules\n" in runtime, runtime
