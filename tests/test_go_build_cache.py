"""A RUN that installs Go, builds and removes Go again leaves Go's build cache (~/.cache/go-build, which removing GOPATH
leaves) in its layer, and `go get` what it fetched into GOPATH: stages gain that, where the tool said "nothing to
gain" (dev 0cf3de46, 789973cf: `apk add go git` ... `go build` ... `rm -rf $GOPATH && apk del
...`). The runtime copies the binary alone; a folder of the build context the RUN deletes is not copied again, nor
its deletion repeated. Engine: fixtures/apps/go-self-cleaning (test_e2e)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, runner_stage, skip_reason

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-self-cleaning"

ALPINE = """\
FROM {image}
ENV GOPATH /go
{env}COPY . /go/src/app
RUN apk add --no-cache --virtual .build go git \\
    && cd /go/src/app && go build -o /usr/bin/app . \\
    && apk del .build && rm -rf $GOPATH{rm}
CMD ["app"]
"""


def test_the_build_cache_a_self_cleaning_run_leaves_is_a_gain() -> None:
    runtime = runner_stage(ALPINE.format(image="alpine:3.18", env="", rm=""))
    assert "COPY --from=builder /usr/bin/app /usr/bin/app" in runtime
    assert "apk" not in runtime and "COPY . " not in runtime, runtime


@pytest.mark.parametrize(("image", "env", "rm"), [
    ("alpine:3.18", "", " /root/.cache"),  # the RUN removes the cache too
    ("alpine:3.18", "ENV GOCACHE=off\n", ""),  # no cache (Go before 1.12)
    ("alpine:3.7", "", ""),  # Alpine 3.7's Go 1.9 has no build cache
])
def test_a_run_that_leaves_no_cache_still_has_nothing_to_gain(image: str, env: str, rm: str) -> None:
    assert skip_reason(ALPINE.format(image=image, env=env, rm=rm)).startswith("nothing to gain")


def test_go_get_on_an_old_go_leaves_gopath_pkg() -> None:
    text = ALPINE.format(image="alpine:3.7", env="", rm="").replace("go build -o /usr/bin/app .", "go get -v ./...") \
        .replace("rm -rf $GOPATH", "cp /go/bin/app /usr/bin/app && rm -rf /go/src /go/bin")
    assert "COPY --from=builder /usr/bin/app /usr/bin/app" in runner_stage(text)


def test_the_runtime_neither_copies_the_deleted_sources_nor_repeats_the_deletion() -> None:
    """`rm -rf /var/lib/apt/lists/* /src /root/go`: the pattern names the package lists, /src is deleted whole (the
    COPY before is the builder's), and /root/go is what Go made in root's home."""
    _, _, runtime = rewrite_app(APP)
    assert runtime.strip().splitlines() == ["COPY --from=builder /usr/local/bin/greet /usr/local/bin/greet",
                                            'CMD ["greet"]'], runtime
