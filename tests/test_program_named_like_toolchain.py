"""A program the build names after a toolchain (`go build -o /golang-demo`) is the app, not a toolchain.

Before: "the build installs a toolchain (/golang-demo) that the runtime would have to copy" (a real Go service's
Dockerfile, whose binary is named after its repository); the folders of real toolchains stay toolchains.
"""

from __future__ import annotations

import pytest
from conftest import runner_stage, skip_reason

GO = ("FROM golang:1.20\nWORKDIR /app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY *.go ./\n"
      "RUN CGO_ENABLED=0 GOOS=linux go build -o /{name}\nEXPOSE 8080\nCMD [\"/{name}\"]\n")


@pytest.mark.parametrize("name", ["golang-demo", "golang-api", "ant-colony", "gradle-demo", "maven-service"])
def test_a_go_program_named_after_a_toolchain_goes_to_the_runtime(name: str) -> None:
    runtime = runner_stage(GO.format(name=name))
    assert f"COPY --from=builder /{name} /{name}\n" in runtime


@pytest.mark.parametrize("folder", ["/usr/local/golang", "/opt/golang1.21", "/opt/gradle-8.5",
                                    "/opt/apache-maven-3.9.6"])
def test_a_toolchain_folder_is_still_one(folder: str) -> None:
    text = (f"FROM debian:bookworm\nRUN curl -fsSL https://example.org/t.tar.gz -o /tmp/t.tar.gz && mkdir -p {folder} "
            f"&& tar -xzf /tmp/t.tar.gz -C {folder} && rm /tmp/t.tar.gz\nENV PATH={folder}/bin:$PATH\n"
            "COPY . /app\nWORKDIR /app\nRUN make\nCMD [\"/app/server\"]\n")
    assert f"the build installs a toolchain ({folder})" in skip_reason(text)
