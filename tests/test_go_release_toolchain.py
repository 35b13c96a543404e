"""Go's toolchain unpacked from its release archive into /usr/local (2e490832: `tar -C /usr/local -xzf
go1.2.linux-amd64.tar.gz`, ENV PATH naming /usr/local/go/bin, `go install` of the program the ENTRYPOINT runs): the
runtime copied /usr/local whole, the toolchain with it, as `tar` unpacks an archive whose members the tool did not
know. Go's release archive holds one folder, go/: the build runs it (`go`, through the PATH), and the runtime
leaves it in the builder when the CMD, ENTRYPOINT and HEALTHCHECK do not run `go`; a command that does keeps the
skip (the image is a build environment), and a shell script the build context does not give leaves the file alone
with that cause (50626747's /bin/entrypoint.sh). An archive whose layout an option changes (--strip-components)
stays as it was."""

from __future__ import annotations

import pytest
from conftest import context_of, runner_stage, skip_reason

from transformer import refactor

FILE = """\
FROM ubuntu:22.04
RUN apt-get update && apt-get install -y curl build-essential
RUN {unpack}
ENV PATH $PATH:/usr/local/go/bin
COPY . /src
RUN cd /src && go build -o /usr/local/bin/app .
CMD {cmd}
"""

UNPACKS = ["curl -fsSLO https://go.dev/dl/go1.21.5.linux-amd64.tar.gz "
           "&& tar -C /usr/local -xzf go1.21.5.linux-amd64.tar.gz",
           "curl -fsSL https://go.dev/dl/go1.21.5.linux-amd64.tar.gz | tar -C /usr/local -xz"]


@pytest.mark.parametrize("unpack", UNPACKS)
def test_the_runtime_gets_the_program_without_the_toolchain(unpack: str) -> None:
    runtime = runner_stage(FILE.format(unpack=unpack, cmd='["app"]'))
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in runtime, runtime
    assert "COPY --from=builder /usr/local " not in runtime and "/usr/local/go " not in runtime, runtime


def test_a_command_that_runs_go_keeps_the_toolchain_skip() -> None:
    why = skip_reason(FILE.format(unpack=UNPACKS[0], cmd='["sh", "-c", "go version && app"]'))
    assert "the build installs a toolchain (/usr/local/go)" in why, why


def test_a_stripped_archive_stays_as_it_was() -> None:
    unpack = ("mkdir /usr/local/golang && curl -fsSL https://go.dev/dl/go1.21.5.linux-amd64.tar.gz "
              "| tar -C /usr/local/golang --strip-components=1 -xz")
    why = skip_reason(FILE.format(unpack=unpack, cmd='["app"]'))
    assert "the build installs a toolchain (/usr/local/golang)" in why, why


def test_a_script_the_context_does_not_give_leaves_the_file_alone() -> None:
    why = skip_reason(FILE.format(unpack=UNPACKS[1], cmd='["/src/entrypoint.sh"]'))
    assert why.startswith("the CMD runs /src/entrypoint.sh, a script the build context does not give, which may run "
                          "Go's toolchain (/usr/local/go"), why


def test_a_script_of_the_context_that_runs_no_go_lets_the_toolchain_stay_behind() -> None:
    text = FILE.format(unpack=UNPACKS[1], cmd='["/src/entrypoint.sh"]')
    result = refactor(text, read_context=context_of({"entrypoint.sh": "#!/bin/sh\nexec app \"$@\"\n"}))
    assert result.changed, result.skipped
    assert "/usr/local/go " not in result.text.partition(" AS runner")[2], result.text


def test_a_script_of_the_context_that_runs_go_keeps_the_toolchain_skip() -> None:
    text = FILE.format(unpack=UNPACKS[1], cmd='["/src/entrypoint.sh"]')
    result = refactor(text, read_context=context_of({"entrypoint.sh": "#!/bin/sh\ngo generate ./...\nexec app\n"}))
    assert "the build installs a toolchain (/usr/local/go)" in (result.skipped or ""), result.text


@pytest.mark.parametrize("image", ["python:3.11", "node:18"])
def test_on_an_image_whose_usr_local_holds_its_own_files_the_toolchain_stays_too(image: str) -> None:
    """python's and node's /usr/local hold the image's own files: the unpack went through a staged copy (/opt/staged,
    to /), which the check of build tools did not weigh, and Go's toolchain came to the runtime (dev 0684ba9f on
    python:2.7.7, about 300 MB). Go's archive makes /usr/local/go alone, a folder of its own."""
    text = FILE.replace("FROM ubuntu:22.04", f"FROM {image}").format(unpack=UNPACKS[0], cmd='["app"]')
    runtime = runner_stage(text)
    assert "/opt/staged" not in runtime and "/usr/local/go " not in runtime, runtime
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in runtime, runtime
