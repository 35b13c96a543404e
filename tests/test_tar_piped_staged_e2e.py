"""A piped unpack and a copy by pattern among the system's files, on a real engine: an archive of the build
context (made for this fixture: a shell tool in a folder of its own) read by curl from a file:// address and piped
into `tar -xz -C /usr/bin --strip-components=1`, checked right after by the same RUN; then the files of a folder
the build made copied into / with `cp -a /tmp/rootfs/* /`. A small C program built with gcc runs the tool and
prints the copied file. The refactoring unpacks the piped archive into /opt/staged/usr/bin and copies it from
there into /usr/bin (the RUN's check still finds it), runs the copy into /opt/staged first, and the runtime,
debian:bookworm-slim without gcc, copies /opt/staged to /. Skipped without a Docker engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

from transformer import refactor
from transformer.fileio import context_reader

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "destdir" / "tar-piped-usr-bin"


def test_a_piped_unpack_and_a_copy_into_root_are_staged_and_run_in_the_runtime() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert ("RUN mkdir -p /opt/staged/usr/bin && curl -fsS file:///tmp/tool.tgz | tar -xz -C /opt/staged/usr/bin "
            "--strip-components=1 && tar -C /opt/staged/usr/bin -cf - . | tar -C /usr/bin -xf - \\\n") in builder
    assert "&& mkdir -p /opt/staged && cp -a /tmp/rootfs/* /opt/staged/ && cp -a /tmp/rootfs/* / \\\n" in builder
    assert runtime.count("COPY --from=builder /opt/staged /") == 1 and "gcc" not in runtime
    output = verified_default_output(APP, result.text)
    assert "hello from a program built with gcc" in output
    assert "piped-tool 1.0 unpacked into /usr/bin" in output
    assert "greeting copied into /usr/share/greet" in output


def test_a_piped_unpack_into_bin_keeps_the_merged_usr_link(tmp_path: Path) -> None:
    """The same app with the archive piped into /bin, a link to usr/bin on bookworm: the builder stages it under
    the folder /bin resolves to, so the runtime's copy of /opt/staged to / writes into /usr/bin and keeps the /bin
    link (a staged `bin` folder would replace it: /bin/sh gone with the classic builder, BuildKit refusing)."""
    import shutil

    shutil.copytree(APP, tmp_path / "app")
    app = tmp_path / "app"
    dockerfile = app / "Dockerfile"
    dockerfile.write_text(dockerfile.read_text().replace("-C /usr/bin", "-C /bin").replace(
        "test -x /usr/bin/piped-tool", "test -x /bin/piped-tool"))
    result = refactor(dockerfile.read_text(), read_context=context_reader(str(app)))
    assert result.changed, result.skipped
    assert 'tar -xz -C "/opt/staged$(readlink -f /bin)" --strip-components=1' in result.text
    output = verified_default_output(app, result.text)
    assert "hello from a program built with gcc" in output
    assert "greeting copied into /usr/share/greet" in output
