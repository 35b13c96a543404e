"""The gradle image's own WORKDIR, /home/gradle, is the app's folder when the file builds there, not a Gradle
toolchain the runtime would have to copy (its name matched the toolchain pattern). Found on registerreg/restexample2
(`FROM gradle:8-jdk17`, `WORKDIR /home/gradle`, `COPY . .`, `RUN gradle bootJar`): skipped as "the build installs a
toolchain (/home/gradle)", a cause that is not there."""

from __future__ import annotations

from conftest import runner_stage

from transformer.claims import Artifact
from transformer.plan import _toolchain

_FILE = ("FROM gradle:8-jdk17\nWORKDIR /home/gradle\nCOPY . .\nRUN gradle bootJar\n"
         'ENTRYPOINT ["java","-jar","build/libs/app-0.0.1-SNAPSHOT.jar"]\n')


def test_a_build_in_gradles_home_gets_a_jre_runtime_with_the_app() -> None:
    runtime = runner_stage(_FILE)
    assert runtime.startswith("FROM eclipse-temurin:17-jre AS runner\n")
    assert "WORKDIR /home/gradle\nCOPY --from=builder /home/gradle /home/gradle\n" in runtime
    assert 'ENTRYPOINT ["java","-jar","build/libs/app-0.0.1-SNAPSHOT.jar"]' in runtime


def test_a_gradle_folder_elsewhere_is_still_a_toolchain() -> None:
    assert _toolchain((Artifact("/opt/gradle-8.5"),)) == "/opt/gradle-8.5"
    assert _toolchain((Artifact("/home/gradle"),)) is None


def test_the_builder_empties_gradles_user_home_the_runtime_would_copy() -> None:
    """The gradle image links root's ~/.gradle to /home/gradle/.gradle, a VOLUME, inside the working folder the runtime
    copies: the downloads the build left there (kept in the layer by BuildKit) went into the runtime with the jar
    (rp26review, fejjjsan/java-project-99). The builder empties the folder after the build; it does not remove it, as
    the classic builder mounts the volume there during the RUN ("Device or resource busy")."""
    from transformer import refactor

    result = refactor(_FILE)
    assert "RUN gradle bootJar \\\n    && find /home/gradle/.gradle -mindepth 1 -delete\n" in result.text, result.text
    assert "rm -rf /home/gradle/.gradle" not in result.text
    assert any("a VOLUME of the image: its contents go, not the folder" in str(c) for c in result.changes)


def test_a_gradle_user_home_that_is_no_volume_is_removed() -> None:
    from transformer import refactor

    text = _FILE.replace("RUN gradle", "ENV GRADLE_USER_HOME=/home/gradle/cache\nRUN gradle")
    assert "    && rm -rf /home/gradle/cache\n" in refactor(text).text
