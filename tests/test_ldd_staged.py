"""The builder's list of run-time libraries (transformer/linked.py) leaves out those a staged install brings.

A `make install` into /usr on a release the data do not name (dev 1f1d676f: wimlib on ruby:2.2) is staged under
/opt/staged, which the runtime copies to /, and run again for the rest of the build: the builder's ldd finds the
program's own library at /usr/lib, where no package owns it. It used to be looked up with dpkg-query all the same,
which failed (xargs' 123) and stopped the build; now the staged files, at their paths under /, are dropped from the
list before it is looked up (fixtures/apps/c-staged-library builds and runs on the engine, tests/test_e2e.py).
On Alpine (dev 7c387c50: libvips on node:8.6.0-alpine) the list held ``so:libvips.so.42``, which the runtime's
``apk add`` would look for in the release's repositories: ldd's lines of the staged libraries are dropped too."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from transformer import refactor
from transformer.fileio import context_reader
from transformer.linked import LIST, apk_builder_commands, builder_commands
from transformer.shell import parse_shell

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-staged-library"
SCRATCH = "/tmp/runtime-libraries"
DROPPED = ("find /opt/staged ! -type d > /tmp/runtime-libraries/staged-files",
           "sed -n -e 's|^/opt/staged\\(/usr\\)\\{0,1\\}\\(/.*\\)|*\\2|p' /tmp/runtime-libraries/staged-files "
           "> /tmp/runtime-libraries/staged",
           "sort -u -o /tmp/runtime-libraries/staged /tmp/runtime-libraries/staged",
           "comm -23 /tmp/runtime-libraries/libraries /tmp/runtime-libraries/staged > /tmp/runtime-libraries/unstaged",
           "xargs -r dpkg-query --search < /tmp/runtime-libraries/unstaged > /tmp/runtime-libraries/owners")


def test_the_staged_library_of_a_make_install_into_usr_is_not_looked_up() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    builder, runner = result.text.split(" AS runner\n")
    assert "make install DESTDIR=/opt/staged" in builder
    joint = " \\\n    && "
    assert joint.join(("sort -u -o /tmp/runtime-libraries/libraries /tmp/runtime-libraries/libraries", *DROPPED)) \
        in builder
    assert "< /tmp/runtime-libraries/libraries > /tmp/runtime-libraries/owners" not in builder
    assert "COPY --from=builder /opt/staged /\n" in runner
    assert ("after the build, the builder writes /opt/runtime-packages: the packages whose shared libraries the files "
            "of /src, /opt/staged link to (ldd, dpkg-query), and those libxml2-dev points to, but for those "
            "/opt/staged brings, which the runtime copies to /") in [c.message for c in result.changes]


def test_a_listing_without_a_staged_folder_is_as_it_was() -> None:
    commands = builder_commands(["/opt/venv"], ["/usr/local"], ["libpq-dev"])
    assert not any("staged" in c for c in commands)
    assert f"xargs -r dpkg-query --search < {SCRATCH}/libraries > {SCRATCH}/owners" in commands


def test_the_steps_have_no_pipe() -> None:
    """hadolint's DL4006 asks for pipefail, which dash lacks: each step reads and writes a file."""
    commands = builder_commands(["/src", "/opt/staged"], (), ["libxml2-dev"], ["/opt/staged"])
    assert commands[-7:-3] == DROPPED[1:]
    assert all(c.connector != "|" for c in parse_shell(" && ".join(commands)).commands)


_LDD = """#!/bin/sh
printf '\\tlinux-vdso.so.1 (0x00007ffd)\\n'
printf '\\tlibfoo.so.1 => /lib/libfoo.so.1 (0x00007f01)\\n'
printf '\\tlibxml2.so.2 => /lib/x86_64-linux-gnu/libxml2.so.2 (0x00007f02)\\n'
printf '\\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f03)\\n'
"""
# dpkg-query --search as dpkg's: each pattern's owners, and status 1 when one of them has none (the builder looks up
# the files the links name, as this machine resolves them: libxml2.so.2.9.14, libc.so.6 or libc-2.36.so)
_DPKG_QUERY = """#!/bin/sh
shift
status=0
for p; do
  case $p in
    */libxml2.so.2*) echo "libxml2:amd64: /usr/lib/x86_64-linux-gnu/libxml2.so.2";;
    */libc.so.6|*/libc-*.so) echo "libc6:amd64: /usr/lib/x86_64-linux-gnu/libc.so.6";;
    */blas/libblas.so.3.11) echo "libblas3:amd64: /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11";;
    *) echo "dpkg-query: no path found matching pattern $p" >&2; status=1;;
  esac
done
exit $status
"""


