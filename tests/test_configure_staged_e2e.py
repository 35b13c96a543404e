"""A staged install whose Makefile a configure of the project's own wrote (as nginx's, ffmpeg's or a released
tarball's), on a real engine: not autoconf's, so DESTDIR is assumed, and the builder checks it.

configure-usr: the configure writes a Makefile whose install honours DESTDIR (a shared library, a program linked
to it, a data file), configured with --prefix=/usr and built in /usr/src/motd on gcc:12. The refactoring installs it
a second time with DESTDIR=/opt/staged, with a stamp file before and a `find` of newer files in /usr after (the
build folder left out); the runtime, debian:bookworm-slim, copies /opt/staged to / and the program prints the
message of the day it reads from /usr/share.

configure-partial: the same project whose Makefile installs the data file straight into /usr/share, ignoring
DESTDIR for it. The copy of /opt/staged alone would build and leave the file out of the runtime unseen; the
builder's check stops the build instead. Skipped without a Docker engine.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from conftest import verified_default_output

from transformer import refactor
from transformer.fileio import context_reader
from transformer.verify import DockerCLI, NoEngine

pytestmark = pytest.mark.e2e

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "destdir"
# the checked copy takes lines of its own, as the RUN writes one command a line
CHECK = ("    && make \\\n"
         "    && touch /tmp/destdir.stamp \\\n"
         "    && make install DESTDIR=/opt/staged \\\n"
         '    && { test -z "$(find /usr -path /usr/src/motd -prune -o -newer /tmp/destdir.stamp ! -type d '
         "! -name '*.pyc' -print)\" || exit 1; } \\\n"
         "    && find /opt/staged -name '*.a' -type f -delete \\\n"
         "    && make install \\\n")  # the builder then lists what the outputs link (ldd): gcc has buildpack-deps'
# -dev packages, and the Makefile a configure writes is not one the tool reads


def _refactored(app: Path) -> str:
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert CHECK in builder
    assert "COPY --from=builder /opt/staged /" in runtime and "destdir.stamp" not in runtime
    return result.text


def test_a_configure_s_install_into_usr_is_staged_and_runs_in_the_runtime() -> None:
    app = FIXTURES / "configure-usr"
    output = verified_default_output(app, _refactored(app))
    assert "hello from a configure of its own, staged with DESTDIR" in output
    assert "(libmotd under /usr/lib)" in output


def test_a_makefile_that_ignores_destdir_for_some_files_stops_the_builder(tmp_path: Path) -> None:
    app = FIXTURES / "configure-partial"
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(_refactored(app))
    docker = DockerCLI()
    try:
        docker.ping()
    except NoEngine as e:
        pytest.skip(f"no Docker engine: {e}")
    tag = f"msrefactor-e2e/configure-partial:{uuid.uuid4().hex[:8]}"
    built = docker.build(str(dockerfile), str(app), tag, target="builder")
    if built.returncode == 0:
        docker.remove_image(tag)
    assert built.returncode != 0, built.output
    # the legacy builder says "returned a non-zero code: 1", BuildKit "exit code: 1"
    assert 'test -z "$(find /usr' in built.output and "code: 1" in built.output, built.output
    assert "install -m 644 motd.txt /usr/share/motd/motd.txt" in built.output  # make's own line shows the file


def test_a_file_edited_after_the_staged_install_keeps_the_edit(tmp_path: Path) -> None:
    # the original appends a line to the installed motd.txt, then builds once more: the runtime must append it
    # after the staged copy brings the file (before it, the folder is not there and the build fails; over it, the
    # copy would put the file back without the line)
    app = tmp_path / "app"
    app.mkdir()
    for f in (FIXTURES / "configure-usr").iterdir():
        (app / f.name).write_bytes(f.read_bytes())
        (app / f.name).chmod(f.stat().st_mode)
    (app / "Dockerfile").write_text(
        "FROM gcc:12\nWORKDIR /usr/src/motd\nCOPY . .\n"
        "RUN ./configure --prefix=/usr && make && make install\n"
        "RUN echo 'and a line the file added after the install' >> /usr/share/motd/motd.txt\n"
        "RUN cc -O2 -o /usr/local/bin/motd-again main.c /usr/lib/libmotd.so.1\n"
        "CMD [\"motd\"]\n")
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner")[2]
    assert runtime.index("COPY --from=builder /opt/staged /") < runtime.index("RUN echo 'and a line")
    output = verified_default_output(app, result.text)
    assert "hello from a configure of its own, staged with DESTDIR" in output
    assert "and a line the file added after the install" in output
