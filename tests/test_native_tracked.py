"""C/C++: an install into /usr or /usr/local whose Makefile no configure or cmake wrote (a hand-written one, which
may ignore DESTDIR) is tracked instead of staged with DESTDIR.

The builder runs the install as written, between a stamp it touches before (and a second's sleep, so that no
file the install writes shares the stamp's time) and a copy after it: every file and link of the prefix whose
status changed after the stamp (``find -cnewer``: the change time, which ``install -p`` and ``cp -p`` cannot set
back as they set the modification time) goes into /opt/staged with its folders (a tar of find's list), which the
runtime copies to /. A second ``find`` over the whole file system stops the build when the install changed a file
anywhere else but the prefix, its build folder and the scratch folders. It needs GNU's find (Debian and Ubuntu
images), root, and a command the tool can follow with the copy (not in a pipeline or compound command).
"""

from __future__ import annotations

import pytest

from transformer import refactor

STAGED = "COPY --from=builder /opt/staged /"
BEFORE = "mkdir -p /opt/staged && touch /tmp/install.stamp && sleep 1 && "
PRUNED = "find /opt/staged -name '*.a' -type f -delete"  # after a build's install: its static libraries


def _after(prefix: str, pruned: str) -> str:
    return (f" && {{ {_copy(prefix)} && find / -xdev \\( {pruned} \\) -prune -o -cnewer /tmp/install.stamp ! -type d "
            f"! -name '*.pyc' -print -exec false {{}} + || exit 1; }} && {PRUNED}")


def _copy(prefix: str, pruned: str = "") -> str:
    return (f"find {prefix} {pruned}-cnewer /tmp/install.stamp ! -type d -printf '%P\\n' > /tmp/install.list && "
            f"tar -C {prefix} -cf /tmp/install.tar -T /tmp/install.list && mkdir -p /opt/staged{prefix} && "
            f"tar -C /opt/staged{prefix} -xpf /tmp/install.tar")


def _on(image: str, run: str, user: str = "") -> str:
    return f"FROM {image}\nWORKDIR /src\nCOPY . .\n{user}RUN {run}\nCMD [\"hello\"]\n"


def test_a_hand_written_install_into_usr_is_tracked_and_runs_as_written() -> None:
    before = _on("debian:bookworm", "make && make install PREFIX=/usr && rm -rf /src/build")
    result = refactor(before)
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    # an ldconfig the install runs is not a change outside the prefix: a library in /usr/lib needs no cache
    pruned = ("-path /etc/ld.so.cache -o -path /opt/staged -o -path /src -o -path /tmp -o -path /usr -o "
              "-path /var/cache/ldconfig -o -path /var/tmp")
    assert f"RUN make && {BEFORE}make install PREFIX=/usr{_after('/usr', pruned)} && rm -rf /src/build\n" in builder
    assert "DESTDIR" not in result.text and builder.count("make install") == 1
    assert STAGED in runtime and "install.stamp" not in runtime and "COPY --from=builder /usr " not in runtime
    explained = "\n".join(str(c) for c in result.changes)
    assert "every file and link whose status changed after a stamp" in explained
    assert "the builder stops if the install changed files anywhere else" in explained


def test_a_hand_written_install_into_a_crowded_usr_local_is_tracked() -> None:
    # python:3.11's Python lives under /usr/local: the runtime copies what the install added, not the prefix
    result = refactor(_on("python:3.11", "make && make install PREFIX=/usr/local"))  # git-crypt's Makefile
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    pruned = "-path /opt/staged -o -path /src -o -path /tmp -o -path /usr/local -o -path /var/tmp"
    # the RUN goes on where the builder lists what the outputs link (ldd): python:3.11 has buildpack-deps' -dev packages
    assert f"RUN make && {BEFORE}make install PREFIX=/usr/local{_after('/usr/local', pruned)} \\\n" in builder
    assert STAGED in runtime and "COPY --from=builder /usr/local /usr/local" not in runtime


