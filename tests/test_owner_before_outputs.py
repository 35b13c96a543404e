"""``chown -R app /home/app`` before the build fills /home/app/tool/node_modules (as the user app) changed only the
files there before it. The runtime used to repeat it after copying node_modules: the chown changed the copied files
again, and its layer held a second copy of them (a runtime 16 MB larger than the original on a real engine, with
typescript alone). Now it stays at its place, where the folder is already there, and the copy gives node_modules
its builder's user; a chown of an output made before it still follows the copies."""

from __future__ import annotations

from conftest import runner_stage

FILE = """FROM node:18-slim
ARG USER=app
ARG HOME_DIR=/home/$USER
ARG TOOL_HOME=$HOME_DIR/tool
COPY . $TOOL_HOME
WORKDIR $TOOL_HOME
{before}RUN groupadd -r $USER && useradd -r -g $USER $USER \\
    && chown -R $USER:$USER $HOME_DIR
USER $USER
RUN npm install
CMD ["node", "index.js"]
"""


def test_a_chown_before_the_build_stays_at_its_place() -> None:
    runner = runner_stage(FILE.format(before=""))
    chown = runner.index("chown -R $USER:$USER $HOME_DIR")
    copy = runner.index("COPY --from=builder --chown=app /home/app/tool/node_modules")
    assert chown < copy and "USER 0" not in runner, runner


def test_a_chown_over_an_output_made_before_it_follows_the_copies() -> None:
    # the vendored folder the first npm install made is the chown's too: it is repeated on the copy
    runner = runner_stage(FILE.format(before="RUN cd /home/app/vendor && npm install\n"))
    chown = runner.rindex("chown -R $USER:$USER $HOME_DIR")
    copy = runner.index("COPY --from=builder")
    assert copy < chown, runner
