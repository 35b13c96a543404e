"""``yum update -y`` (dnf's too) with no package named updates every installed package, as ``yum upgrade`` and
apt's ``upgrade`` do: the runtime repeats it, so that its packages are the original's versions. It was read as
apt's ``update`` (a refresh of the lists, kept with the installs it serves) and dropped: the runtime kept the base
image's older packages (77721e1a on cmssw/cmsweb)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

CENTOS = """\
FROM centos:7
RUN {update} && yum clean all
RUN yum install -y gcc make openssl
COPY . /src
RUN make -C /src
CMD ["/src/app"]
"""


@pytest.mark.parametrize("update", ["yum update -y", "yum -y update", "yum upgrade -y", "dnf update -y"])
def test_an_update_of_every_package_is_repeated(update: str) -> None:
    runtime = runner_stage(CENTOS.format(update=update))
    assert f"RUN {update} && yum clean all" in runtime, runtime


def test_an_update_of_named_packages_is_not_an_update_of_all() -> None:
    runtime = runner_stage(CENTOS.format(update="yum update -y ca-certificates"))
    assert "update -y\n" not in runtime and "yum update -y &&" not in runtime, runtime
