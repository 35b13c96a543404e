"""A VOLUME before the RUN that builds, on a real engine (the classic builder): the file copies its program into
the folder above the volume's (VOLUME /data/build/matter, then `cp -r /data/tank /data/build`), which the
VOLUME made. The rewrite used to declare the VOLUME in the runtime alone: in the builder /data/build was the program
itself, and the runtime's copy of /data failed ("not a directory"), as seen in a real build of a dev file. Now the
builder keeps the VOLUME where it stands. Skipped without a Docker engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified_default_output

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "go-volume-parent"


def test_the_builder_makes_the_volumes_folder_before_the_build() -> None:
    result, builder, runtime = rewrite_app(APP)
    assert builder.index("VOLUME /data/build/matter") < builder.index("RUN go build"), result.text
    assert "VOLUME /data/build/matter" in runtime
    output = verified_default_output(APP, result.text)
    assert "tank runs from /data/build/tank with its matter folder: true" in output
