"""Files a pattern matches copied among the system's files (``cp -a rootfs/* /``, ``rsync files/* /``,
``cp lib/libx.* /usr/lib/``): which files land there is not known, so the runtime cannot copy them apart from the
system's own. The builder runs the same copy right before it into the staging folder (its destination swapped),
which the runtime copies to /. A copy whose result depends on what the destination already holds (``cp -u``,
``rsync --delete``) or that the tool cannot repeat right before it keeps the skip.
"""

from __future__ import annotations

import pytest

from transformer import refactor

STAGED = "COPY --from=builder /opt/staged /"


def _file(run: str) -> str:
    return ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc rsync\nCOPY . /src\n"
            "RUN mkdir -p /tmp/rootfs/usr/bin && gcc -o /tmp/rootfs/usr/bin/hello /src/hello.c\n"
            f"RUN {run}\nCMD [\"hello\"]\n")


def _builder_runtime(run: str) -> tuple[str, str]:
    result = refactor(_file(run))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    return builder, runtime


def _skipped(run: str) -> str:
    result = refactor(_file(run))
    assert not result.changed, result.text
    return result.skipped or ""


def test_the_files_of_a_folder_copied_into_root_are_copied_into_the_staging_folder_first() -> None:
    result = refactor(_file("cp -a /tmp/rootfs/* /"))
    assert result.changed, result.skipped
    assert result.text == (
        "FROM debian:bookworm AS builder\n"
        "RUN apt-get update && apt-get install -y gcc rsync\n"
        "COPY . /src\n"
        "RUN mkdir -p /tmp/rootfs/usr/bin && gcc -o /tmp/rootfs/usr/bin/hello /src/hello.c\n"
        "RUN mkdir -p /opt/staged && cp -a /tmp/rootfs/* /opt/staged/ && cp -a /tmp/rootfs/* /\n"
        "\n"
        "FROM debian:bookworm-slim AS runner\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends rsync && rm -rf /var/lib/apt/lists/*\n"
        "COPY . /src\n"
        f"{STAGED}\n"
        "CMD [\"hello\"]\n")
    changes = "\n".join(str(c) for c in result.changes)
    assert "the builder also runs `mkdir -p /opt/staged && cp -a /tmp/rootfs/* /opt/staged/`" in changes


@pytest.mark.parametrize(("run", "written"), [
    ("cd /tmp && rsync --exclude-from /src/skip.txt -avH rootfs/* /",
     "mkdir -p /opt/staged && rsync --exclude-from /src/skip.txt -avH rootfs/* /opt/staged/ && "
     "rsync --exclude-from /src/skip.txt -avH rootfs/* /"),
    ("cp /tmp/rootfs/usr/lib/libhello.* /usr/lib/ && ldconfig",
     "mkdir -p /opt/staged/usr/lib && cp /tmp/rootfs/usr/lib/libhello.* /opt/staged/usr/lib/ && "
     "cp /tmp/rootfs/usr/lib/libhello.* /usr/lib/ && ldconfig"),
])
def test_the_copy_apart_has_the_same_options_and_sources(run: str, written: str) -> None:
    builder, runtime = _builder_runtime(run)
    assert written in builder
    assert STAGED in runtime


def test_a_later_removal_among_what_was_copied_is_made_on_the_staged_copy() -> None:
    builder, runtime = _builder_runtime("cp -r /tmp/rootfs/* / && rm -f /usr/bin/README")
    assert "&& rm -f /opt/staged/usr/bin/README && rm -f /usr/bin/README" in builder
    assert STAGED in runtime


@pytest.mark.parametrize(("run", "why"), [
    ("cp -u /tmp/rootfs/* /", "but not with `-u`, whose copy may differ"),
    ("rsync -a --delete /tmp/rootfs/* /", "but not with `--delete`"),
    ("cp -t / /tmp/rootfs/*", "but not with `-t`"),
    ("R=/ && cp -a /tmp/rootfs/* $R", "only when its destination is its last word, written as a plain path"),
    ("test -d /tmp/rootfs || cp -a /tmp/rootfs/* /", "chained with `&&` or `;`"),
    ("cp -a /tmp/rootfs/* / 2>/dev/null", "no pipe, no redirection"),
    # mv takes the files away: the tool does not repeat it apart
    ("mv /tmp/rootfs/* /", "`mv` takes the files away, so the builder cannot put them apart a second time"),
    # a later change the builder cannot make the same way on the staged copy
    ("cp -a /tmp/rootfs/* / && chown -R nobody /etc/hello",
     "`chown -R nobody /etc/hello` changes what `cp` at line 5 put into /"),
])
def test_a_copy_the_tool_cannot_repeat_apart_keeps_a_named_skip(run: str, why: str) -> None:
    assert why in _skipped(run)
