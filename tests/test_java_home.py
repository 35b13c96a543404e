"""A JDK of Java 8 or older is swapped for its JRE in the runtime, unless ENV JAVA_HOME names the JDK's home:
Debian's JRE of those versions has its home in jre/ below it (docker-library's openjdk:8-jre sets JAVA_HOME
there), so $JAVA_HOME/bin/java, which Tomcat's and Hadoop's scripts run, would be missing."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = ("FROM debian:stretch\nRUN apt-get update && apt-get install -y openjdk-8-jdk && rm -rf /var/lib/apt/lists/*\n"
        "{env}WORKDIR /app\nCOPY App.java .\nRUN javac App.java\nCMD [\"sh\", \"-c\", \"$JAVA_HOME/bin/java App\"]\n")


def _runner(env: str) -> str:
    result = refactor(FILE.format(env=env))
    assert result.changed, result.skipped
    return result.text.split("\nFROM ")[-1]


@pytest.mark.parametrize("home", ["/usr/lib/jvm/java-8-openjdk-amd64", "/usr/lib/jvm/java-1.8.0-openjdk-amd64/"])
def test_a_java_home_naming_the_jdk_keeps_the_jdk(home: str) -> None:
    runner = _runner(f"ENV JAVA_HOME={home}\n")
    assert "openjdk-8-jdk" in runner and "jre" not in runner, runner


@pytest.mark.parametrize("env", ["", "ENV JAVA_HOME=/usr/lib/jvm/java-8-openjdk-amd64/jre\n"])
def test_without_it_the_runtime_gets_the_jre(env: str) -> None:
    runner = _runner(env)
    assert "openjdk-8-jre " in runner and "openjdk-8-jdk" not in runner, runner


def test_the_reason_names_java_home() -> None:
    result = refactor(FILE.format(env="ENV JAVA_HOME=/usr/lib/jvm/java-8-openjdk-amd64\n"))
    assert any("ENV JAVA_HOME names the JDK's home" in c.message for c in result.changes), result.changes


def test_a_pinned_jdk_gets_the_reason_too() -> None:
    # the runtime kept the pinned openjdk-8-jdk=... all along; the reason for it named only an unpinned one
    text = FILE.replace("openjdk-8-jdk ", "openjdk-8-jdk=8u332-ga-1~deb9u1 ")
    result = refactor(text.format(env="ENV JAVA_HOME=/usr/lib/jvm/java-8-openjdk-amd64\n"))
    assert result.changed, result.skipped
    assert "openjdk-8-jdk=8u332-ga-1~deb9u1" in result.text.split("\nFROM ")[-1]
    assert any("the runtime keeps openjdk-8-jdk: ENV JAVA_HOME" in c.message for c in result.changes), result.changes
