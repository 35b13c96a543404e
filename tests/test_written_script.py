"""A CMD that runs a script the file itself writes (``echo 'make install' >> /init.sh``) is read through that
script: a build tool it runs at run time keeps the file as it is, as one named in the CMD does."""

from __future__ import annotations

from conftest import runner_stage, skip_reason

BASE = """FROM node:18
WORKDIR /app
COPY package.json .
RUN npm install
COPY . .
"""


def test_cmd_running_a_written_script_that_runs_make_is_left_alone() -> None:
    text = BASE + """RUN echo '#!/bin/sh' > /init.sh && echo 'make install' >> /init.sh && chmod +x /init.sh
CMD sh -c /init.sh && node server.js
"""
    assert "runs make at run time (in /init.sh, which the file writes)" in skip_reason(text)


def test_relative_script_in_workdir_is_read_too() -> None:
    text = BASE + """RUN printf 'make all\\n' > start.sh
CMD ["sh", "start.sh"]
"""
    assert "in /app/start.sh, which the file writes" in skip_reason(text)


def test_written_script_without_build_tools_is_rewritten() -> None:
    text = BASE + """RUN echo 'node server.js' > /init.sh && chmod +x /init.sh
CMD ["/init.sh"]
"""
    runtime = runner_stage(text)
    assert runtime.startswith("FROM node:18-slim AS runner")
    assert "RUN echo 'node server.js' > /init.sh" in runtime
