"""A tar that reads its archive from a pipe and names the members it unpacks among the system's files
(``curl URL | tar -xz -C /usr/bin caddy``): the pipe cannot be read a second time to unpack a copy apart, but
what lands is known by name, so the runtime copies those paths alone. Whatever the members cannot name exactly
(globs, a folder of the system's hierarchy, a path deeper than the folder, an option that renames) keeps the skip.
"""

from __future__ import annotations

import pytest

from transformer import refactor


def _file(run: str, base: str = "debian:bookworm") -> str:
    return (f"FROM {base}\nRUN apt-get update && apt-get install -y curl gcc\nCOPY hello.c /src/hello.c\n"
            f"RUN gcc -o /usr/local/bin/hello /src/hello.c\nRUN {run}\nCMD [\"hello\"]\n")


def test_a_named_member_from_a_pipe_is_copied_alone() -> None:
    run = ("curl -fsSL https://e.com/helm.tgz | tar -xz -C /usr/bin --strip-components=1 linux-amd64/helm "
           "&& chmod +x /usr/bin/helm")
    result = refactor(_file(run))
    assert result.changed, result.skipped
    assert result.text == (
        "FROM debian:bookworm AS builder\n"
        "RUN apt-get update && apt-get install -y curl gcc\n"
        "COPY hello.c /src/hello.c\n"
        "RUN gcc -o /usr/local/bin/hello /src/hello.c\n"
        f"RUN {run}\n"
        "\n"
        "FROM debian:bookworm-slim AS runner\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl "
        "&& rm -rf /var/lib/apt/lists/*\n"
        "COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello\n"
        "COPY --from=builder /usr/bin/helm /usr/bin/helm\n"
        "CMD [\"hello\"]\n")
    assert "`tar` unpacks it into /usr/bin, where it names it" in "\n".join(str(c) for c in result.changes)


@pytest.mark.parametrize(("run", "copies"), [
    # old-style first word, the archive named `-`
    ("curl -sL https://e.com/c.tgz | tar xzf - -C /bin caddy", ("/bin/caddy",)),
    # options after the folder, a trailing slash, two members
    ("curl -sL https://e.com/c.tgz | tar --no-same-owner -C /usr/bin/ -xz caddy caddy-cli",
     ("/usr/bin/caddy", "/usr/bin/caddy-cli")),
    # a folder of its own in /, --strip-components given apart, `./` before the name
    ("curl -sL https://e.com/n.txz | tar -xJ --strip-components 1 -C / ./pkg-1.0/node",
     ("/node",)),
    # /usr/local on an image with files of its own there (python's)
    ("curl -sL https://e.com/t.tgz | tar -zxC /usr/local/bin tool", ("/usr/local/bin/tool",)),
])
def test_named_members_are_the_copies(run: str, copies: tuple[str, ...]) -> None:
    result = refactor(_file(run, "python:3.11" if "/usr/local/bin" in run else "debian:bookworm"))
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    for path in copies:
        assert f"COPY --from=builder {path} {path}\n" in runtime
    assert "/opt/staged" not in result.text


@pytest.mark.parametrize("run", [
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/bin",  # no member named: what lands is not known
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/bin --wildcards 'bin/*'",  # a pattern
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/bin 'x*'",  # busybox's tar reads names as patterns
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/bin --transform s/a/b/ a",  # renamed as it lands
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/bin -T list",  # names read from a file
    "curl -sL https://e.com/x.tgz | tar -xz -C / usr",  # the system's own folder
    # /usr/local/lib, where python:3.11 has Python
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/local --strip-components=1 node-v8/lib",
    "curl -sL https://e.com/x.tgz | tar -xz -C / opt/tool",  # a path deeper than the folder it names
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/bin --strip-components=1 helm",  # stripped away whole
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/share doc",  # a folder of the system's files
    "curl -sL https://e.com/x.tgz | tar -xz -C /usr/bin $TOOL",  # a name the file does not show
])
def test_members_that_cannot_be_named_exactly_are_unpacked_apart_or_keep_the_skip(run: str) -> None:
    result = refactor(_file(run, "python:3.11" if "/usr/local" in run else "debian:bookworm"))
    if "/usr/local" in run:  # into a crowded /usr/local, the unpack is kept as /usr/local whole, which the plan refuses
        assert not result.changed, result.text
        assert "cannot be told apart" in (result.skipped or "")
        return
    # among the system's files: the builder's tar unpacks into the staging folder, copied back, as written
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    assert "| tar -xz -C /opt/staged" in builder and "COPY --from=builder /opt/staged /\n" in runtime
