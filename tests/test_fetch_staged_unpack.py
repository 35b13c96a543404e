"""An archive file unpacked among the system's files (tar -C /usr/bin, unzip -d /usr/bin) staged apart.

The builder unpacks the same archive a second time, right before its own unpack, into /opt/staged and the
folder's path under it; the runtime copies /opt/staged to /. An archive read from a pipe cannot be read twice:
the builder's own tar unpacks it into the staging folder (made before the pipeline), and a tar pipe right after it
copies that folder into the system's folder for the steps after it. An unpack whose files a later command changes
in a way the builder cannot repeat on the copy keeps the skip (the copy would miss it).
"""

from __future__ import annotations

import pytest

from transformer import refactor

STAGED = "COPY --from=builder /opt/staged /"


def _file(run: str, base: str = "debian:bookworm") -> str:
    return (f"FROM {base}\nRUN apt-get update && apt-get install -y curl gcc unzip\nCOPY hello.c /src/hello.c\n"
            f"RUN gcc -o /usr/local/bin/hello /src/hello.c\nRUN {run}\nCMD [\"hello\"]\n")


def _refactor(run: str, base: str = "debian:bookworm") -> tuple[str, str, str]:
    result = refactor(_file(run, base))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    return builder, runtime, "\n".join(str(c) for c in result.changes)


def _skipped(run: str, base: str = "debian:bookworm") -> str:
    result = refactor(_file(run, base))
    assert not result.changed, result.text
    return result.skipped or ""


def test_a_downloaded_archive_unpacked_into_usr_bin_is_unpacked_again_apart() -> None:
    before = _file("curl -o /tmp/x.tgz https://example.com/x.tgz && tar -xzf /tmp/x.tgz -C /usr/bin "
                   "&& rm /tmp/x.tgz")
    result = refactor(before)
    assert result.changed, result.skipped
    assert result.text == (
        "FROM debian:bookworm AS builder\n"
        "RUN apt-get update && apt-get install -y curl gcc unzip\n"
        "COPY hello.c /src/hello.c\n"
        "RUN gcc -o /usr/local/bin/hello /src/hello.c\n"
        "RUN curl -o /tmp/x.tgz https://example.com/x.tgz && mkdir -p /opt/staged/usr/bin && "
        "tar -xzf /tmp/x.tgz -C /opt/staged/usr/bin && tar -xzf /tmp/x.tgz -C /usr/bin && rm /tmp/x.tgz\n"
        "\n"
        "FROM debian:bookworm-slim AS runner\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl unzip "
        "&& rm -rf /var/lib/apt/lists/*\n"
        "COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello\n"
        f"{STAGED}\n"
        "CMD [\"hello\"]\n")
    changes = "\n".join(str(c) for c in result.changes)
    assert "right before the RUN's own `tar -xzf /tmp/x.tgz -C /usr/bin`" in changes
    assert "apart from the system's files" in changes


