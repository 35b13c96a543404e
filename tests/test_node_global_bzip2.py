"""A global npm install of phantomjs (or phantomjs-prebuilt) on the full node image, which the runtime would make
again: its install.js unpacks the PhantomJS download with `tar jxf`, which needs bzip2; the full node image has it
(buildpack-deps), node:slim does not, so the runtime's install would fail. The file is left alone with that reason."""

from __future__ import annotations

import pytest
from conftest import skip_reason

FILE = """FROM node:18
RUN npm install -g ember-cli@0.2.7
RUN npm install -g {package}
ADD . /app
WORKDIR /app
RUN npm install
EXPOSE 4200
"""


@pytest.mark.parametrize("package", ["phantomjs@1.9.16", "phantomjs-prebuilt@2"])
def test_a_global_phantomjs_install_on_the_full_node_image_is_not_made_again_on_slim(package: str) -> None:
    reason = skip_reason(FILE.format(package=package))
    assert f"installs {package.split('@')[0]} globally" in reason, reason
    assert "`tar jxf`, which needs bzip2, which the full node image has and the slim one lacks" in reason, reason
