"""pip's user base and a gem home in one stage, on a real engine: the zoo's debian:bookworm-slim tagged
acme/os-base:1 (``zoo.sh alias acme/os-base:1=debian:bookworm-slim``) stands for an organisation's own Debian
image. The file installs Debian's Ruby and Python with the build tools, a package from PyPI and a gem with a C
extension (no gem registry is reachable here: the gem is made by the test from fixtures/gem-home/hello and
installed with ``gem install --local``). The refactoring sets up both folders in the builder, /opt/python
(PIP_USER) before the pip install and /opt/gems (GEM_HOME) before the gem install, and the runtime, the same
image with ruby and python3 but no compiler or headers, copies both and sets both in its ENV: the gem's command
loads its C extension and Python imports the package. The test tags the stand-in itself (conftest.zoo_alias);
skipped without a Docker engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import USER_BASE_BUILDER_ENV, USER_BASE_COPY, USER_BASE_RUNTIME_ENV, verified_default_output, zoo_alias
from gems import build_gem

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "gem-home"
APP = FIXTURES / "gem-home-and-user-base"
IMAGE = "acme/os-base:1"
GEM_ENV = 'ENV GEM_HOME=/opt/gems PATH="/opt/gems/bin:$PATH"'


def test_the_user_base_and_the_gem_home_share_a_stage(tmp_path: Path) -> None:
    app = tmp_path / APP.name  # the images are named by the folder: not a name other builds use
    shutil.copytree(APP, app)
    build_gem(FIXTURES / "hello", app / "hello-0.1.0.gem")
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert f"{USER_BASE_BUILDER_ENV}\nRUN pip install" in builder and f"{GEM_ENV}\nRUN gem install" in builder
    assert f"{USER_BASE_RUNTIME_ENV}\n" in runtime and f"{GEM_ENV}\n" in runtime
    assert (f"{USER_BASE_COPY}\nCOPY --from=builder /opt/python/bin/ /usr/local/bin/\n"
            "COPY --from=builder /opt/gems /opt/gems\n") in runtime
    assert "apt-get install -y --no-install-recommends ruby python3 " in runtime
    assert "gcc" not in runtime and "ruby-dev" not in runtime
    zoo_alias(IMAGE, "debian:bookworm-slim")
    assert "hello from C, and six 1.16.0" in verified_default_output(app, result.text)