@pytest.mark.parametrize(("run", "written"), [
    # the same flags: --strip-components, its folder given as --directory=
    ("curl -o /tmp/n.tgz https://e.com/n.tgz && tar xzf /tmp/n.tgz --strip-components=1 --directory=/usr && "
     "rm /tmp/n.tgz",
     "&& mkdir -p /opt/staged/usr && tar xzf /tmp/n.tgz --strip-components=1 --directory=/opt/staged/usr && "
     "tar xzf /tmp/n.tgz --strip-components=1 --directory=/usr && rm /tmp/n.tgz"),
    # no -C: into the working folder, which a `cd` made /usr/share; tar's old-style first word
    ("cd /usr/share && curl -L -o s.tgz https://e.com/s.tgz && tar xvzf s.tgz && rm s.tgz",
     "&& mkdir -p /opt/staged/usr/share && tar xvzf s.tgz -C /opt/staged/usr/share && tar xvzf s.tgz && rm s.tgz"),
    # no -C with options: the folder goes right after the command's name
    ("cd /usr/bin && curl -o /tmp/t.tar https://e.com/t.tar && tar -xf /tmp/t.tar",
     "&& mkdir -p /opt/staged/usr/bin && tar -C /opt/staged/usr/bin -xf /tmp/t.tar && tar -xf /tmp/t.tar"),
    # into / itself: the staging folder, with no trailing slash
    ("curl -o /tmp/a.tar https://e.com/a.tar && tar -xf /tmp/a.tar -C / && rm /tmp/a.tar",
     "&& mkdir -p /opt/staged && tar -xf /tmp/a.tar -C /opt/staged && tar -xf /tmp/a.tar -C / && rm /tmp/a.tar"),
    ("curl -o /tmp/d.zip https://e.com/d.zip && unzip -q /tmp/d.zip -d /usr/bin/ && rm /tmp/d.zip",
     "&& mkdir -p /opt/staged/usr/bin && unzip -q /tmp/d.zip -d /opt/staged/usr/bin && "
     "unzip -q /tmp/d.zip -d /usr/bin/ && rm /tmp/d.zip"),
])
def test_the_copy_has_the_same_flags_and_the_staging_folder(run: str, written: str) -> None:
    builder, runtime, _ = _refactor(run)
    assert written in builder
    assert STAGED in runtime and "/usr/bin /usr/bin" not in runtime


def test_an_archive_into_a_crowded_usr_local_is_staged_too() -> None:
    """python:3.11 has Python under /usr/local: an unpack there is staged, not /usr/local copied whole."""
    builder, runtime, _ = _refactor("curl -o /tmp/x.tgz https://e.com/x.tgz && tar -xzf /tmp/x.tgz -C "
                                    "/usr/local/bin && rm /tmp/x.tgz", base="python:3.11")
    assert "tar -xzf /tmp/x.tgz -C /opt/staged/usr/local/bin && tar -xzf /tmp/x.tgz -C /usr/local/bin" in builder
    assert STAGED in runtime and "/usr/local /usr/local" not in runtime


def test_a_staged_install_and_a_staged_unpack_share_one_copy() -> None:
    run = ("curl -o /tmp/x.tgz https://e.com/x.tgz && tar -xzf /tmp/x.tgz -C /usr/bin && "
           "cd /src && cmake -DCMAKE_INSTALL_PREFIX=/usr . && make && make install")
    builder, runtime, _ = _refactor(run)
    assert "make install DESTDIR=/opt/staged && find /opt/staged -name '*.a' -type f -delete && make install" in builder
    assert "tar -xzf /tmp/x.tgz -C /opt/staged/usr/bin" in builder
    assert runtime.count(STAGED) == 1


def test_an_archive_read_from_a_pipe_is_unpacked_apart_and_copied_into_usr_bin() -> None:
    before = _file("curl -fsSL https://e.com/x.tgz | tar -xz -C /usr/bin && docker --version")
    result = refactor(before)
    assert result.changed, result.skipped
    assert result.text == (
        "FROM debian:bookworm AS builder\n"
        "RUN apt-get update && apt-get install -y curl gcc unzip\n"
        "COPY hello.c /src/hello.c\n"
        "RUN gcc -o /usr/local/bin/hello /src/hello.c\n"
        "RUN mkdir -p /opt/staged/usr/bin && curl -fsSL https://e.com/x.tgz | tar -xz -C /opt/staged/usr/bin && "
        "tar -C /opt/staged/usr/bin -cf - . | tar -C /usr/bin -xf - && docker --version\n"
        "\n"
        "FROM debian:bookworm-slim AS runner\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl unzip "
        "&& rm -rf /var/lib/apt/lists/*\n"
        "COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello\n"
        f"{STAGED}\n"
        "CMD [\"hello\"]\n")
    changes = "\n".join(str(c) for c in result.changes)
    assert "the builder runs `tar -xz -C /usr/bin` as `mkdir -p /opt/staged/usr/bin && curl" in changes


