"""A command that runs java by its path (``ENTRYPOINT ["/usr/bin/java", "-jar", ...]``: openjdk's images link it
there) on a runtime whose JAVA_HOME puts java elsewhere: eclipse-temurin has it only in /opt/java/openjdk/bin, on its
PATH, so the container would fail with `exec /usr/bin/java: no such file or directory` (read18 37f0f138). The
runtime keeps the builder's image there; ``java`` by name, or a path into the runtime's JAVA_HOME, still moves to the
JRE. (The zoo's eclipse-temurin look-alike is apt-based and has /usr/bin/java: no engine test can show this.)"""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = """FROM openjdk:17
WORKDIR /app
COPY . .
RUN javac -d out Main.java && jar cfe app.jar Main -C out .
ENTRYPOINT [{java}, "-jar", "app.jar"]
"""


def _runner(java: str) -> tuple[str, str]:
    result = refactor(FILE.format(java=java))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner\n")[0].splitlines()[-1], "\n".join(str(c) for c in result.changes)


def test_java_by_a_path_the_jre_lacks_keeps_the_builder_image() -> None:
    from_line, why = _runner('"/usr/bin/java"')
    assert from_line == "FROM openjdk:17", from_line
    assert "the runtime keeps openjdk:17: the command runs /usr/bin/java, and " \
           "eclipse-temurin:17-jre has java only in /opt/java/openjdk/bin (on its PATH)" in why


@pytest.mark.parametrize("java", ['"java"', '"/opt/java/openjdk/bin/java"'])
def test_java_by_name_or_in_the_jre_home_moves_to_the_jre(java: str) -> None:
    from_line, why = _runner(java)
    assert from_line == "FROM eclipse-temurin:17-jre", from_line
    assert "the command runs" not in why


def test_only_the_command_that_stays_counts() -> None:
    """adv-s38 4b: a CMD a later CMD replaces does not run: the JRE image serves the last one's `java`."""
    text = FILE.format(java='"/usr/bin/java"').replace('ENTRYPOINT', 'CMD') + 'CMD ["java", "-jar", "app.jar"]\n'
    result = refactor(text)
    assert result.changed, result.skipped
    assert "FROM eclipse-temurin:17-jre AS runner" in result.text
