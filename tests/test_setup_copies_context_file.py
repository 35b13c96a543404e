"""Setup the runtime repeats that copies a file of the build context from where a COPY put it (`cp
$APPSRC_DIR/bin/entrypoint.sh /bin/` after `COPY ./ $APPSRC_DIR/`): the COPY, a build input of a compiled program,
was left to the builder, and the runtime's cp failed (`cp: cannot stat`; hunt's engine repro, now
fixtures/apps/go-setup-copies-source). The runtime repeats the COPY before it."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM golang:1.19
ENV APPSRC_DIR /go/src/example.com/hello
COPY ./ $APPSRC_DIR/
RUN {setup}
WORKDIR /go/src/example.com/hello
RUN go build -o /bin/hello .
ENTRYPOINT ["/bin/entrypoint.sh"]
"""


@pytest.mark.parametrize("setup", ["cp $APPSRC_DIR/bin/entrypoint.sh /bin/entrypoint.sh",
                                   "install -m 755 /go/src/example.com/hello/bin/entrypoint.sh /bin/entrypoint.sh"])
def test_the_runtime_copies_the_sources_the_setup_copies_from(setup: str) -> None:
    runtime = runner_stage(FILE.format(setup=setup))
    assert runtime.index("COPY ./ $APPSRC_DIR/") < runtime.index(f"RUN {setup}"), runtime


def test_setup_that_copies_a_file_of_the_image_leaves_the_sources_in_the_builder() -> None:
    runtime = runner_stage(FILE.format(setup="cp /usr/share/zoneinfo/UTC /etc/localtime"))
    assert "COPY ./" not in runtime, runtime


def test_with_the_build_context_the_files_beside_the_sources_serve() -> None:
    """adv-s37 H: where the context shows the files beside the sources (bin/, conf/), the runtime copies those, as
    before, and the cp finds its file there; not the whole COPY, sources and vendor/ included, unless the program
    runs in the folder the COPY fills (there a file the repository leaves out may be read: the COPY as written)."""
    files = {"go.mod": "module x\n", "main.go": "package main\n", "bin/entrypoint.sh": "#!/bin/sh\n",
             "conf/app.yaml": "a: 1\n"}
    text = ("FROM golang:1.19\nWORKDIR /app\nCOPY . /app\nRUN go build -o /app/server .\n"
            "RUN cp /app/bin/entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"entrypoint.sh\"]\nCMD [\"/app/server\"]\n")
    runtime = runner_stage(text.replace('CMD ["/app/server"]', 'WORKDIR /\nCMD ["/app/server"]'), files)
    assert "COPY bin /app/bin\n" in runtime and "COPY . /app" not in runtime, runtime
    runtime = runner_stage(text, files)
    assert "COPY . /app\n" in runtime and runtime.index("COPY . /app") < runtime.index("RUN cp"), runtime

