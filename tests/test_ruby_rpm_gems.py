"""Gems installed into the Ruby of CentOS (and of Fedora and its relatives): their rubygems installs as root into
/usr/local/share/gems, the compiled parts into /usr/local/lib64/gems and the commands into /usr/local/bin, not
Debian's /var/lib/gems. GISportal's image (451ae0b0, centos with ``gem install sass``) had the runtime copy
/var/lib/gems, which the builder lacks (the COPY stops the build), and not the gems. They go to the tool's own
GEM_HOME instead, as for any Ruby the file installs with the system's package manager."""

from __future__ import annotations

import pytest
from conftest import runner_stage

CENTOS = """\
FROM {image}
RUN yum install -y ruby gcc && gem install sass
WORKDIR /app
COPY . .
CMD ["sass", "--watch", "in:out"]
"""


@pytest.mark.parametrize("image", ["centos:7", "rockylinux:9", "fedora:39"])
def test_gems_on_an_rpm_distribution_go_to_a_gem_home_the_runtime_copies(image: str) -> None:
    runtime = runner_stage(CENTOS.format(image=image))
    assert "/var/lib/gems" not in runtime, runtime
    assert "COPY --from=builder /opt/gems /opt/gems\n" in runtime and "GEM_HOME=/opt/gems" in runtime, runtime


def test_gems_on_debian_still_go_to_var_lib_gems() -> None:
    runtime = runner_stage(CENTOS.format(image="debian:bookworm").replace("yum install -y", "apt-get update && "
                                                                           "apt-get install -y"))
    assert "COPY --from=builder /var/lib/gems /var/lib/gems\n" in runtime, runtime