@pytest.mark.parametrize(("run", "written"), [
    # the archive named `-`, its folder quoted, --strip-components kept
    ("curl -sfL https://e.com/d.tgz | tar xzvf - --strip-components=1 -C \"/usr\"",
     "RUN mkdir -p /opt/staged/usr && curl -sfL https://e.com/d.tgz | tar xzvf - --strip-components=1 -C "
     "/opt/staged/usr && tar -C /opt/staged/usr -cf - . | tar -C /usr -xf -\n"),
    # a pipeline of three: the folder is made before its first command; into / itself
    ("curl -jksSL https://e.com/go.tgz | gunzip -c - | tar -xf - -C / && ls /go",
     "RUN mkdir -p /opt/staged && curl -jksSL https://e.com/go.tgz | gunzip -c - | tar -xf - -C /opt/staged && "
     "tar -C /opt/staged -cf - . | tar -C / -xf - && ls /go\n"),
    # in a group of its own, its folder joined to the letters before it; a `;` after it; /bin staged where the
    # builder's /bin resolves to (usr/bin on a merged /usr)
    ("(curl -Ls https://e.com/e.tgz | tar -zxC /bin); echo done",
     "RUN (mkdir -p \"/opt/staged$(readlink -f /bin)\" && curl -Ls https://e.com/e.tgz | tar -zxC "
     "\"/opt/staged$(readlink -f /bin)\" && tar -C \"/opt/staged$(readlink -f /bin)\" -cf - . | tar -C /bin -xf -); "
     "echo done\n"),
    # no -C: into the working folder a `cd` made
    ("cd /usr/bin && wget -qO- https://e.com/t.tgz | tar xz",
     "RUN cd /usr/bin && mkdir -p /opt/staged/usr/bin && wget -qO- https://e.com/t.tgz | tar xz -C "
     "/opt/staged/usr/bin && tar -C /opt/staged/usr/bin -cf - . | tar -C /usr/bin -xf -\n"),
])
def test_a_piped_unpack_goes_into_the_staging_folder_and_is_copied_back(run: str, written: str) -> None:
    builder, runtime, _ = _refactor(run)
    assert written in builder
    assert STAGED in runtime and "| tar" not in runtime


def test_a_later_move_of_what_a_piped_unpack_put_into_usr_share_is_made_on_the_staged_copy() -> None:
    builder, runtime, _ = _refactor("curl -fsSL https://e.com/m.tgz | tar -xz -C /usr/share && "
                                    "mv /usr/share/maven-3 /usr/share/maven")
    assert ("tar -C /opt/staged/usr/share -cf - . | tar -C /usr/share -xf - && "
            "mv /opt/staged/usr/share/maven-3 /opt/staged/usr/share/maven && mv /usr/share/maven-3 /usr/share/maven"
            ) in builder
    assert STAGED in runtime and "mv " not in runtime


def test_a_copy_into_a_folder_every_image_has_is_made_on_the_staged_copy() -> None:
    """`cp go-ipfs/ipfs /usr/bin` copies into /usr/bin: the staged copy of that folder is made first."""
    builder, runtime, _ = _refactor("cd /usr && curl -o /tmp/i.tgz https://e.com/i.tgz && tar -xzf /tmp/i.tgz -C "
                                    "/usr && cp go-ipfs/ipfs /usr/bin")
    assert ("&& mkdir -p /opt/staged/usr/bin && cp /opt/staged/usr/go-ipfs/ipfs /opt/staged/usr/bin/ && "
            "cp go-ipfs/ipfs /usr/bin") in builder
    assert STAGED in runtime and "cp " not in runtime


