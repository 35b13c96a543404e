"""A shell-form RUN with a `sh -c 'SCRIPT'` among its commands (`sh -c 'echo "deb ..." >> /etc/apt/sources.list'`
before an apt install): the runtime takes its units as it does those of any shell-form RUN, each `sh -c` whole,
in the same form. A `sh -c` the runtime would need part of, or whose script changes the shell only for itself
(what the walk reads beyond it), or a `su -c`, still leaves the file alone."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

APP = "FROM node:18\nWORKDIR /app\nCOPY package.json yarn.lock ./\n"
TAIL = "COPY . .\nCMD [\"node\", \"app.js\"]\n"
SOURCE = "sh -c 'echo \"deb http://deb.example.org/debian bookworm main\" >> /etc/apt/sources.list'"


def test_a_sh_c_setup_is_repeated_whole_beside_the_kept_install() -> None:
    text = f"{APP}RUN {SOURCE} \\\n && apt-get update \\\n && apt-get install -y ffmpeg \\\n && yarn install\n{TAIL}"
    runtime = runner_stage(text)
    assert f"RUN {SOURCE} \\\n && apt-get update \\\n && apt-get install -y --no-install-recommends ffmpeg" in runtime
    assert "yarn install" not in runtime
    assert "COPY --from=builder /app/node_modules /app/node_modules" in runtime


def test_a_sh_c_build_step_stays_in_the_builder() -> None:
    text = f"{APP}RUN apt-get update && apt-get install -y ffmpeg && sh -c 'yarn install --frozen-lockfile'\n{TAIL}"
    runtime = runner_stage(text)
    assert "apt-get install -y --no-install-recommends ffmpeg" in runtime and "yarn" not in runtime


@pytest.mark.parametrize(("wrapped", "reason"), [
    ("sh -c 'apt-get install -y ffmpeg gcc'", "the runtime would install part of what a `sh -c` of it installs"),
    ("sh -c 'export DEBIAN_FRONTEND=noninteractive; echo deb http://x y z >> /etc/apt/sources.list'",
     "changes the shell (`export`) only for itself"),
    ("sh -c 'cd /etc/apt && echo deb http://x y z >> sources.list'", "changes the shell (`cd`) only for itself"),
])
def test_a_sh_c_the_runtime_cannot_take_whole_leaves_the_file_alone(wrapped: str, reason: str) -> None:
    text = f"{APP}RUN apt-get update && {wrapped} && apt-get install -y imagemagick && yarn install\n{TAIL}"
    assert reason in skip_reason(text)


def test_a_su_c_is_still_not_split() -> None:
    text = (f"{APP}RUN useradd -m app && apt-get update && apt-get install -y ffmpeg "
            f"&& su app -c 'yarn install'\n{TAIL}")
    assert "cannot be split" in skip_reason(text)
