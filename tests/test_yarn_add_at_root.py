"""`yarn add` run in / (no WORKDIR yet; 19fedce6: `yarn add global grunt-cli` as root before the app's WORKDIR)
writes /package.json, listing the packages added, and /yarn.lock beside /node_modules. The runtime copied
/node_modules alone, so the two files the original has in / were missing. It copies them too (not yarn.lock where
a flag keeps yarn from writing it); npm's install in / writes /package.json only from npm 5 on, and stays as it was."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """\
FROM node:18
USER root
RUN yarn add {flags}left-pad
WORKDIR /usr/src/app
COPY . .
RUN yarn install --frozen-lockfile && yarn run build
CMD ["node", "server.js"]
"""


def test_the_runtime_gets_the_files_yarn_add_writes_in_root() -> None:
    runtime = runner_stage(FILE.format(flags=""))
    for path in ("/node_modules", "/package.json", "/yarn.lock"):
        assert f"COPY --from=builder {path} {path}\n" in runtime, runtime


@pytest.mark.parametrize("flag", ["--no-lockfile", "--pure-lockfile"])
def test_no_yarn_lock_where_yarn_writes_none(flag: str) -> None:
    runtime = runner_stage(FILE.format(flags=f"{flag} "))
    assert "COPY --from=builder /package.json /package.json" in runtime and "/yarn.lock" not in runtime, runtime


def test_npm_install_in_root_copies_node_modules_alone() -> None:
    runtime = runner_stage(FILE.format(flags="").replace("RUN yarn add left-pad", "RUN npm install left-pad"))
    assert "COPY --from=builder /node_modules /node_modules" in runtime and "/package.json" not in runtime, runtime
