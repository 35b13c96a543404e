"""git installed with Alpine's apk when no step of the build can run it (only package installs, downloads, file
setup, `gem install` of released gems): it is there for run time, as an image's git-driven program needs it
(caddy downloaded with its git plugin, 5f9b55a4; gaocegege/maintainer's github_changelog_generator,
06db118b). The runtime keeps it; it was dropped as a build-only package. Where a build step may run git (git
itself, npm, pip, composer, go, a script the tool does not read), it stays in the builder, as before."""

from __future__ import annotations

import time

import pytest
from conftest import runner_stage

CADDY = """\
FROM alpine:3.18
RUN apk --no-cache add tini git openssh-client \\
    && apk --no-cache add --virtual devs tar curl gcc musl-dev
RUN curl -fsSL "https://example.com/caddy.tar.gz" | tar --no-same-owner -C /usr/bin/ -xz caddy
RUN cc -o /usr/bin/helper helper.c && apk del devs
COPY ./Caddyfile /etc/Caddyfile
ENTRYPOINT ["/sbin/tini"]
CMD ["caddy", "--conf", "/etc/Caddyfile"]
"""


def test_git_no_build_step_runs_is_kept_for_run_time() -> None:
    runtime = runner_stage(CADDY)
    assert "apk --no-cache add tini git openssh-client" in runtime, runtime


@pytest.mark.parametrize("step", ["git clone https://example.com/x.git /x", "make -C /src"])
def test_git_a_build_step_may_run_stays_in_the_builder(step: str) -> None:
    runtime = runner_stage(CADDY.replace("RUN cc -o", f"RUN {step}\nRUN cc -o"))
    assert " git " not in runtime, runtime


AGENT = """\
FROM alpine:3.18
RUN apk add --no-cache openjdk17-jre py3-pip git git-lfs openssh \\
    && wget -q https://example.com/agent.jar -P /home/agent/ \\
    && {pip}
CMD ["java", "-jar", "/home/agent/agent.jar"]
"""


@pytest.mark.parametrize("pip", ["pip install docker-compose", "pip3 install -U awscli 'requests[socks]>=2'",
                                 "pip install docker-compose==1.19.0", "pip install 'x!=1.0,>=0.5' 'pkg==1!2.0'"])
def test_git_kept_when_pip_only_installs_released_projects_by_name(pip: str) -> None:
    runtime = runner_stage(AGENT.format(pip=pip))
    assert " git git-lfs " in runtime, runtime


@pytest.mark.parametrize("pip", ["pip install -r requirements.txt", "pip install git+https://example.com/x.git",
                                 "pip install .", "pip install -e /src", "pip install --index-url https://x/simple x",
                                 "pip install $PKG"])
def test_git_a_pip_install_may_run_stays_in_the_builder(pip: str) -> None:
    runtime = runner_stage(AGENT.format(pip=pip).replace("COPY run.sh", "COPY . /src\nCOPY run.sh"))
    assert " git " not in runtime, runtime


def test_a_long_odd_requirement_is_read_in_linear_time() -> None:
    # `!` both ended a version and started the next specifier: a failed match took 2^n steps (26 `1!`: 7 s)
    start = time.perf_counter()
    runtime = runner_stage(AGENT.format(pip="pip install 'a==" + "1!" * 60 + "'"))
    assert time.perf_counter() - start < 5
    assert " git " not in runtime, runtime