@pytest.mark.parametrize(("run", "why"), [
    # a command added before or after the pipeline would not run exactly when it does
    ("test -x /usr/bin/docker || curl -fsSL https://e.com/x.tgz | tar -xz -C /usr/bin",
     "only in a pipeline it can chain a command before and after (not after `||`"),
    ("curl -fsSL https://e.com/x.tgz | tar -xz -C /usr/bin || true", "only in a pipeline it can chain"),
    ("curl -fsSL https://e.com/x.tgz | tar -xzv -C /usr/bin | tail -1", "only in a pipeline it can chain"),
    ("curl -fsSL https://e.com/x.tgz | (tar -xz -C /usr/bin)", "only in a pipeline it can chain"),
    ("test -x /usr/bin/docker || tar -xzf /tmp/x.tgz -C /usr/bin", "it runs after `||`"),
    # the staging folder holds a make install's copy: the copy back would put again what a later step removed
    ("cd /src && cmake -DCMAKE_INSTALL_PREFIX=/usr . && make && make install && rm /usr/bin/tool && "
     "curl -fsSL https://e.com/x.tgz | tar -xz -C /usr/bin", "would copy along what a make install staged"),
    ("tar -xz -C /usr/bin < /tmp/x.tgz", "reads the archive from its standard input"),
    ("curl -o /tmp/x.tgz https://e.com/x.tgz && tar -xzf /tmp/x.tgz -C /usr/bin --remove-files",
     "--remove-files"),
    # a later change to what was unpacked that the builder cannot make the same way on the staged copy
    ("curl -o /tmp/m.tgz https://e.com/m.tgz && tar -xzf /tmp/m.tgz -C /usr/share && "
     "chown -R app /usr/share/maven-3", "`chown -R app /usr/share/maven-3` changes what the archive"),
    ("cd /usr && curl -o /tmp/i.tgz https://e.com/i.tgz && tar -xzf /tmp/i.tgz -C /usr && "
     "cp go-ipfs/ipfs /usr/lib/ipfs/", "`cp go-ipfs/ipfs /usr/lib/ipfs/` changes what the archive"),
    ("curl -o /tmp/d.zip https://e.com/d.zip && unzip /tmp/d.zip -d /usr/bin && rm /usr/bin/driver.txt",
     "`rm /usr/bin/driver.txt` changes what the archive"),
    ("curl -o /tmp/d.zip https://e.com/d.zip && unzip /tmp/d.zip -d /usr/bin && chmod -x /usr/bin/driver",
     "`chmod -x /usr/bin/driver` changes what the archive"),
    ("curl -o /tmp/d.zip https://e.com/d.zip && unzip /tmp/d.zip -d /usr/bin && mv /usr/bin/d* /usr/bin/driver",
     "`mv /usr/bin/d* /usr/bin/driver` changes what the archive"),
    ("curl -o /tmp/d.zip https://e.com/d.zip && unzip /tmp/d.zip -d /usr/bin && D=$(ls /usr/bin | head -1) && "
     "chmod +x /usr/bin/$D", "`chmod +x /usr/bin/$D` changes what the archive"),
    ("curl -o /tmp/d.zip https://e.com/d.zip && unzip /tmp/d.zip -d /usr/bin && "
     "if true; then chmod +x /usr/bin/driver; fi", "`chmod +x /usr/bin/driver` changes what the archive"),
])
def test_what_cannot_be_staged_keeps_a_named_skip(run: str, why: str) -> None:
    assert why in _skipped(run)


def test_a_folder_named_by_an_unknown_variable_is_a_named_skip() -> None:
    skipped = _skipped("curl -o /tmp/x.tgz https://e.com/x.tgz && tar -xzf /tmp/x.tgz -C $TOOLS")
    assert "a folder named by a variable whose value the file does not show" in skipped


