"""The runtime image of a builder image: the same release, slim; no guess where the release is unknown."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.images import runtime_image


@pytest.mark.parametrize(("builder", "runtime"), [
    ("debian:stretch", "debian:stretch-slim"),   # an old release keeps its packages (openjdk-8 is not in bookworm)
    ("debian:jessie", "debian:jessie-slim"),
    ("debian:9", "debian:stretch-slim"),
    ("debian:8.11", "debian:jessie-slim"),
    ("debian:12", "debian:bookworm-slim"),
    ("debian:bullseye", "debian:bullseye-slim"),
    ("debian:latest", "debian:stable-slim"),     # latest follows stable, as its slim tag does
    ("debian", "debian:stable-slim"),
    ("debian:sid", "debian:sid-slim"),
    ("python:3.6-stretch", "python:3.6-slim-stretch"),
])
def test_a_debian_image_keeps_its_release(builder: str, runtime: str) -> None:
    assert runtime_image(builder) == runtime


def test_a_debian_version_with_no_known_release_keeps_the_image() -> None:
    assert runtime_image("debian:6.0") == "debian:6.0"


def test_a_release_repeats_its_packages_on_its_own_slim_image() -> None:
    text = ("FROM debian:stretch\nRUN apt-get update && apt-get install -y gcc make libssl1.0-dev\n"
            "COPY . /src\nRUN make -C /src && cp /src/app /usr/local/bin/app\nCMD [\"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "FROM debian:stretch-slim AS runner" in result.text


def test_a_folder_made_with_a_variable_is_not_made_again_over_its_copy() -> None:
    """`mkdir $APP` where the runtime copies /opt/app: the COPY makes the folder, a second mkdir fails."""
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y wget openjdk-17-jdk-headless\n"
            "ENV APP=/opt/app\nRUN mkdir $APP\nRUN wget -qO- https://example.org/x.tar.gz | tar -zx -C $APP\n"
            "CMD [\"/opt/app/bin/run\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner\n", 1)[1]
    assert "COPY --from=builder /opt/app /opt/app" in runner
    assert "mkdir" not in runner