def test_a_build_tree_inside_the_prefix_is_left_out_of_the_copy() -> None:
    text = ("FROM python:3.11\nWORKDIR /usr/local/src/tool\nCOPY . .\n"
            "RUN make && make install PREFIX=/usr/local && rm -rf /usr/local/src/tool\nWORKDIR /\nCMD [\"tool\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert _copy("/usr/local", "-path /usr/local/src/tool -prune -o ") in result.text
    assert "\\( -path /opt/staged -o -path /tmp -o -path /usr/local -o -path /var/tmp \\)" in result.text


# a hand-written Makefile given no prefix installs into its own default: /usr/local (redis, `PREFIX?=/usr/local`)
# or /usr (many say `PREFIX = /usr`), which the file does not show. Copying /usr/local whole, as the tool did, left
# a Makefile's /usr out of the runtime with no error; tracking /usr catches both
@pytest.mark.parametrize(("image", "run"), [
    ("debian:bookworm", "make && make install"),  # /usr/local empty: it was copied whole
    ("python:3.11", "make && make install"),  # /usr/local has Python: it was tracked alone
    ("gcc:12", "make && make install"),  # built on buildpack-deps, though the data has no chain for gcc
    # the PREFIX a configure of another folder leaves (the tool's own note of its --prefix) names nothing here
    ("debian:bookworm", "cd /opt/dep && ./configure --prefix=/opt/dep && make install && cd /src && make && "
                        "make install"),
])
def test_an_install_into_a_prefix_not_known_is_tracked_over_usr(image: str, run: str) -> None:
    result = refactor(_on(image, run))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    tracked = run.rpartition("&& make")[2]
    # the loader's cache is not left out of the check: a library the install puts in /usr/local/lib needs it
    pruned = "-path /opt/staged -o -path /src -o -path /tmp -o -path /usr -o -path /var/tmp"
    assert f"{BEFORE}make{tracked}{_after('/usr', pruned)}" in builder, builder
    assert STAGED in runtime and "COPY --from=builder /usr/local /usr/local" not in runtime
    explained = "\n".join(str(c) for c in result.changes)
    assert "the prefix its Makefile sets, which no PREFIX on the command line names, is not known" in explained


@pytest.mark.parametrize(("image", "why"), [
    ("node:18-alpine", "node:18-alpine may not have it (its find is busybox's, which has only -newer)"),
    ("centos:7", "centos:7 may not have it (it is not known as Debian or Ubuntu, or an image built on them)"),
])
def test_an_install_into_a_prefix_not_known_is_left_alone_with_no_gnu_find(image: str, why: str) -> None:
    result = refactor(_on(image, "make && make install"))
    assert not result.changed, result.text
    assert ("`make install` installs into the prefix its Makefile sets, which is not known: no PREFIX is given on "
            "the command line and no configure script or cmake wrote the Makefile of /src (a hand-written one's "
            "default may be /usr/local or /usr") in (result.skipped or ""), result.skipped
    assert f"not tracked either: the tool finds what an install added with GNU find's -cnewer, and {why}" in \
        (result.skipped or "")


@pytest.mark.parametrize("packages", [
    "apt-get update && apt-get install -y make gcc",
    "apt update && apt install -y make gcc",
])
def test_an_image_not_known_that_runs_apt_has_gnu_find(packages: str) -> None:
    # p4lang/p4c (dev file 551c0bac): apt-get runs there, so the image is built on Debian or Ubuntu, where findutils
    # is an Essential package
    result = refactor(_on("someone/tools:latest", f"{packages} && make && make install"))
    assert result.changed, result.skipped
    assert STAGED in result.text and f"{BEFORE}make install" in result.text


@pytest.mark.parametrize("packages", [
    "apk add --no-cache make gcc || apt-get install -y make gcc",  # a fallback: apk may be the one that ran
    "if command -v apk; then apk add make; else apt-get install -y make; fi",  # a branch
    "apk add --no-cache make gcc",
])
def test_an_image_not_known_whose_apt_may_not_have_run_is_left_alone(packages: str) -> None:
    result = refactor(_on("someone/tools:latest", f"{packages} && make && make install"))
    assert not result.changed, result.text
    assert "someone/tools:latest may not have it (it is not known as Debian or Ubuntu" in (result.skipped or "")


def test_a_configure_says_the_prefix_when_none_is_given() -> None:
    # configure's (autoconf's) default is /usr/local: an empty one is still copied whole
    result = refactor(_on("debian:bookworm", "./configure && make && make install"))
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/local /usr/local" in result.text and "install.stamp" not in result.text


def test_an_install_a_configure_script_wrote_is_still_staged_with_destdir() -> None:
    result = refactor(_on("debian:bookworm", "./configure --prefix=/usr && make && make install"))
    assert result.changed, result.skipped
    assert "make install DESTDIR=/opt/staged" in result.text and "install.stamp" not in result.text


@pytest.mark.parametrize(("image", "run", "user", "why"), [
    ("node:18-alpine", "apk add --no-cache build-base && make && make install PREFIX=/usr/local", "",
     "not tracked either: the tool finds what an install added with GNU find's -cnewer, and node:18-alpine may "
     "not have it (its find is busybox's, which has only -newer)"),
    ("debian:bookworm", "make && make install PREFIX=/usr | tee install.log", "",
     "not tracked either: the command is in a pipeline or runs in the background"),
    ("debian:bookworm", "make && (make install PREFIX=/usr)", "",
     "not tracked either: the command is inside a compound command"),
    ("debian:bookworm", "make && sudo make install PREFIX=/usr", "USER app\n",
     "not tracked either: the stage runs it as app, not root"),
    ("debian:bookworm", "make && make install PREFIX=/usr/lib", "",
     "installs into /usr/lib, among the files of the system's packages: what the build added cannot be copied apart"),
    # built in /: the check would have to leave out the whole file system
    ("debian:bookworm", "cd / && make && make install PREFIX=/usr", "",
     "not tracked either: its build folder is /, which the builder's check"),
])
def test_an_install_that_cannot_be_tracked_is_left_alone(image: str, run: str, user: str, why: str) -> None:
    result = refactor(_on(image, run, user))
    assert not result.changed, result.text
    assert why in (result.skipped or ""), result.skipped


def test_the_stamp_and_the_copy_follow_a_chain_written_one_command_a_line() -> None:
    text = ("FROM debian:bookworm\nWORKDIR /src\nCOPY . .\n"
            "RUN make \\\n    && make install PREFIX=/usr \\\n    && rm -rf /src/obj\nCMD [\"hello\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert ("RUN make \\\n    && mkdir -p /opt/staged \\\n    && touch /tmp/install.stamp \\\n    && sleep 1 \\\n"
            "    && make install PREFIX=/usr \\\n    && { find /usr -cnewer") in result.text
    assert f"|| exit 1; }} \\\n    && {PRUNED} \\\n    && rm -rf /src/obj\n" in result.text