def test_a_later_move_of_what_was_unpacked_is_made_on_the_staged_copy_too() -> None:
    before = _file("curl -o /tmp/m.tgz https://e.com/m.tgz && tar -xzf /tmp/m.tgz -C /usr/share && "
                   "mv /usr/share/maven-3 /usr/share/maven")
    result = refactor(before)
    assert result.changed, result.skipped
    assert result.text == (
        "FROM debian:bookworm AS builder\n"
        "RUN apt-get update && apt-get install -y curl gcc unzip\n"
        "COPY hello.c /src/hello.c\n"
        "RUN gcc -o /usr/local/bin/hello /src/hello.c\n"
        "RUN curl -o /tmp/m.tgz https://e.com/m.tgz && mkdir -p /opt/staged/usr/share && "
        "tar -xzf /tmp/m.tgz -C /opt/staged/usr/share && tar -xzf /tmp/m.tgz -C /usr/share && "
        "mv /opt/staged/usr/share/maven-3 /opt/staged/usr/share/maven && mv /usr/share/maven-3 /usr/share/maven\n"
        "\n"
        "FROM debian:bookworm-slim AS runner\n"
        "RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl unzip "
        "&& rm -rf /var/lib/apt/lists/*\n"
        "COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello\n"
        f"{STAGED}\n"
        "CMD [\"hello\"]\n")
    changes = "\n".join(str(c) for c in result.changes)
    assert "the builder adds `mv /opt/staged/usr/share/maven-3 /opt/staged/usr/share/maven &&`" in changes


@pytest.mark.parametrize(("run", "staged", "replayed"), [
    # the runtime, which gets the staged copy, does not repeat the change (the file it names is not there yet)
    ("curl -o /tmp/d.zip https://e.com/d.zip && unzip /tmp/d.zip -d /usr/bin && chmod +x /usr/bin/driver",
     "chmod +x /opt/staged/usr/bin/driver && chmod +x /usr/bin/driver", ""),
    # a path relative to the folder a `cd` goes to; a variable the file shows is kept as written
    ("V=1.2 && cd /usr && curl -o /tmp/s.tgz https://e.com/s.tgz && tar xzf /tmp/s.tgz && mv spark-${V} spark",
     "mv /opt/staged/usr/spark-${V} /opt/staged/usr/spark && mv spark-${V} spark", ""),
    # a link's target is what the link reads, kept; its name goes into the staged copy (its folder made first)
    ("curl -o /tmp/n.txz https://e.com/n.txz && tar -xJf /tmp/n.txz -C /usr --strip-components=1 && "
     "ln -s /usr/bin/node /usr/bin/nodejs",
     "mkdir -p /opt/staged/usr/bin && ln -s /usr/bin/node /opt/staged/usr/bin/nodejs && "
     "ln -s /usr/bin/node /usr/bin/nodejs", ""),
    # a forced removal: the runtime still repeats it (it may remove files of the runtime's own)
    ("curl -o /tmp/t.tgz https://e.com/t.tgz && tar -xzf /tmp/t.tgz -C /usr/share && rm -rf /usr/share/tool/doc",
     "rm -rf /opt/staged/usr/share/tool/doc && rm -rf /usr/share/tool/doc", "rm -rf /usr/share/tool/doc"),
])
def test_a_later_change_to_what_was_unpacked_is_made_on_the_staged_copy_too(run: str, staged: str,
                                                                           replayed: str) -> None:
    builder, runtime, _ = _refactor(run)
    assert staged in builder
    assert runtime.count(STAGED) == 1
    original = staged.rsplit(" && ", 1)[1]
    assert (original in runtime) == bool(replayed)


def test_a_downloaded_archive_the_build_unpacks_stays_in_the_builder() -> None:
    # the archive was an input of the unpack: the runtime gets what it made, not the archive again
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl gcc\n"
            "RUN curl -fsSLo /tool-1.0.tar.gz https://example.org/tool-1.0.tar.gz"
            " && tar -C /opt -xzf /tool-1.0.tar.gz\n"
            "COPY hello.c /src/hello.c\nRUN gcc -o /usr/local/bin/hello /src/hello.c\nCMD [\"hello\"]\n")
    runtime = refactor(text).text.partition("AS runner")[2]
    assert "COPY --from=builder /usr/local/bin" in runtime
    assert "tool-1.0.tar.gz" not in runtime
    # one the image's command reads is the runtime's
    kept = refactor(text.replace('CMD ["hello"]', 'CMD ["hello", "/tool-1.0.tar.gz"]')).text.partition("AS runner")[2]
    assert "COPY --from=builder /tool-1.0.tar.gz /tool-1.0.tar.gz" in kept
