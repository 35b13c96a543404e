"""A Maven or Gradle image whose tag names no JDK (maven:latest, maven:3.9, gradle:8) compiles with the JDK its
official image is built on (maven:latest on eclipse-temurin:26-jdk, gradle:8 on eclipse-temurin:21-jdk): the
runtime's JRE is of that version, not the data's default 17, on which classes a newer compiler made for its own
release fail with UnsupportedClassVersionError (MKRadius/docker_redo builds on maven:latest)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer.official import chain

FILE = 'FROM {image}\nWORKDIR /app\nCOPY . .\nRUN mvn package\nCMD ["java", "-jar", "target/app.jar"]\n'


@pytest.mark.parametrize("image", ["maven:latest", "maven:3.9", "gradle:8", "gradle:latest"])
def test_the_runtime_jre_is_the_builders_jdk(image: str) -> None:
    jdk = next(b for b in chain(image) or () if b.startswith("eclipse-temurin:")).split(":")[1].split("-")[0]
    assert jdk != "17", jdk  # the data's default: the test would not tell
    assert runner_stage(FILE.format(image=image)).startswith(f"FROM eclipse-temurin:{jdk}-jre AS runner"), jdk


@pytest.mark.parametrize(("image", "jre"), [("maven:3-jdk-8", "8"), ("maven:3.9.6-eclipse-temurin-17", "17"),
                                            ("maven:3.8.4-jdk-11", "11")])
def test_a_jdk_the_tag_names_wins(image: str, jre: str) -> None:
    assert runner_stage(FILE.format(image=image)).startswith(f"FROM eclipse-temurin:{jre}-jre AS runner")


@pytest.mark.parametrize(("image", "jre"), [("openjdk:7-jdk", "openjdk:7-jre"), ("openjdk:7", "openjdk:7-jre")])
def test_a_java_no_eclipse_temurin_jre_was_made_for_gets_the_openjdk_images_own_jre(image: str, jre: str) -> None:
    # read25 325af4da: openjdk:7-jdk kept whole, "eclipse-temurin:7-jre was never published", though openjdk:7-jre was
    text = f"FROM {image}\nWORKDIR /app\nCOPY . .\nRUN javac -d out App.java && jar cfe app.jar App -C out .\n" \
           'CMD ["java", "-jar", "app.jar"]\n'
    assert runner_stage(text).startswith(f"FROM {jre} AS runner"), runner_stage(text)
