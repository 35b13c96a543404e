"""A build-only Alpine package whose command the image runs (``CMD ["git", "status"]`` after ``apk add git gcc``):
the runtime keeps it, as it keeps Debian's (python3-pip for ``CMD ["pip3", ...]``); it dropped git, and the
command was not found."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """\
FROM alpine:3.18
RUN apk add --no-cache git patch gcc musl-dev && git clone https://example.com/tool.git /src \\
    && gcc -o /usr/bin/tool /src/tool.c
{last}
"""


@pytest.mark.parametrize("last", ['CMD ["git", "status"]', "CMD patch -p1 -i /fix.diff", 'ENTRYPOINT ["/usr/bin/git"]'])
def test_the_runtime_keeps_a_build_only_package_the_image_runs(last: str) -> None:
    runtime = runner_stage(FILE.format(last=last))
    name = "patch" if "patch" in last else "git"
    assert f"apk add --no-cache {name}\n" in runtime, runtime
    assert "gcc" not in runtime, runtime


def test_a_package_the_image_does_not_run_stays_in_the_builder() -> None:
    runtime = runner_stage(FILE.format(last='CMD ["/usr/bin/tool"]'))
    assert "apk add" not in runtime, runtime
