"""``chown -R app /home/app`` before the build fills /home/app/tool/node_modules (as the user app) changed only the
files there before it. The runtime used to repeat it after copying node_modules: the chown changed the copied files
again, and its layer held a second copy of them (a runtime 16 MB larger than the original on a real engine, with
typescript alone). Now it stays at its place, where the folder is already there, and the copy gives node_modules
its builder's user; a chown of an output made before it still follows the copies."""

from __future__ import annotations

from conftest import NODE_APP_FILES, runner_stage

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
    runner = runner_stage(FILE.format(before=""), NODE_APP_FILES)
    chown = runner.index("chown -R $USER:$USER $HOME_DIR")
    copy = runner.index("COPY --from=builder --chown=app /home/app/tool/node_modules")
    assert chown < copy and "USER 0" not in runner, runner


def test_a_chown_over_an_output_made_before_it_follows_the_copies() -> None:
    # the vendored folder the first npm install made is the chown's too: it is repeated on the copy
    runner = runner_stage(FILE.format(before="RUN cd /home/app/vendor && npm install\n"))
    chown = runner.rindex("chown -R $USER:$USER $HOME_DIR")
    copy = runner.index("COPY --from=builder")
    assert copy < chown, runner


MADE_THEN_OWNED = """FROM python:3.11
RUN useradd -m nonroot
RUN mkdir /home/app/ && chown -R nonroot:nonroot /home/app
WORKDIR /home/app
USER nonroot
COPY --chown=nonroot:nonroot . .
ENV VIRTUAL_ENV=/home/app/venv
RUN python -m venv $VIRTUAL_ENV
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
RUN pip install -r requirements.txt
CMD ["python", "app.py"]
"""


def test_a_chown_of_a_folder_the_same_run_makes_stays_at_its_place_with_the_mkdir() -> None:
    """``mkdir /home/app && chown -R nonroot /home/app`` before the venv is made in /home/app (as
    docker/awesome-compose's nginx-wsgi-flask does): the runtime used to drop the mkdir (the copy makes the folder)
    and repeat the chown as root after copying the venv, whose layer then held a second copy of it (26.6 MB with
    flask alone, on a real engine). Now both stay at their place and the copy gives the venv its owner."""
    runner = runner_stage(MADE_THEN_OWNED)
    here = runner.index("RUN mkdir /home/app/ && chown -R nonroot:nonroot /home/app\n")
    copy = runner.index("COPY --from=builder --chown=nonroot /home/app/venv /home/app/venv")
    assert here < copy and runner.count("chown -R") == 1 and "USER 0" not in runner, runner


def test_a_mode_change_of_a_folder_the_same_run_makes_stays_at_its_place() -> None:
    """``mkdir -p /out && chmod 755 /out`` before the build writes /out/app: both stay before the copy, as in the
    original, instead of a `chmod` repeated after it."""
    runner = runner_stage("FROM golang:1.21\nWORKDIR /src\nCOPY . .\nRUN mkdir -p /out && chmod 755 /out\n"
                          "RUN go build -o /out/app .\nCMD [\"/out/app\"]\n")
    assert runner.index("RUN mkdir -p /out && chmod 755 /out\n") < runner.index("COPY --from=builder /out/app"), runner
    assert runner.count("chmod") == 1, runner


COPIED_INTO = """FROM node:18
RUN useradd app
COPY package.json /src/
RUN chown -R app:app /src/
USER app
WORKDIR /src
RUN npm install
CMD ["npm", "start"]
"""


def test_a_chown_of_a_folder_a_copy_of_the_context_made_stays_at_its_place() -> None:
    """``COPY package.json /src/`` makes /src, which ``chown -R app /src/`` owns before npm install fills
    /src/node_modules as app (dev 320ee2b0): the runtime repeated the chown after copying node_modules, whose layer
    then held a second copy of them (with the file's later chown of /src/*, a third: larger than the original)."""
    runner = runner_stage(COPIED_INTO, NODE_APP_FILES)
    chown = runner.index("RUN chown -R app:app /src/\n")
    assert chown < runner.index("COPY --from=builder --chown=app /src/node_modules"), runner
    assert runner.index("COPY package.json /src/") < chown and "USER 0" not in runner, runner


def test_a_chown_of_a_folder_a_copy_into_another_made_follows_the_copies() -> None:
    # /src is made by no copy the runtime repeats before the chown (package.json goes to /etc/app): after the copies
    runner = runner_stage(COPIED_INTO.replace("COPY package.json /src/", "COPY package.json /etc/app/"),
                          NODE_APP_FILES)
    assert runner.index("COPY --from=builder") < runner.index("chown -R app:app /src/"), runner