def _run(tmp: Path, staged: tuple[str, ...], ldd: str = _LDD, apk: bool = False,
         empty: bool = False) -> tuple[subprocess.CompletedProcess[str], Path]:
    """The builder's listing (Alpine's with ``apk``) run by sh over /app and a staged tree under ``tmp`` (``empty``:
    with no file), with ldd and dpkg-query stubbed."""
    bin_ = tmp / "bin"
    bin_.mkdir()
    for name, text in (("ldd", ldd), ("dpkg-query", _DPKG_QUERY)):
        (bin_ / name).write_text(text)
        (bin_ / name).chmod(0o755)
    tree = tmp / "opt" / "staged"
    (tree / "usr" / "lib").mkdir(parents=True)
    (tree / "usr" / "bin").mkdir()
    (tree / "usr" / "lib" / "libfoo.so.1.0").write_text("")
    (tree / "usr" / "lib" / "libfoo.so.1").symlink_to("libfoo.so.1.0")  # a link, as ldd names the soname
    (tree / "usr" / "bin" / "foo").write_text("")
    (tree / "usr" / "bin" / "foo").chmod(0o755)
    if empty:
        shutil.rmtree(tree / "usr")
    (tmp / "app").mkdir()
    (tmp / "app" / "app.so").write_text("")
    folders = ["/app", "/opt/staged"]
    commands = apk_builder_commands(folders, (), staged) if apk else builder_commands(folders, (), (), staged)
    script = " && ".join(commands)
    # the builder's paths moved under tmp, in one pass (tmp's own name may hold one of them)
    script = re.sub("|".join(re.escape(p) for p in (SCRATCH, LIST, "/opt/staged", "/app")),
                    lambda m: f"{tmp}{m.group(0)}", script)
    done = subprocess.run([shutil.which("dash") or "sh", "-c", script], capture_output=True, text=True, timeout=60,
                          env={"PATH": f"{bin_}:/usr/bin:/bin"})
    return done, tmp / LIST.lstrip("/")


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("find") is None, reason="no POSIX shell")
def test_the_listing_runs_and_lists_the_packages_of_the_other_libraries(tmp_path: Path) -> None:
    done, listed = _run(tmp_path, ("/opt/staged",))
    assert done.returncode == 0, done.stderr
    assert listed.read_text() == "libc6\nlibxml2\n"


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("find") is None, reason="no POSIX shell")
def test_without_the_staged_tree_left_out_the_listing_stops_the_build(tmp_path: Path) -> None:
    """What the builder did before: the staged library, which no package owns, goes to dpkg-query."""
    done, listed = _run(tmp_path, ())
    assert done.returncode == 123 and "no path found matching pattern */lib/libfoo.so.1" in done.stderr
    assert not listed.exists()


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("find") is None, reason="no POSIX shell")
def test_an_empty_staged_tree_leaves_every_library_looked_up(tmp_path: Path) -> None:
    """Nothing staged: the library no package owns stops the build, as it did."""
    done, listed = _run(tmp_path, ("/opt/staged",), empty=True)
    assert done.returncode == 123 and "no path found matching pattern */lib/libfoo.so.1" in done.stderr
    assert not listed.exists()


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("find") is None, reason="no POSIX shell")
def test_a_list_of_staged_libraries_only_leaves_nothing_to_look_up(tmp_path: Path) -> None:
    """No line is left to look up: the list is empty and the build goes on."""
    only = "#!/bin/sh\nprintf '\\tlibfoo.so.1 => /usr/lib/libfoo.so.1 (0x00007f01)\\n'\n"
    done, listed = _run(tmp_path, ("/opt/staged",), ldd=only)
    assert done.returncode == 0, done.stderr
    assert listed.read_text() == ""


ALPINE = ("FROM alpine:3.8\nRUN apk add --no-cache gcc make musl-dev hdf5-dev\nCOPY . /src\n"
          "RUN cd /src && ./configure --prefix=/usr && make && make install\nCMD [\"foo\"]\n")


