"""An archive ``ADD URL /tmp/`` downloads that only the builder's RUNs read is the builder's alone: the runtime
gets what they made, not a second copy of the download."""

from __future__ import annotations

from conftest import runner_stage

MAVEN = "https://archive.apache.org/dist/maven/maven-3/3.3.3/binaries/apache-maven-3.3.3-bin.tar.gz"
APP = f"""FROM ubuntu:22.04
RUN apt-get update && apt-get install -y default-jdk
ADD {MAVEN} /tmp/
RUN tar xzf /tmp/apache-maven-3.3.3-bin.tar.gz --directory /opt
WORKDIR /app
COPY . .
RUN /opt/apache-maven-3.3.3/bin/mvn package
"""


def test_an_archive_only_the_build_unpacks_is_not_downloaded_again() -> None:
    out = runner_stage(APP + 'CMD ["java", "-jar", "target/app.jar"]\n')
    assert "ADD " not in out and "apache-maven-3.3.3-bin.tar.gz" not in out


def test_an_archive_the_command_names_is_downloaded_again() -> None:
    out = runner_stage(APP + 'CMD ["sh", "-c", "ls /tmp/apache-maven-3.3.3-bin.tar.gz && java -jar target/app.jar"]\n')
    assert f"ADD {MAVEN} /tmp/" in out


def test_an_archive_the_build_names_by_a_pattern_is_not_downloaded_again() -> None:
    """``unzip /tmp/selfoss-*.zip`` reads the ADD's /tmp/selfoss-2.17.zip and removes it (dev 0c42f153): the
    runtime, which copies what the unzip made, left the download in /tmp."""
    out = runner_stage(APP.replace("tar xzf /tmp/apache-maven-3.3.3-bin.tar.gz",
                                   "tar xzf /tmp/apache-maven-*-bin.tar.gz")
                       + 'CMD ["java", "-jar", "target/app.jar"]\n')
    assert "ADD " not in out and "apache-maven-3.3.3-bin.tar.gz" not in out, out
