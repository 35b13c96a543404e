"""An official gcc image whose GCC is newer than its runtime release's (gcc:latest, gcc:14 on bookworm) builds C++
programs against its own libstdc++ in /usr/local/lib64, with symbols the release's libstdc++ may lack. Before, such a
dynamically linked build was left alone (rp22c TNG-Blue/Server, dashrendar102/my_library: gcc:latest, skipped; by
hand 976 -> 164 MB and 853 -> 167 MB, the same runs). Now the builder gathers that libstdc++ and libgcc_s with the
loader's configuration the gcc image has for their folder, and the runtime copies them and runs ldconfig."""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest
from conftest import docker, engine_reachable, zoo_alias

from transformer import refactor, verify
from transformer.fileio import context_reader

FILE = """FROM {image}
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y libsqlite3-dev
RUN g++ -o main main.cpp -lsqlite3 && strip main
CMD ["./main"]
"""
MAIN = '#include <iostream>\n#include <sqlite3.h>\nint main() { std::cout << "sqlite " << sqlite3_libversion() ' \
       '<< std::endl; }\n'


def _stages(image: str) -> tuple[str, str]:
    """(the text up to the runtime's FROM, the runtime stage after it)."""
    result = refactor(FILE.format(image=image), read_context={"main.cpp": MAIN}.get)
    assert result.changed, result.skipped
    before, _, runtime = result.text.partition(" AS runner")
    return before, runtime


@pytest.mark.parametrize(("image", "runtime"), [
    ("gcc:latest", "debian:trixie-slim"), ("gcc:14", "debian:bookworm-slim"), ("gcc", "debian:trixie-slim")])
def test_the_runtime_takes_gcc_s_own_libstdcxx(image: str, runtime: str) -> None:
    before, stage = _stages(image)
    assert before.endswith(f"FROM {runtime}"), before
    assert ("cp -L /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/libgomp.so.1 "
            "/usr/local/lib64/libatomic.so.1 /opt/gcc-runtime/usr/local/lib64/") \
        in before, before
    assert "echo /usr/local/lib64 > /opt/gcc-runtime/etc/ld.so.conf.d/000-local-lib.conf" in before, before
    assert "COPY --from=builder /opt/gcc-runtime/ /\nRUN ldconfig\n" in stage, stage
    assert "libsqlite3-0" in stage, stage


def test_a_gcc_whose_libstdcxx_the_release_has_copies_none() -> None:
    before, stage = _stages("gcc:12")
    assert "gcc-runtime" not in before + stage


# a look-alike of an official gcc image with a GCC newer than its release's: the zoo's gcc:12 (Debian's GCC) with a
# libstdc++ of its own in /usr/local/lib64 and the loader's configuration of that folder, as the official images have
LOOKALIKE = """FROM gcc:12
RUN mkdir -p /usr/local/lib64 && cp -L /usr/lib/x86_64-linux-gnu/libstdc++.so.6 /usr/local/lib64/ \\
    && cp -L /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/local/lib64/ \\
    && echo /usr/local/lib64 > /etc/ld.so.conf.d/000-local-lib.conf && ldconfig
"""


@pytest.mark.e2e
def test_the_program_loads_gcc_s_libstdcxx_on_a_real_engine(tmp_path: Path) -> None:
    if not engine_reachable():
        pytest.skip("no Docker engine")
    zoo_alias("debian:bookworm-slim", "debian:bookworm-slim")
    tag = f"gcc:14-msrefactor-{uuid.uuid4().hex[:8]}"
    built = subprocess.run(["docker", "build", "--network", "host", "-t", tag, "-"], input=LOOKALIKE, text=True,
                           capture_output=True, timeout=600)
    assert built.returncode == 0, built.stderr
    try:
        (tmp_path / "Dockerfile").write_text(FILE.format(image=tag))
        (tmp_path / "main.cpp").write_text(MAIN)
        result = refactor(FILE.format(image=tag), read_context=context_reader(str(tmp_path)))
        assert result.changed and "/opt/gcc-runtime/" in result.text, result.skipped
        report = verify.verify_file(tmp_path / "Dockerfile", keep_images=True)
        assert report.ok, verify.render_table(report)
        ms = report.images["result"]
        found = docker("run", "--rm", "--network", "host", "--entrypoint", "ldd", ms, "/app/main", timeout=120)
        assert "libstdc++.so.6 => /usr/local/lib64/libstdc++.so.6" in found.stdout, found.stdout
    finally:
        for image in (tag, "msrefactor-verify/" + verify.image_name(str(tmp_path / "Dockerfile")) + ":orig",
                      "msrefactor-verify/" + verify.image_name(str(tmp_path / "Dockerfile")) + ":ms"):
            docker("rmi", "-f", image, timeout=120)