def test_on_alpine_the_staged_library_is_not_asked_of_apk() -> None:
    """hdf5-dev is not in the Alpine data: the builder lists apk's so: names, but not the staged libfoo.so.1's."""
    result = refactor(ALPINE, read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    builder, runner = result.text.split(" AS runner\n")
    assert " \\\n    && ".join((
        "find /src /opt/staged -type f \\( -name '*.so' -o -name '*.so.*' -o -perm -u+x \\) -exec ldd {} ';' "
        "> /tmp/runtime-libraries/ldd 2>/dev/null",
        "find /opt/staged ! -type d > /tmp/runtime-libraries/staged-files",
        "sed -n -e 's|^/opt/staged\\(/.*\\)|=> \\1 (|p' /tmp/runtime-libraries/staged-files "
        "> /tmp/runtime-libraries/staged",
        "{ grep -v -F -f /tmp/runtime-libraries/staged /tmp/runtime-libraries/ldd > /tmp/runtime-libraries/unstaged "
        "|| test $? -eq 1; }",
        "sed -n -e '\\|=> /src/|d' -e '\\|=> /opt/staged/|d' -e 's|^[[:space:]]*\\([^ /]*\\) => /.* (0x.*|so:\\1|p' "
        "/tmp/runtime-libraries/unstaged > /tmp/runtime-libraries/libraries")) in builder
    assert "RUN xargs -r apk add --no-cache < /opt/runtime-packages\n" in runner
    assert "COPY --from=builder /opt/staged /\n" in runner


_MUSL_LDD = """#!/bin/sh
printf '\\t/lib/ld-musl-x86_64.so.1 (0x7f00)\\n'
printf '\\tlibfoo.so.1 => /usr/lib/libfoo.so.1 (0x7f01)\\n'
printf '\\tlibxml2.so.2 => /usr/lib/libxml2.so.2 (0x7f02)\\n'
printf '\\tlibc.musl-x86_64.so.1 => /lib/ld-musl-x86_64.so.1 (0x7f03)\\n'
"""


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("find") is None, reason="no POSIX shell")
@pytest.mark.parametrize(("staged", "listed"), [
    (("/opt/staged",), "so:libc.musl-x86_64.so.1\nso:libxml2.so.2\n"),
    ((), "so:libc.musl-x86_64.so.1\nso:libfoo.so.1\nso:libxml2.so.2\n"),  # before: no package provides libfoo
])
def test_alpine_listing_runs(tmp_path: Path, staged: tuple[str, ...], listed: str) -> None:
    done, path = _run(tmp_path, staged, ldd=_MUSL_LDD, apk=True)
    assert done.returncode == 0, done.stderr
    assert path.read_text() == listed


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("find") is None, reason="no POSIX shell")
def test_alpine_listing_with_an_empty_staged_tree_keeps_every_library(tmp_path: Path) -> None:
    done, path = _run(tmp_path, ("/opt/staged",), ldd=_MUSL_LDD, apk=True, empty=True)
    assert done.returncode == 0, done.stderr
    assert path.read_text() == "so:libc.musl-x86_64.so.1\nso:libfoo.so.1\nso:libxml2.so.2\n"


@pytest.mark.skipif(shutil.which("sh") is None or shutil.which("readlink") is None, reason="no POSIX shell")
def test_a_library_linked_through_an_alternatives_link_is_looked_up_by_its_file(tmp_path: Path) -> None:
    """numpy built from source links libblas.so.3, which ldd finds at the link update-alternatives made (through
    /etc/alternatives), which no package owns: dpkg-query failed (status 1, xargs 123) and the build with it (a
    reviewer's find, dev 23c6e047 on wheezy; the same on any release). The builder looks up the file the link names."""
    real = tmp_path / "usr" / "lib" / "blas"
    real.mkdir(parents=True)
    (real / "libblas.so.3.11").write_text("")
    (tmp_path / "etc-alternatives").mkdir()
    (tmp_path / "etc-alternatives" / "libblas.so.3").symlink_to(real / "libblas.so.3.11")
    (tmp_path / "usr" / "lib" / "libblas.so.3").symlink_to(tmp_path / "etc-alternatives" / "libblas.so.3")
    ldd = f"#!/bin/sh\nprintf '\\tlibblas.so.3 => {tmp_path}/usr/lib/libblas.so.3 (0x00007f01)\\n'\n"
    done, listed = _run(tmp_path, ("/opt/staged",), ldd=ldd)
    assert done.returncode == 0, done.stderr
    assert listed.read_text() == "libblas3\n"
