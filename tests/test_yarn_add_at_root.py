"""`yarn add` run in / (no WORKDIR yet; 19fedce6: `yarn add global grunt-cli` as root before the app's WORKDIR)
writes /package.json, listing the packages added, and /yarn.lock beside /node_modules. The runtime copied
/node_modules alone, so the two files the original has in / were missing. It copies them too (not yarn.lock where
a flag keeps yarn from writing it). npm 5 and 6 (Node.js 8 to 14) write /package-lock.json there, which the runtime
copies too; npm 7 and later stop in / ("Tracker "idealTree" already exists", on node:18's npm 9), and the npm of an
image the tool cannot tell copies nothing more."""

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


_WITH_APT = "RUN apt-get update && apt-get install -y curl\n"


@pytest.mark.parametrize(("image", "lock"), [("node:12", True), ("node:8-slim", True), ("node:carbon", True),
                                             ("node:6", False), ("node:18", False), ("node:latest", False),
                                             ("resin/raspberrypi3-node:8", False)])
def test_npm_5_and_6_write_a_lock_file_in_root(image: str, lock: bool) -> None:
    # (the file runs apt itself: Node.js 8 to 14's slim images are on stretch and buster, where a runtime that lists
    # the libraries of left-pad's unknown addons would add an apt the original does not run, and be left alone)
    file = FILE.format(flags="").replace("RUN yarn add left-pad", _WITH_APT + "RUN npm install left-pad")
    # an image the tool does not know may set a WORKDIR of its own: the file names its own, /, as these did
    workdir = "\nWORKDIR /" if "/" in image else ""
    runtime = runner_stage(file.replace("FROM node:18", f"FROM {image}{workdir}"))
    assert ("COPY --from=builder /package-lock.json /package-lock.json" in runtime) == lock, runtime
    assert "/package.json" not in runtime, runtime


@pytest.mark.parametrize("flag", ["--no-save", "--no-package-lock"])
def test_no_lock_where_npm_writes_none(flag: str) -> None:
    file = FILE.format(flags="").replace("RUN yarn add left-pad", f"{_WITH_APT}RUN npm install {flag} left-pad")
    runtime = runner_stage(file.replace("FROM node:18", "FROM node:12"))
    assert "package-lock.json" not in runtime, runtime
