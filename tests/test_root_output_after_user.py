"""A build output made as root before the file's `USER node`, copied by the runtime after that USER: the copy gave it
the later user (`COPY --from=builder --chown=node /usr/local/bin/jq ...`, seen on a node Dockerfile that downloads
jq, then builds as node; on a real engine /node_modules that `yarn add` made as root was node's in the runtime, root's
in the original). It keeps root's: the copy names root (COPY's default, written out where a USER is in effect, as
tally's copy-after-user-without-chown asks). An output made as the USER still gets it."""

from __future__ import annotations

from conftest import NODE_APP_FILES, runner_stage

FILE = """FROM node:18
RUN curl -fsSL -o /usr/local/bin/tool https://example.org/tool && chmod +x /usr/local/bin/tool
WORKDIR /home/node/app
COPY --chown=node . .
USER node
RUN npm install
CMD ["node", "index.js"]
"""


def test_an_output_made_by_root_is_copied_without_the_later_user() -> None:
    runner = runner_stage(FILE)
    assert "COPY --from=builder --chown=root:root /usr/local/bin/tool /usr/local/bin/tool\n" in runner, runner


def test_an_output_made_by_the_user_keeps_its_chown() -> None:
    runner = runner_stage(FILE, NODE_APP_FILES)
    assert "COPY --from=builder --chown=node /home/node/app/node_modules" in runner, runner
