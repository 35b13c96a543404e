"""A runtime image a pass chooses (pip's --prefix or user-base layout: ``python:3.8`` -> ``python:3.8-slim``) for a
FROM whose tag is a build argument follows that argument, as the plan's own choice does: rp6's
juliohm1978/python-project (`ARG PYTHON_VERSION`, `FROM python:${PYTHON_VERSION}`, `ENTRYPOINT
["/usr/local/bin/python", ...]`) got `FROM python:slim`, another Python than the builder's under the
`--build-arg PYTHON_VERSION=3.8.3` its Makefile passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import skip_reason, verified

from transformer import refactor
from transformer.fileio import context_reader

GO_APP = Path(__file__).resolve().parents[1] / "fixtures" / "build-args" / "go-unset-version"

FILE = """ARG PYTHON_VERSION{default}

FROM python:${{PYTHON_VERSION}}

RUN groupadd --system user && useradd --system --gid user user
ADD --chown=user:user src/requirements.txt /opt/app/requirements.txt
RUN pip install -r /opt/app/requirements.txt
ADD --chown=user:user src /opt/app
USER user
ENTRYPOINT [ "/usr/local/bin/python", "/opt/app/main.py" ]
"""


def test_the_pass_s_runtime_follows_the_argument() -> None:
    result = refactor(FILE.format(default="=3.8"))
    assert result.changed, result.skipped
    assert "FROM python:${PYTHON_VERSION}-slim AS runner\n" in result.text, result.text
    assert any("the runtime image follows ARG PYTHON_VERSION" in str(c) for c in result.changes)


@pytest.mark.parametrize("default", ["", "="])
def test_an_argument_with_no_default_leaves_the_file_alone(default: str) -> None:
    assert "depends on a build argument with no default" in skip_reason(FILE.format(default=default))


GO = """ARG GO_VERSION{default}
FROM golang:${{GO_VERSION}}
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN {build}go build -o /server .
EXPOSE 8080
CMD ["/server"]
"""


@pytest.mark.parametrize("default", ["", "=1.19"])
def test_a_go_program_s_runtime_is_one_image_whatever_the_tag(default: str) -> None:
    """rp7's rayah97/godocker (`ARG GO_VERSION`, no default) was left alone, though its runtime, distroless static
    for a program built without cgo, is the same for every Go tag (as with a default it is)."""
    result = refactor(GO.format(default=default, build=""))
    assert result.changed, result.skipped
    assert "FROM golang:${GO_VERSION} AS builder\n" in result.text
    assert "FROM gcr.io/distroless/static-debian12 AS runner\n" in result.text, result.text


def test_a_runtime_that_follows_the_go_tag_still_leaves_the_file_alone() -> None:
    """A program of cgo needs the C library of the builder's Debian release, which the tag tells."""
    text = GO.format(default="", build="CGO_ENABLED=1 ")
    assert "depends on a build argument with no default" in skip_reason(text)


CGO_RELEASE = """ARG go_version
FROM golang:${go_version}-{variant}
RUN apt update && apt install -y libhivex-dev libhivex-bin
COPY . /src
WORKDIR /src
RUN go install .
ENTRYPOINT ["/go/bin/bcdhive_gen"]
"""


def test_a_tag_variant_that_names_the_debian_release_names_the_runtime() -> None:
    """rp8's buildpacks/imgutil tools/bcdhive_generator (`golang:${go_version}-bullseye`, cgo against libhivex) was
    left alone: its runtime, Debian's slim image of the release the variant names, is the same for every Go version."""
    result = refactor(CGO_RELEASE.replace("{variant}", "bullseye"))
    assert result.changed, result.skipped
    assert "FROM debian:bullseye-slim AS runner\n" in result.text, result.text
    assert "libhivex0" in result.text
    assert any("debian:bullseye-slim whatever tag the build arguments give" in str(c) for c in result.changes)


@pytest.mark.parametrize("variant", ["${variant}", "bullseye-bookworm", "windowsservercore"])
def test_a_variant_that_names_no_single_release_still_leaves_the_file_alone(variant: str) -> None:
    assert "depends on a build argument with no default" in skip_reason(CGO_RELEASE.replace("{variant}", variant))


@pytest.mark.e2e
def test_the_go_program_runs_on_distroless_built_with_the_argument() -> None:
    """Engine: both files built with `--build-arg GO_VERSION=1.19` (verify's build arguments); the program prints
    the same on the runtime."""
    result = refactor((GO_APP / "Dockerfile").read_text(), read_context=context_reader(str(GO_APP)))
    assert "FROM gcr.io/distroless/static-debian12 AS runner" in result.text, result.skipped
    report = verified(GO_APP, result.text, build_args=("GO_VERSION=1.19",))
    assert any("greeting from a static Go program" in ms.output for _, ms in report.smoke)
