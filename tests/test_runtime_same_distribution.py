"""A runtime that installs the file's own packages again stays on the builder's distribution: maven:3.5-jdk-8 is
Debian, the eclipse-temurin JRE the tool would choose is Ubuntu, where Debian's names may not be installable
(netcat is only a virtual package on Ubuntu 24.04: `apt-get install netcat` has no installation candidate; dev
5f4f37f0). Without packages to install again, the JRE is still the runtime."""

from __future__ import annotations

from conftest import runner_stage

from transformer import refactor

FILE = """FROM maven:3.6-jdk-11
{install}WORKDIR /usr/src/app
COPY . .
RUN mvn package
CMD ["java", "-jar", "target/app.jar"]
"""
INSTALL = "RUN apt-get update && apt-get install -y netcat\n"


def test_packages_named_for_debian_keep_a_debian_runtime() -> None:
    out = runner_stage(FILE.format(install=INSTALL))
    assert out.startswith("FROM maven:3.6-jdk-11 AS runner"), out
    assert "apt-get install -y --no-install-recommends netcat" in out, out


def test_the_change_says_why() -> None:
    changes = [str(c) for c in refactor(FILE.format(install=INSTALL)).changes]
    assert any("eclipse-temurin:11-jre is built on Ubuntu, maven:3.6-jdk-11 on Debian" in c for c in changes), changes


def test_without_packages_the_jre_is_the_runtime() -> None:
    assert runner_stage(FILE.format(install="")).startswith("FROM eclipse-temurin:11-jre AS runner")
