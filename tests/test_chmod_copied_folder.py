"""A `chmod` of a folder the runtime copies whole (`chmod -R g+rwX /app`, OpenShift's pattern): the copy keeps the
modes of the folder's files, which the builder's chmod set, but makes the folder itself 0755. The runtime dropped
the chmod as carried by the copy, and a user of group 0 could not write /app (adv-s36 W5, engine: fixtures/apps/
node-chmod-group-write, 775 -> 755, EACCES). The runtime repeats it after the copies without -R, for the folder
itself: with -R its layer would hold the copied files a second time. A chmod of a file the build made (`chmod +x
bin/tool`) is carried as before."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM node:18
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build{same}
{after}CMD ["node", "index.js"]
"""


@pytest.mark.parametrize(("same", "after", "expected"), [
    ("", "RUN chmod -R g+rwX /app && chown -R 1001:0 /app\n", "RUN chmod g+rwX /app && chown 1001:0 /app\n"),
    (" && chmod -R 777 /app", "", "RUN chmod 777 /app\n"),
    ("", "RUN chmod 775 /app\n", "RUN chmod 775 /app\n"),
])
def test_the_folder_s_own_mode_is_set_again_without_r(same: str, after: str, expected: str) -> None:
    runner = runner_stage(FILE.format(same=same, after=after))
    assert expected in runner, runner
    assert runner.index("COPY --from=builder") < runner.index(expected), runner


def test_a_file_the_build_made_keeps_its_mode_through_the_copy() -> None:
    runner = runner_stage(FILE.format(same=" && chmod +x dist/cli.js", after=""))
    assert "chmod" not in runner, runner
