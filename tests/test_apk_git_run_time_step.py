"""git installed with Alpine's apk where a build step may run it (npm, pip) was dropped from the runtime as a build
tool, even where the image's own command does a build step's kind of work that may run git at run time as well:
`npm run foreman` (a package.json script; 364562e7), a shell script the build context does not give
(`/bin/bash sh/package.sh`; 1dd082d2). The runtime keeps git there; where the command is the program itself
(`node server.js`) or a script the context gives that runs no such tool, git stays in the builder as before."""

from __future__ import annotations

import re

import pytest
from conftest import context_of, runner_stage

from transformer import refactor

NPM = """\
FROM node:18-alpine
WORKDIR /app
RUN apk add --update openssh-client git curl
COPY . /app
RUN npm install
CMD {cmd}
"""

PIP = """\
FROM alpine:3.18
RUN apk --update add py3-pip gcc python3-dev musl-dev bash curl git \\
 && pip install git+https://example.com/tool.git
COPY *.sh /
CMD {cmd}
"""


@pytest.mark.parametrize("cmd", ["npm run foreman", '["yarn", "start"]', "npx serve"])
def test_git_kept_for_a_package_manager_the_image_runs(cmd: str) -> None:
    runtime = runner_stage(NPM.format(cmd=cmd))
    assert "apk add --update --no-cache openssh-client git curl" in runtime, runtime


@pytest.mark.parametrize("cmd", ["/bin/bash sh/package.sh && /bin/bash sh/deploy.sh", '["/deploy.sh"]',
                                 '["tini", "--", "/deploy.sh"]', '["/deploy.bash"]'])
def test_git_kept_for_a_script_the_context_does_not_give(cmd: str) -> None:
    runtime = runner_stage(PIP.format(cmd=cmd))
    assert " git" in runtime, runtime


def test_git_left_in_the_builder_for_the_program_itself() -> None:
    runtime = runner_stage(NPM.format(cmd='["node", "server.js"]'))
    assert " git" not in runtime, runtime


def test_git_left_in_the_builder_for_a_script_that_runs_no_such_tool() -> None:
    context = context_of({"deploy.sh": "#!/bin/sh\nexec python3 -m http.server\n"})
    result = refactor(PIP.format(cmd='["/deploy.sh"]'), read_context=context)
    runtime = result.text.partition(" AS runner")[2]
    assert runtime and " git" not in runtime, result.text


def test_no_note_keeps_git_that_a_later_run_removes() -> None:
    """`RUN apk add gcc git && git clone ...` then `RUN apk del gcc git`: the runtime has no git, as the original;
    the explanation said "the runtime keeps git" for the script the ENTRYPOINT runs (0370c334, h-read3)."""
    text = ("FROM alpine:3.18\nRUN apk add --no-cache py3-pip\nRUN apk add gcc git && git clone https://x/y /src && "
            "cc -o /usr/local/bin/y /src/y.c\nRUN apk del gcc git\nENTRYPOINT [\"/entry.sh\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert " git" not in result.text.partition(" AS runner")[2], result.text
    assert not [c.message for c in result.changes if "keeps git" in c.message]


def test_a_program_of_a_node_package_linked_onto_path_keeps_git() -> None:
    """Dev file 1febf422 (gitmoji-changelog): the ENTRYPOINT runs a program of node_modules/.bin, linked into
    /usr/bin, which reads the mounted repository's history by spawning git (git-raw-commits): node's alpine images
    have no git, and the runtime had left it in the builder."""
    text = ("FROM node:12.14.1-alpine3.11\nRUN apk add --no-cache git\nWORKDIR /usr/src/tool\nCOPY . .\n"
            "RUN yarn --frozen-lockfile\n"
            "RUN ln -s /usr/src/tool/node_modules/.bin/gitmoji-changelog /usr/bin\n"
            "WORKDIR /app\nENTRYPOINT [\"gitmoji-changelog\"]\n")
    result = refactor(text)
    assert not result.changed or re.search(r"apk add[^\n]* git\b", runner_stage(text)), result.text
