"""Debian's git, installed for a clone the build makes, left out of the runtime where the image runs a program the
build compiled (read31 741e11c3: cpuminer's `./minerd`, whose runtime installed git and perl; 14 dev outputs):
git is no build-only package of Debian's data (Section vcs), so the runtime repeated its install. Kept wherever the
image may run git: an interpreted program (GitPython, Bundler's gems from git), a program of the distribution's
(supervisord runs what its configuration names), a script the tool cannot read. The ca-certificates the install
took as a package git recommends stay, as the program may connect over TLS. On the engine: the program runs, and
the runtime has no git where the original has it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import verified_images

from transformer import refactor
from transformer.fileio import context_reader

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-git-clone-build"

MINER = """FROM {image}
RUN apt-get update
RUN apt-get install -qqy automake libcurl4-openssl-dev git make
RUN git clone https://github.com/pooler/cpuminer
RUN cd cpuminer && ./autogen.sh && ./configure CFLAGS="-O3" && make
WORKDIR /cpuminer
ENTRYPOINT ["./minerd"]
"""


def _runtime(text: str) -> str:
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


# 12.10, as the dev file: a release the data do not know, whose libraries the builder lists by ldd (libcurl without
# the ca-certificates it recommends); 22.04: one they know, whose libcurl4 the runtime installs with them
@pytest.mark.parametrize("image", ["ubuntu:12.10", "ubuntu:22.04"])
def test_a_compiled_program_s_runtime_has_no_git_but_keeps_the_certificates(image: str) -> None:
    runtime = _runtime(MINER.format(image=image))
    assert " git" not in runtime, runtime
    assert re.search(r"apt-get install -q*y --no-install-recommends .*ca-certificates", runtime), runtime


def test_git_installed_without_recommends_brings_no_certificates() -> None:
    runtime = _runtime(MINER.format(image="ubuntu:12.10").replace("-qqy automake",
                                                                   "-qqy --no-install-recommends automake"))
    assert " git" not in runtime and "ca-certificates" not in runtime, runtime


@pytest.mark.parametrize(("old", "new"), [
    ('ENTRYPOINT ["./minerd"]', 'CMD ["python3", "serve.py"]'),  # an interpreted program may run git (GitPython)
    ('ENTRYPOINT ["./minerd"]', 'CMD ["/usr/bin/supervisord"]'),  # the programs of its configuration may
    ('ENTRYPOINT ["./minerd"]', 'ENTRYPOINT ["./start.sh"]'),  # a script the tool cannot read may
    ("&& make\n", "&& make && pip3 install .\n"),  # a program of Python's packages may
    ("&& make\n", "&& make\nRUN apt-get install -y git\n"),  # installed again after the build: for run time
])
def test_git_stays_where_the_image_may_run_it(old: str, new: str) -> None:
    text = MINER.format(image="ubuntu:22.04").replace(old, new)
    assert new in text
    result = refactor(text)
    assert not result.changed or " git" in result.text.partition(" AS runner")[2], result.text


@pytest.mark.e2e
def test_the_compiled_program_runs_without_git_e2e() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=context_reader(str(APP)))
    assert result.changed, result.skipped
    assert " git" not in result.text.partition(" AS runner")[2], result.text
    with verified_images(APP, result.text) as report:
        outputs = [ms.output for orig, ms in report.smoke if orig.kind == "default"]
        assert outputs and "hello from a program cloned with git and compiled" in outputs[0], outputs
        for name, has_git in (("original", True), ("result", False)):
            found = subprocess.run(["docker", "run", "--rm", "--network", "host", "--entrypoint", "sh",
                                    report.images[name], "-c", "command -v git; ls /etc/ssl/certs | wc -l"],
                                   capture_output=True, text=True, timeout=300).stdout.split()
            assert ("/usr/bin/git" in found) is has_git, (name, found)
            assert int(found[-1]) > 100, (name, found)  # the CA certificates, in both
