"""JVM: a build pointed at a project folder other than the working folder (Maven's -f/--file, Gradle's
-p/--project-dir and -b/--build-file) leaves its output in that project's folder, which the runtime copies
(the working folder was copied instead: the jar under /app/target was left out).
"""

from __future__ import annotations

import pytest

from transformer import refactor


def test_maven_pointed_at_a_pom_elsewhere_copies_that_project() -> None:
    before = ("FROM maven:3-eclipse-temurin-17\nWORKDIR /src\nCOPY . /app\nRUN mvn -f /app/pom.xml package\n"
              "CMD [\"java\", \"-jar\", \"/app/target/app.jar\"]\n")
    result = refactor(before)
    assert result.changed, result.skipped
    assert result.text == (
        "FROM maven:3-eclipse-temurin-17 AS builder\n"
        "WORKDIR /src\n"
        "COPY . /app\n"
        "RUN mvn -f /app/pom.xml package\n"
        "\n"
        "FROM eclipse-temurin:17-jre AS runner\n"
        "WORKDIR /src\n"
        "COPY --from=builder /app /app\n"
        "CMD [\"java\", \"-jar\", \"/app/target/app.jar\"]\n")


@pytest.mark.parametrize(("run", "copied"), [
    ("mvn --file /app/pom.xml clean package", "/app"),
    ("mvn --file=/app/pom.xml clean package", "/app"),
    ("mvn -f /app clean package", "/app"),  # the project's folder itself
    ("mvn -f ../app/pom.xml package", "/app"),  # relative to the working folder
    ("gradle -p /app build", "/app"),
    ("gradle --project-dir /app build", "/app"),
    ("gradle -b /app/build.gradle build", "/app"),
])
def test_the_project_folder_is_the_build_output(run: str, copied: str) -> None:
    result = refactor(f"FROM gradle:8-jdk17\nWORKDIR /src\nCOPY . /app\nRUN {run}\n"
                      "CMD [\"java\", \"-jar\", \"/app/build/libs/app.jar\"]\n")
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert f"COPY --from=builder {copied} {copied}\n" in runtime
    assert "COPY --from=builder /src /src" not in runtime


def test_a_project_folder_the_file_does_not_show_is_not_guessed() -> None:
    result = refactor("FROM maven:3-eclipse-temurin-17\nWORKDIR /src\nCOPY . /app\nRUN mvn -f $APP/pom.xml package\n"
                      "CMD [\"java\", \"-jar\", \"/app/target/app.jar\"]\n")
    assert not result.changed, result.text
    assert "`mvn -f $APP/pom.xml package` is not understood" in (result.skipped or "")
