"""``chown -R node:node /usr/src/app`` before the build fills the folder the runtime copies whole as node: repeated
after the copy with -R, its layer held the copied files a second time (dev 2f1b5611, 31cc3db2; a reviewer's repro of
dev 32e1651b came out larger than the original). The copy takes the chown's owner and group, and the chown is
repeated without -R, for the folder itself, which the runtime's WORKDIR made root's (engine proof:
fixtures/apps/c-chown-before-build, whose smoke check compares the owners of the folder and its files)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = """FROM node:18
USER root
COPY . /usr/src/app
RUN {chown}
USER node
WORKDIR /usr/src/app
RUN npm install && npm run build
{tail}CMD ["npm", "start"]
"""


@pytest.mark.parametrize(("chown", "flat"), [("chown -R node:node /usr/src/app", "chown node:node /usr/src/app"),
                                             ("chown -hR node:node /usr/src/app", "chown -h node:node /usr/src/app"),
                                             ("chown --recursive node /usr/src/app", "chown node /usr/src/app"),
                                             ("sudo chown -R node:node /usr/src/app",  # dev 32e1651b
                                              "sudo chown node:node /usr/src/app")])
def test_the_copy_takes_the_owner_and_the_chown_loses_its_recursion(chown: str, flat: str) -> None:
    out = runner_stage(FILE.format(chown=chown, tail=""))
    owner = chown.split()[-2]
    assert out.count("COPY --from=builder") == 1, out
    assert f"COPY --from=builder --chown={owner} /usr/src/app /usr/src/app" in out, out
    assert f"RUN {flat}\n" in out and "-R" not in out and "--recursive" not in out, out
    assert out.index("COPY --from=builder") < out.index(f"RUN {flat}"), out


def test_the_change_says_why() -> None:
    changes = [str(c) for c in refactor(FILE.format(chown="chown -R node:node /usr/src/app", tail="")).changes]
    assert any("--chown=node:node" in c and "without -R" in c for c in changes), changes


@pytest.mark.parametrize(("chown", "tail"), [
    ("chown -R node:node /usr/src/app", "COPY config.json /usr/src/app/\n"),  # files the chown also gave node
    ("chown -R node:node /usr/src", ""),  # a folder above the copy: other files in it
    ("chown -R www-data:www-data /usr/src/app", ""),  # not the copy's user
    ("chown node:node /usr/src/app", ""),  # not recursive: the folder only, as before
])
def test_other_chowns_are_repeated_as_they_are(chown: str, tail: str) -> None:
    out = runner_stage(FILE.format(chown=chown, tail=tail))
    assert f"RUN {chown}\n" in out, out
