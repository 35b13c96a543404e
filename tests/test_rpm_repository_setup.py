"""dnf's and yum's own repository commands (``dnf copr enable``, ``dnf config-manager --add-repo``,
``dnf module enable``) choose where the packages the runtime installs come from: a RUN of one alone was taken as
package housekeeping, which only goes along with an install, and dropped, so the runtime installed the
distribution's nodejs instead of the enabled repository's."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """\
FROM fedora:38
RUN dnf install -y gcc-c++ make dnf-plugins-core
RUN {setup}
RUN dnf -y install nodejs npm
COPY . /srv
WORKDIR /srv
RUN npm install
CMD ["node", "index.js"]
"""


@pytest.mark.parametrize("setup", [
    "dnf -y copr enable someone/nodejs",
    "dnf config-manager --add-repo https://example.com/nodejs.repo",
    "yum config-manager --set-enabled powertools",
    "dnf -y module enable nodejs:18",
    "dnf -y module reset nodejs",
])
def test_the_runtime_repeats_a_repository_setup(setup: str) -> None:
    runtime = runner_stage(FILE.format(setup=setup))
    assert setup in runtime, runtime
    assert runtime.index(setup) < runtime.index("install nodejs"), runtime


def test_a_package_query_is_still_housekeeping() -> None:
    runtime = runner_stage(FILE.format(setup="dnf -y makecache"))
    assert "makecache" not in runtime, runtime
