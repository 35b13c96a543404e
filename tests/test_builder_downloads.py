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


GO_DEPS = """FROM golang:1.19
ADD https://github.com/garyburd/redigo/archive/779af66db5668074a96f522d9025cb0a5ef50d89.zip /x/redigo.zip
RUN apt-get update && apt-get install -y unzip
RUN unzip /x/redigo.zip -d /x && mkdir -p /go/src/github.com/garyburd && \\
    mv /x/redigo-* /go/src/github.com/garyburd/redigo && {removal}
WORKDIR /go/src/app
COPY . .
RUN go build -o /usr/local/bin/app .
CMD ["app"]
"""


def test_a_download_outside_tmp_the_build_unpacks_and_removes_is_not_downloaded_again() -> None:
    """``ADD URL /x/redigo.zip``, then a builder's RUN unzips it and removes /x (dev 3c2cc9a6, gddo): the original's
    image has no /x; the runtime downloaded the zip again and kept it."""
    out = runner_stage(GO_DEPS.format(removal="rm -rf /x"))
    assert "ADD " not in out and "redigo.zip" not in out, out
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in out, out


def test_a_download_outside_tmp_the_build_leaves_in_place_is_downloaded_again() -> None:
    # the RUN removes what it unzipped elsewhere, not the zip: the original's image keeps /x/redigo.zip, outside the
    # scratch folders, and the runtime has it too
    text = GO_DEPS.replace("-d /x ", "-d /src ").replace("mv /x/", "mv /src/")
    out = runner_stage(text.format(removal="rm -rf /src"))
    assert "ADD https://github.com/garyburd/redigo/archive/779af66db5668074a96f522d9025cb0a5ef50d89.zip /x/redigo.zip" \
        in out, out


def test_an_archive_the_build_names_with_a_variable_is_not_downloaded_again() -> None:
    """``tar xfz /tmp/apache-maven-$MAVEN_VERSION-bin.tar.gz`` reads the ADD's /tmp/apache-maven-3.2.2-bin.tar.gz
    (dev 6f5a377c): read with the file's variables, it is the builder's alone."""
    text = APP.replace("RUN apt-get", "ENV MAVEN_VERSION 3.3.3\nRUN apt-get").replace(
        "tar xzf /tmp/apache-maven-3.3.3-bin.tar.gz", "tar xzf /tmp/apache-maven-$MAVEN_VERSION-bin.tar.gz")
    out = runner_stage(text + 'CMD ["java", "-jar", "target/app.jar"]\n')
    assert "ADD " not in out and "bin.tar.gz" not in out, out
