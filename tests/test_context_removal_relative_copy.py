"""``COPY . .`` into the working folder, then ``RUN rm -f .npmrc``: the runtime repeats the context COPY, so it
repeats the deletion too (the original has no .npmrc; npm fails to start on one that names an unset
${NPM_TOKEN}). The deletion was read as the build's cleanup of its working folder and dropped: the COPY's
destination, `.`, was not resolved against the WORKDIR, and a COPY into / was not counted."""

from __future__ import annotations

import pytest
from conftest import runner_stage

NODE = """\
FROM node:18-alpine
WORKDIR {workdir}
COPY .npmrc .npmrc
COPY package.json package.json
RUN npm install
COPY . .
RUN rm -f .npmrc
CMD ["npm", "start"]
"""


@pytest.mark.parametrize("workdir", ["/app", "/"])
def test_a_context_file_deleted_after_copy_dot_is_deleted_in_the_runtime(workdir: str) -> None:
    runtime = runner_stage(NODE.format(workdir=workdir))
    assert runtime.index("COPY . .") < runtime.index("RUN rm -f .npmrc"), runtime


def test_a_build_output_deleted_after_copy_dot_is_not_repeated() -> None:
    runtime = runner_stage(NODE.format(workdir="/").replace("rm -f .npmrc", "rm -f node_modules/.package-lock.json"))
    assert "rm -f" not in runtime, runtime
