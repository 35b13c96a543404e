"""A VOLUME that a RUN follows shapes the build: the classic builder makes its folder (and drops what a RUN
writes there). The builder keeps it where the file has it; the runtime declares it too. Seen in a real build of a
dev file (VOLUME /data/build/matter, then `cp -r /data/tank /data/build`): without the VOLUME in the builder,
/data/build was the binary itself and the runtime's copy of /data failed."""

from __future__ import annotations

from conftest import stages

GO = ("FROM golang:1.19\nWORKDIR /data\nCOPY . .\nVOLUME /data/build/matter\n"
      "RUN go build -o tank . && cp -r /data/tank /data/build\nENTRYPOINT [\"/data/build/tank\"]\n")


def test_a_volume_a_run_follows_stays_in_the_builder() -> None:
    builder, runtime = stages(GO)
    assert "COPY . .\nVOLUME /data/build/matter\n" in builder and builder.index("VOLUME") < builder.index("RUN go")
    assert "VOLUME /data/build/matter" in runtime


def test_a_volume_after_the_last_run_is_the_runtimes_alone() -> None:
    text = GO.replace("VOLUME /data/build/matter\n", "").replace("ENTRYPOINT", "VOLUME /data/build/matter\nENTRYPOINT")
    builder, runtime = stages(text)
    assert "VOLUME" not in builder and "VOLUME /data/build/matter" in runtime


def test_a_volume_over_the_builders_own_folders_is_the_runtimes_alone() -> None:
    """A tracked install writes its staging folder (/opt/staged) after the VOLUME: in the builder a VOLUME /opt
    would drop it, so the builder leaves it out, as before."""
    text = ("FROM debian:bookworm\nVOLUME /opt\nRUN apt-get update && apt-get install -y gcc make\nCOPY . /src\n"
            "RUN cd /src && make && make install PREFIX=/usr/local\nCMD [\"hello\"]\n")
    builder, runtime = stages(text)
    assert "VOLUME" not in builder, builder
    assert "VOLUME /opt" in runtime
