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
