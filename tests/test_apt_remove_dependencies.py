"""`apt-get remove golang-go` without --auto-remove takes the metapackage alone and leaves what it depends on (the
compiler, golang-1.19-go): the original keeps the toolchain, which a runtime stage leaves out. The tool said "nothing
to gain: the build-only packages it installs (golang-go) are removed by the RUN that installs them" (rp8's
lsjostro/nvidia_smi_exporter: 1,187 MB against 81 MB for a hand-written two-stage file). The same program is built
in / (`go build /nvidia_smi_exporter.go`, no WORKDIR): go names the binary after the file, which the runtime copies
alone. Engine: fixtures/apps/go-apt-remove-keeps-deps (test_e2e)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, runner_stage, skip_reason

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-apt-remove-keeps-deps"

UBUNTU = """FROM ubuntu:16.04
{workdir}COPY main.go {dest}
RUN apt-get update && apt-get install -y {install} && go build {built} && apt-get remove -y {remove}{auto}
CMD ["./main"]
"""


def test_the_toolchain_a_plain_remove_leaves_is_a_gain() -> None:
    """The runtime copies the binary alone: not the source file the builder compiled (by its name, a Go source)."""
    _, _, runtime = rewrite_app(APP)
    assert runtime.strip().splitlines() == ["COPY --from=builder /greet /greet", 'CMD ["/greet"]'], runtime


def test_the_reason_names_the_packages_left() -> None:
    result, _, _ = rewrite_app(APP)
    assert any("the packages that golang-go brought along" in str(c) for c in result.changes), result.changes


@pytest.mark.parametrize("auto", [" && apt-get autoremove -y", " --auto-remove"])
def test_a_remove_that_takes_the_dependencies_still_has_nothing_to_gain(auto: str) -> None:
    text = UBUNTU.format(workdir="WORKDIR /app\n", dest="/app/main.go", install="golang-go", built="/app/main.go",
                         remove="golang-go", auto=auto)
    assert skip_reason(text).startswith("nothing to gain"), skip_reason(text)


def test_headers_removed_alone_still_have_nothing_to_gain() -> None:
    """libpq-dev's dependencies are its library and a few headers: no toolchain stays behind."""
    text = UBUNTU.format(workdir="WORKDIR /app\n", dest="/app/main.go", install="golang-go libpq-dev",
                         built="/app/main.go", remove="libpq-dev", auto=" && apt-get purge -y --auto-remove golang-go")
    assert skip_reason(text).startswith("nothing to gain"), skip_reason(text)


def test_a_file_built_in_the_root_folder_is_copied_alone() -> None:
    runtime = runner_stage(UBUNTU.format(workdir="", dest="/main.go", install="golang-go", built="/main.go",
                                         remove="golang-go", auto=""))
    assert "COPY --from=builder /main /main" in runtime, runtime


@pytest.mark.parametrize("built", ["./cmd/main", "-C /src /main.go"])
def test_other_builds_in_the_root_folder_are_left_alone(built: str) -> None:
    """No file named (a package's binary is named after a module path), or another folder (-C)."""
    text = UBUNTU.format(workdir="", dest="/main.go", install="golang-go", built=built, remove="golang-go", auto="")
    assert "outputs in /" in skip_reason(text)
