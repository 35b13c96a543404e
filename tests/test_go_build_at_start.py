"""Go tools that build the program when the image starts: live reloaders (kaneshin/lime, codegangsta/gin,
pilu/fresh, cosmtrek/air, CompileDaemon, realize, cespare/reflex, beego's ``bee run``) and gox (a cross-compiler over
``go build``).
An image whose command runs one compiles at run time, with the Go toolchain, the sources and the C toolchain of the
original image, which the runtime leaves out: the file is left alone, as for ``go run``. The rewrites of dev 7d32ad41
(``lime -bin=/tmp/examples``) and 4dc7beca (``go get -d ./... && gox``) ran them on a runtime without Go or without
build-essential."""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

GO = """\
FROM golang:1.9
WORKDIR /go/src/app
COPY . .
RUN go get {tool}
CMD {cmd}
"""


@pytest.mark.parametrize(("tool", "cmd"), [
    ("github.com/kaneshin/lime", '["lime", "-bin=/tmp/app", "-port=3001", "-app-port=3000"]'),
    ("github.com/codegangsta/gin", "gin --port 3000 run main.go"),
    ("github.com/pilu/fresh", '["fresh"]'),
    ("github.com/cosmtrek/air", '["air", "-c", ".air.toml"]'),
    ("github.com/githubnemo/CompileDaemon", 'CompileDaemon --build="go build -o app" --command=./app'),
    ("github.com/oxequa/realize", '["realize", "start"]'),
    ("github.com/cespare/reflex", '["reflex", "-d", "none", "-c", "/usr/local/etc/reflex.conf"]'),  # dev 34863a45
    ("github.com/beego/bee", '["bee", "run"]'),
    ("github.com/mitchellh/gox", "go get -d ./... && gox"),
])
def test_a_command_that_builds_the_go_program_at_start_leaves_the_file_alone(tool: str, cmd: str) -> None:
    assert "at run time" in skip_reason(GO.format(tool=tool, cmd=cmd))


def test_a_program_go_get_installed_is_still_rewritten() -> None:
    assert runner_stage(GO.format(tool="github.com/example/server", cmd='["server"]'))
