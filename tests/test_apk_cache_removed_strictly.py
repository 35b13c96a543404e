"""A RUN that fills apk's index cache (``apk -U add``) and removes it with an ``rm`` that does not force
(``rm /var/cache/apk/*``): the runtime's install got ``--no-cache``, which leaves /var/cache/apk empty, so the
shell passed the unmatched glob to rm, which failed and stopped the build. The runtime keeps such an install as it
is; an ``rm -rf`` (or ``-f``) of the cache, which an empty folder does not fail, still gets the lean install."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """\
FROM alpine:3.18
RUN apk -U add python3 py3-pip && \\
    pip install awscli && \\
    apk del py3-pip && \\
    {rm} /var/cache/apk/*
ENTRYPOINT ["aws"]
"""


def test_an_install_whose_cache_a_strict_rm_removes_keeps_its_cache() -> None:
    runtime = runner_stage(FILE.format(rm="rm"))
    assert "apk -U add python3" in runtime, runtime
    assert "--no-cache" not in runtime, runtime
    assert "rm /var/cache/apk/*" in runtime, runtime


@pytest.mark.parametrize("rm", ["rm -rf", "rm -f", "rm -fr", "rm --force"])
def test_a_forced_rm_of_the_cache_keeps_the_lean_install(rm: str) -> None:
    runtime = runner_stage(FILE.format(rm=rm))
    assert "apk -U add --no-cache python3" in runtime, runtime
