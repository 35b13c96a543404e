"""A hand-written Makefile's install into /usr/local on node:18-slim (whose /usr/local the tool takes to hold
node's own files), tracked: its install ignores DESTDIR, keeps the files' modification times (``install -p``)
and links a second name to the program. The refactored builder runs it as written and copies what changed
after a stamp (``find -cnewer``) into /opt/staged; the runtime, node:18-slim without the compiler, copies that
folder to / and runs the linked name. With WITH_ETC=1 the same install also writes /etc/hello.conf, outside the
prefix: the refactored builder must then fail, naming that file. And a hand-written Makefile's shared library and
program installed into /usr on debian:bookworm, with the `ldconfig` its install runs (which rewrites the loader's
cache, outside the prefix, and makes the soname link, inside it): the runtime, debian:bookworm-slim, loads the
library from /usr/lib with no cache of its own. Skipped without a Docker engine.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "handwritten-usr-local"
LIBRARY = APP.parent / "handwritten-usr-lib"


def test_a_hand_written_install_into_a_crowded_usr_local_is_tracked_and_runs_in_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert "sleep 1 && make install PREFIX=/usr/local && { find /usr/local -cnewer /tmp/install.stamp" \
        in builder
    assert "DESTDIR" not in result.text
    assert "COPY --from=builder /opt/staged /\n" in runtime and "gcc" not in runtime
    output = verified_default_output(APP, result.text)
    assert "hello from a hand-written Makefile under /usr/local" in output


def test_the_builder_fails_when_the_install_writes_outside_its_prefix() -> None:
    text = (APP / "Dockerfile").read_text().replace("make install PREFIX=/usr/local",
                                                     "make install PREFIX=/usr/local WITH_ETC=1")
    result = refactor(text, read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker engine")
    built = subprocess.run([docker, "build", "--network", "host", "--target", "builder", "-f", "-", str(APP)],
                           input=result.text, capture_output=True, text=True, timeout=900)
    assert built.returncode != 0, built.stdout
    assert "/etc/hello.conf" in built.stdout + built.stderr


def test_a_hand_written_install_of_a_library_into_usr_that_runs_ldconfig_is_tracked() -> None:
    text = (LIBRARY / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(LIBRARY)))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner")
    assert "find /usr -path /usr/src/greet -prune -o -cnewer /tmp/install.stamp" in builder
    assert "-path /etc/ld.so.cache" in builder and "COPY --from=builder /opt/staged /\n" in runtime
    output = verified_default_output(LIBRARY, result.text)
    assert "hello from libgreet.so.1 in /usr/lib" in output
