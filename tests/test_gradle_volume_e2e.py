"""Gradle's user home on the gradle image, on a real engine. The image links root's ~/.gradle to /home/gradle/.gradle,
a VOLUME inside its WORKDIR, /home/gradle, which the runtime copies with the jar. The builder empties that folder after
the build: under BuildKit the downloads stay in the layer and went into the runtime (rp26review,
fejjjsan/java-project-99); under the classic builder the volume is mounted there during the RUN, where `rm -rf` of the
folder itself fails the build ("Device or resource busy"), so the contents go, not the folder.

The zoo has no gradle image (and no Gradle registry is reachable): a look-alike of it is built from the zoo's
eclipse-temurin:17-jdk, with a `gradle` that compiles the app with javac and jar and leaves 20 MB of "downloads" in
~/.gradle, and tagged gradle:8-jdk17 for the test. Skipped without a Docker engine."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import verified_images

from transformer import refactor

pytestmark = pytest.mark.e2e

BASE = "gradle:8-jdk17"
DOCKER = "/usr/bin/docker" if Path("/usr/bin/docker").exists() else (shutil.which("docker") or "docker")
GRADLE = ("#!/bin/sh\nset -e\nmkdir -p ~/.gradle/caches build/classes build/libs\n"
          "head -c 20000000 /dev/urandom > ~/.gradle/caches/modules.bin\n"
          "javac -d build/classes src/Main.java\njar cfe build/libs/app.jar Main -C build/classes .\n")
MARK = "/opt/msrefactor-gradle-look-alike"  # a file (a label would be inherited by the app's image, and compared)
LOOK_ALIKE = ("FROM eclipse-temurin:17-jdk\nCOPY gradle /usr/local/bin/gradle\n"
              "RUN chmod +x /usr/local/bin/gradle && mkdir -p /home/gradle/.gradle "
              f"&& ln -s /home/gradle/.gradle /root/.gradle && touch {MARK}\n"
              "VOLUME /home/gradle/.gradle\nWORKDIR /home/gradle\n")
APP = 'FROM gradle:8-jdk17\nCOPY . .\nRUN gradle build\nENTRYPOINT ["java", "-jar", "build/libs/app.jar"]\n'
MAIN = 'public class Main { public static void main(String[] a) { System.out.println("hello from the jar"); } }\n'


def _docker(*args: str, buildkit: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DOCKER_BUILDKIT": "1"} if buildkit else None
    return subprocess.run([DOCKER, *args], capture_output=True, text=True, timeout=900, env=env)


@pytest.fixture
def gradle_image(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The look-alike, tagged gradle:8-jdk17 (one test uses it, so that parallel workers do not share the tag)."""
    try:
        if _docker("image", "inspect", "eclipse-temurin:17-jdk").returncode != 0:
            pytest.skip("no eclipse-temurin:17-jdk to build the look-alike on: run ../shared/e2e/zoo.sh up")
    except (OSError, subprocess.SubprocessError) as e:
        pytest.skip(f"no Docker engine: {e}")
    if _docker("image", "inspect", BASE).returncode == 0 and \
            _docker("run", "--rm", "--network", "host", "--entrypoint", "test", BASE, "-f", MARK).returncode != 0:
        pytest.skip(f"{BASE} is an image of its own here: the test does not replace it")
    folder = tmp_path_factory.mktemp("gradle-look-alike")
    (folder / "Dockerfile").write_text(LOOK_ALIKE)
    (folder / "gradle").write_text(GRADLE)
    built = _docker("build", "--network", "host", "-t", BASE, str(folder))
    assert built.returncode == 0, built.stdout + built.stderr
    try:
        yield BASE
    finally:
        _docker("rmi", "-f", BASE)


@pytest.fixture
def app(tmp_path: Path) -> Path:
    (tmp_path / "Dockerfile").write_text(APP)
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "Main.java").write_text(MAIN)
    return tmp_path


def _cache_files(image: str) -> str:
    listed = _docker("run", "--rm", "--network", "host", "--entrypoint", "find", image, "/home/gradle/.gradle",
                     "-type", "f")
    assert listed.returncode == 0, listed.stderr
    return listed.stdout


def test_the_builder_empties_the_volume_with_both_builders(gradle_image: str, app: Path) -> None:
    text = refactor(APP).text
    assert "RUN gradle build \\\n    && find /home/gradle/.gradle -mindepth 1 -delete\n" in text, text
    with verified_images(app, text, timeout=30) as report:  # the classic builder (docker's default here)
        outputs = [ms.output for _, ms in report.smoke]
        assert outputs and "hello from the jar" in outputs[0], report
        assert _cache_files(report.images["result"]) == ""
        volumes = next(c for c in report.checks if c.name == "Volumes")
        assert volumes.status.value == "note", volumes  # the gradle image's volume stays with the builder
    tags = {name: f"msrefactor-e2e/gradle-volume-{name}:{uuid.uuid4().hex[:8]}" for name in ("orig", "ms")}
    (app / "Dockerfile.ms").write_text(text)
    try:
        for name, file in (("orig", "Dockerfile"), ("ms", "Dockerfile.ms")):
            built = _docker("build", "--network", "host", "-f", str(app / file), "-t", tags[name], str(app),
                            buildkit=True)
            assert built.returncode == 0, built.stdout + built.stderr
        assert "modules.bin" in _cache_files(tags["orig"])  # BuildKit keeps what the RUN wrote into the volume
        assert _cache_files(tags["ms"]) == ""
        ran = _docker("run", "--rm", "--network", "host", tags["ms"])
        assert ran.returncode == 0 and ran.stdout == "hello from the jar\n", ran.stdout + ran.stderr
    finally:
        _docker("rmi", "-f", *tags.values())
