"""A Go binary moved from an official golang image to a runtime without tzdata (alpine, scratch, Debian's slim images
from trixie on) gets the toolchain's time zone database at its GOROOT path: time.LoadLocation falls back to
$GOROOT/lib/time/zoneinfo.zip (the time package's documented order), which the golang image has and the runtime
would not (read28 702a). Distroless images and Debian's images before trixie have tzdata: nothing is copied."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = """\
FROM {image}
WORKDIR /src
COPY . .
RUN {build}
CMD ["/bin/app"]
"""
COPY = "COPY --from=builder /usr/local/go/lib/time/zoneinfo.zip /usr/local/go/lib/time/zoneinfo.zip"


@pytest.mark.parametrize(("image", "build", "runtime"), [
    ("golang:1.12-alpine", "go build -o /bin/app .", "alpine:3"),
    ("golang:latest", "CGO_ENABLED=1 go build -o /bin/app .", "debian:trixie-slim"),
])
def test_a_runtime_without_tzdata_gets_the_toolchains_zones(image: str, build: str, runtime: str) -> None:
    result = refactor(FILE.format(image=image, build=build))
    assert result.changed, result.skipped
    assert f"FROM {runtime} AS runner" in result.text and COPY in result.text, result.text
    assert any("time.LoadLocation" in c.message for c in result.changes)


@pytest.mark.parametrize(("image", "build"), [
    ("golang:1.22", "go build -o /bin/app ."),  # distroless static: tzdata of its own
    ("golang:1.19", "CGO_ENABLED=1 go build -o /bin/app ."),  # debian:bookworm-slim: tzdata
])
def test_a_runtime_with_tzdata_gets_nothing(image: str, build: str) -> None:
    result = refactor(FILE.format(image=image, build=build))
    assert result.changed, result.skipped
    assert "zoneinfo" not in result.text, result.text
