"""A CMD that does nothing (``CMD /bin/true``, 531c83e5's node image on geodata/gdal with compilers, git and
MongoDB's tools) with no ENTRYPOINT: the image is run with its users' own commands, as one with no CMD, and those
may need the build's tools. The file is left alone, saying so; ``CMD app || true`` or an ENTRYPOINT given ``true``
is no such command."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

NODE = """\
FROM node:18
WORKDIR /data
COPY . .
RUN npm ci && npm run build
{last}
"""


@pytest.mark.parametrize("last", ["CMD /bin/true", 'CMD ["true"]', "CMD true"])
def test_a_command_that_does_nothing_leaves_the_file_alone(last: str) -> None:
    assert "a command that does nothing" in skip_reason(NODE.format(last=last))


@pytest.mark.parametrize("last", ['CMD node server.js || true', 'ENTRYPOINT ["node", "server.js"]\nCMD ["true"]'])
def test_a_command_that_runs_the_app_changes_the_file(last: str) -> None:
    assert runner_stage(NODE.format(last=last))


@pytest.mark.parametrize("last", ["CMD tail -f /dev/null", 'CMD ["tail", "-f", "/dev/null"]', "CMD sleep infinity"])
def test_a_command_that_only_keeps_the_container_up_leaves_the_file_alone(last: str) -> None:
    # 2d9dede8: `CMD tail -f /dev/null` on a TensorFlow image with compilers, cmake and git, for `docker exec`
    assert "only keeps the container running" in skip_reason(NODE.format(last=last))


def test_a_log_follower_with_a_file_changes_the_file() -> None:
    assert runner_stage(NODE.format(last="CMD tail -f /var/log/app.log"))


@pytest.mark.parametrize("last", ['CMD ["/lib/systemd/systemd"]', 'CMD ["/sbin/init"]', "CMD /usr/sbin/init",
                                  'ENTRYPOINT ["/usr/lib/systemd/systemd"]'])
def test_an_init_system_as_the_command_leaves_the_file_alone(last: str) -> None:
    # 7051e71c: an Ansible test machine on debian:jessie (systemd as CMD) lost the build-essential, python-dev and
    # pip its roles' installs use; 07a22c7e: /sbin/init starts what rc.local and the unit files say
    assert "an init system as the command" in skip_reason(NODE.format(last=last))


def test_a_script_named_init_is_no_init_system() -> None:
    assert runner_stage(NODE.format(last='CMD ["./init"]'))


@pytest.mark.parametrize("last", ["CMD tail -f LICENSE", 'CMD ["tail", "-F", "README.md"]'])
def test_following_a_file_nothing_writes_keeps_the_container_up(last: str) -> None:
    # 1fad3164: `CMD tail -f LICENSE` in a development image with sshd, compilers and -dev packages
    assert "only keeps the container running" in skip_reason(NODE.format(last=last))


@pytest.mark.parametrize("last", ["CMD tail -f /var/log/app.log", "CMD tail -f logs/server.log",
                                  "CMD tail -f /proc/1/fd/1", "CMD tail -n 50 -f out.txt"])
def test_following_a_log_changes_the_file(last: str) -> None:
    assert runner_stage(NODE.format(last=last))


@pytest.mark.parametrize("last", ['CMD ["/usr/sbin/sshd", "-D"]', "CMD /usr/sbin/sshd -D -e",
                                  "CMD service ssh start && node server.js", "CMD /etc/init.d/ssh start; bash"])
def test_an_ssh_server_as_the_command_leaves_the_file_alone(last: str) -> None:
    # 3d143829: ducktape's test node (sshd -D) lost the compilers its users' installs need; 1e6d31f7: `service ssh
    # start && python webserver.py` for users with sudo
    assert "an SSH server" in skip_reason(NODE.format(last=last))


@pytest.mark.parametrize("last", ['EXPOSE 22 80\nCMD ["/usr/bin/supervisord"]', "EXPOSE 22/tcp\nCMD supervisord -n"])
def test_a_process_manager_in_an_image_exposing_ssh_leaves_the_file_alone(last: str) -> None:
    # 0f73b880: supervisord starts sshd and the app of a development box whose users run `npm install` (native builds)
    assert "exposes SSH's port (22)" in skip_reason(NODE.format(last=last))


@pytest.mark.parametrize("last", ['EXPOSE 80\nCMD ["/usr/bin/supervisord"]', "EXPOSE 2222\nCMD node server.js",
                                  "CMD service nginx start && node server.js"])
def test_a_process_manager_or_service_without_ssh_changes_the_file(last: str) -> None:
    assert runner_stage(NODE.format(last=last))


@pytest.mark.parametrize(("last", "cause"), [("CMD bash", "CMD at line 6: an interactive shell"),
                                             ('ENTRYPOINT ["/bin/bash"]', "ENTRYPOINT at line 6: an interactive shell"),
                                             ("CMD tail -f /dev/null", "CMD at line 6: a command that only keeps"),
                                             ('CMD ["jupyter", "notebook"]', "CMD at line 6: a notebook server")])
def test_the_image_command_is_named_before_a_build_step_the_tool_cannot_place(last: str, cause: str) -> None:
    # 0e50fd8f: a development image (CMD bash) was said to be left alone for `./install-hooks.sh`, a harmless step
    # before it; removing that one named the next (the audit of session 34 found 51 such reasons among 545)
    reason = skip_reason(NODE.format(last="RUN ./install-hooks.sh\n" + last))
    assert reason.startswith(cause), reason


def test_a_subcommand_a_repeated_install_keeps_is_not_checked_first() -> None:
    # `poetry run` needs nothing of the build where the runtime repeats `pip install poetry`: no early verdict
    runner = runner_stage("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install poetry && poetry install\n"
                          'CMD ["poetry", "run", "python", "app.py"]\n')
    assert 'CMD ["poetry", "run", "python", "app.py"]' in runner, runner
