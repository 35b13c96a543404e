"""`msrefactor verify` builds a file that only BuildKit builds (the cache mounts msrefactor adds when the input
already uses BuildKit, a heredoc) with BuildKit, whatever docker's default builder is (rp22go: hgwtra/ascii-art-web
and zball/kubernetes-kind-demo refactor to cache mounts, and verify, on a docker whose default is the classic
builder, said `FAILED (build)` of a result BuildKit builds and runs alike). A docker that cannot use BuildKit (no
buildx) makes the file one verify cannot check here (exit 2), not a failed result."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import engine_reachable
from test_verify import GO_DOCKERFILE, FakeDocker

from transformer import verify as v
from transformer.cachemount import needs_buildkit
from transformer.parser import parse


@pytest.mark.parametrize(("text", "needs"), [
    ("# syntax=docker/dockerfile:1\nFROM golang:1.19\nRUN go build -o /app .\n", False),
    ("FROM golang:1.19\nRUN --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n", True),
    ("FROM debian:bookworm-slim\nRUN <<EOF\necho hi\nEOF\n", True),
    ("FROM debian:bookworm-slim\nCOPY --link a /a\n", True),
    ("FROM debian:bookworm-slim\nCOPY --chmod=755 a /a\n", True),
    ("FROM debian:bookworm-slim AS b\nFROM b\nCOPY --from=b --chown=1000:1000 /a /a\n", False),
])
def test_which_files_only_buildkit_builds(text: str, needs: bool) -> None:
    assert needs_buildkit(parse(text)) is needs


def _env_of_build(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str) -> dict[str, str] | None:
    seen: list[dict[str, str] | None] = []

    def run(args: list[str], **kw: Any) -> subprocess.CompletedProcess[str]:
        seen.append(kw.get("env"))
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(v.subprocess, "run", run)
    (tmp_path / "Dockerfile").write_text(text)
    v.DockerCLI().build(str(tmp_path / "Dockerfile"), str(tmp_path), "t:1")
    return seen[0]


def test_a_cache_mount_is_built_with_buildkit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env = _env_of_build(monkeypatch, tmp_path, "FROM golang:1.19\nRUN --mount=type=cache,target=/go/pkg/mod go "
                                               "build -o /app .\nCMD [\"/app\"]\n")
    assert env is not None and env["DOCKER_BUILDKIT"] == "1"


def test_a_classic_file_keeps_docker_s_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _env_of_build(monkeypatch, tmp_path, "# syntax=docker/dockerfile:1\nFROM golang:1.19\nCMD x\n") is None


class NoBuildx(FakeDocker):
    def build(self, dockerfile: str, context: str, tag: str, target: str | None = None) -> v.Proc:
        if tag.endswith(":ms"):
            return v.Proc(1, "", f"ERROR: {v._NO_BUILDKIT}.\n       Install the buildx component\n")
        return super().build(dockerfile, context, tag, target)


def test_no_buildx_is_no_verdict_on_the_result(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text(GO_DOCKERFILE)
    (tmp_path / "go.mod").write_text("module x\n\ngo 1.19\n")
    with pytest.raises(v.BadInput, match="the result needs BuildKit .*no buildx component"):
        v.verify_file(tmp_path / "Dockerfile", docker=NoBuildx())


APP = """FROM golang:1.19
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/hello .
CMD ["/out/hello"]
"""
DOCKER = "/usr/bin/docker" if Path("/usr/bin/docker").exists() else (shutil.which("docker") or "docker")


@pytest.mark.e2e
def test_a_file_with_a_cache_mount_verifies_on_a_real_engine(tmp_path: Path) -> None:
    """The original already mounts a cache, so both files need BuildKit: before, the original did not build
    (classic builder) and verify gave up."""
    if not engine_reachable():
        pytest.skip("no Docker engine")
    (tmp_path / "Dockerfile").write_text(APP)
    (tmp_path / "go.mod").write_text("module hello\n\ngo 1.19\n")
    (tmp_path / "main.go").write_text('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n')
    report = v.verify_file(tmp_path / "Dockerfile", docker=v.DockerCLI(binary=DOCKER))
    assert report.ok and report.changed, v.render_table(report)
    assert report.ratio is not None and report.ratio < 0.1
