"""A redirection of a compound command (``{ echo a; echo b; } > f``, ``( ... ) > f``, ``for ...; done > f``) is
that of every command inside it: the shell reader hung it on none of them, so the echoes that write
/root/.aws/config were nothing to keep, and the runtime lost the file the original writes (jessfraz/dockerfiles
awscli: ``mkdir -p /root/.aws && { echo '[default]'; ...; } > /root/.aws/config`` after ``pip3 install awscli``)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer.shell import parse_shell


@pytest.mark.parametrize("text", ["{ echo a; echo b; } > /etc/x.conf", "( echo a; echo b ) > /etc/x.conf",
                                  "for i in a b; do echo $i; echo b; done > /etc/x.conf",
                                  "true && { echo a; echo b; } > /etc/x.conf"])
def test_the_commands_inside_a_compound_get_its_redirection(text: str) -> None:
    echoes = [c for c in parse_shell(text).commands if c.name == "echo"]
    assert len(echoes) == 2 and all(c.redirects == ("> /etc/x.conf",) for c in echoes)


def test_only_the_last_compound_of_a_list_gets_it() -> None:
    first, second = parse_shell("cd /src && { echo a; } > f.new").commands
    assert first.redirects == () and second.redirects == ("> f.new",)


def test_a_substitution_inside_keeps_its_own_output() -> None:
    commands = parse_shell('{ echo "$(cat /etc/hostname)"; } > /etc/x.conf').commands
    assert [c.redirects for c in commands if c.name == "cat"] == [()]


@pytest.mark.parametrize("group", ["{ echo '[default]'; echo 'output = json'; }", "( echo '[default]' )",
                                   "for k in a b; do echo \"$k\"; done"])
def test_the_runtime_keeps_a_file_a_compound_writes(group: str) -> None:
    runtime = runner_stage(f"FROM python:3.11\nRUN pip install awscli && mkdir -p /root/.aws && {group} > "
                           '/root/.aws/config\nENTRYPOINT ["aws"]\n')
    assert f"{group} > /root/.aws/config" in runtime
