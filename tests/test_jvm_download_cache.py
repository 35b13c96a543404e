"""Maven's local repository (~/.m2) and Gradle's user home (~/.gradle, or $GRADLE_USER_HOME) are download caches
the build leaves in its layer, as pip's and npm's are: on a base the tool knows no smaller runtime for, leaving them
in the builder is the gain (dev 6f5a377c, a Maven tarball on ubuntu:trusty; 07673591, Maven on justinsb/java8),
where "nothing to gain" was said."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

FILE = """FROM someorg/java8
WORKDIR /src
COPY . .
RUN {build}
CMD ["java", "-jar", "target/app.jar"]
"""


@pytest.mark.parametrize("build", ["mvn package", "./mvnw package", "gradle build", "./gradlew build"])
def test_a_jvm_build_on_an_unknown_base_leaves_its_cache_in_the_builder(build: str) -> None:
    out = runner_stage(FILE.format(build=build))
    assert out.startswith("FROM someorg/java8 AS runner"), out
    assert "COPY --from=builder /src /src" in out, out
    assert ".m2" not in out and ".gradle" not in out and "RUN" not in out, out


def test_the_reason_names_the_caches_not_build_only_packages() -> None:
    result = refactor(FILE.format(build="mvn package"))
    assert any("without what only the build leaves (its download caches" in str(c) for c in result.changes), \
        [str(c) for c in result.changes]


def test_javac_leaves_no_cache_and_there_is_still_nothing_to_gain() -> None:
    result = refactor(FILE.format(build="javac -d target Main.java"))
    assert not result.changed and "nothing to gain" in (result.skipped or ""), result.skipped


def test_a_classpath_of_the_local_repository_keeps_it() -> None:
    """`mvn dependency:build-classpath` writes the paths of the jars in ~/.m2 for the program to read at run time
    (an adversarial reviewer's variant): the repository is no cache there."""
    text = FILE.format(build="mvn -B package && mvn dependency:build-classpath -Dmdep.outputFile=cp.txt")
    result = refactor(text)
    assert not result.changed and "nothing to gain" in (result.skipped or ""), result.text


# read22 1862f76b: `WORKDIR /root` and `mvn install`, and the runtime copied /root whole, Maven's repository with it
# (every dependency and plugin jar, 100-300 MB for a Spring Boot app); Gradle's user home likewise (on an image other
# than gradle's, whose own ~/.gradle links to its VOLUME /home/gradle/.gradle: test_gradle_home_workdir.py)
@pytest.mark.parametrize(("image", "build", "cache"), [("maven", "mvn install", "/root/.m2"),
                                                     ("someorg/java8", "gradle build", "/root/.gradle")])
def test_a_cache_inside_the_copied_folder_is_removed_in_the_builder(image: str, build: str, cache: str) -> None:
    result = refactor(f"FROM {image}\nWORKDIR /root\nCOPY . /root\nRUN {build}\n"
                      'CMD ["java", "-jar", "target/app.jar"]\n')
    builder, _, runtime = result.text.partition(" AS runner")
    assert f"RUN {build} \\\n    && rm -rf {cache}\n" in builder, builder
    assert "COPY --from=builder /root /root" in runtime
    assert any(f"`rm -rf {cache}` after the build" in str(c) for c in result.changes)


def test_a_cache_outside_the_copied_folder_is_left_alone() -> None:
    result = refactor('FROM maven\nWORKDIR /src\nCOPY . .\nRUN mvn package\nCMD ["java", "-jar", "target/app.jar"]\n')
    assert "rm -rf /root/.m2" not in result.text, result.text
