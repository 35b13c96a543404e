"""A git command that changes the files of a work tree the runtime would otherwise take from the build context
(`git submodule update`, `git pull`, `git checkout`, `git clean`) leaves that folder as the builder has it: the
runtime copies it whole from the builder. Found reading dev file 42c8c7fb (`ADD . /wass`, then `git submodule
update`): the runtime repeated the ADD and lacked the submodules' checkouts. Commands that change only .git, and
work trees under a scratch folder, copy nothing."""

from __future__ import annotations

import pytest
from conftest import stages

FILE = ("FROM python:3.11\nWORKDIR /app\nCOPY . /app\nRUN {git} && pip install -r requirements.txt\n"
        "CMD [\"python\", \"app.py\"]\n")


@pytest.mark.parametrize("git", ["git submodule update --init --recursive", "git pull", "git checkout v1.2",
                                 "git -C /app clean -fdx", "cd /app && git reset --hard v1"])
def test_the_runtime_copies_the_work_tree_git_changed(git: str) -> None:
    _, runtime = stages(FILE.format(git=git))
    assert "COPY --from=builder /app /app" in runtime, runtime
    assert "COPY . /app" not in runtime, runtime


@pytest.mark.parametrize("git", ["git fetch origin", "git config user.name x", "git tag v1"])
def test_commands_that_change_only_git_s_own_files_copy_nothing_more(git: str) -> None:
    _, runtime = stages(FILE.format(git=git))
    assert "COPY . /app" in runtime, runtime


def test_a_scratch_work_tree_is_not_copied() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y git build-essential\n"
            "RUN git clone https://example.org/x.git /tmp/x && cd /tmp/x && git checkout v1 && make install "
            "PREFIX=/opt/x\nCMD [\"/opt/x/bin/x\"]\n")
    _, runtime = stages(text)
    assert "/tmp/x" not in runtime and "COPY --from=builder /opt/x /opt/x" in runtime, runtime
