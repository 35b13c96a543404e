"""Builds in / (no WORKDIR, or an archive unpacked there): what the build leaves is copied when its place is known
(an archive's folder named by what the build does with it, a subshell's `cd`, Maven's /target), and the file is
left alone, with the command and its line, when it is not."""

from __future__ import annotations

from conftest import context_of, runner_stage, skip_reason

from transformer import refactor
from transformer.shell import parse_shell

DEBIAN = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential curl unzip git\n"


def test_a_cd_right_inside_a_subshell_moves_the_commands_of_that_subshell_only() -> None:
    commands = parse_shell("cd /src && (cd a && make) && (if x; then cd b; fi; make) && make").commands
    assert [(c.name, c.subshell_end) for c in commands] == [
        ("cd", -1), ("cd", 25), ("make", 25), ("x", -1), ("cd", -1), ("make", 56), ("make", -1)]


def test_a_build_in_a_subshell_that_cds_into_its_folder_is_copied_from_that_folder() -> None:
    # before: the `cd` in the subshell was not followed, `make` ran in /: skipped (outputs in /)
    runtime = runner_stage(DEBIAN + "RUN git clone https://example.org/x.git /x && (cd x && make) && "
                                    "cp x/app /usr/local/bin/\nCMD [\"app\"]\n")
    assert "COPY --from=builder /x /x\n" in runtime and "COPY --from=builder /usr/local/bin/app /usr/local/bin/app\n" \
        in runtime
    assert "COPY --from=builder / /" not in runtime


def test_the_cd_of_a_subshell_ends_with_it() -> None:
    runtime = runner_stage(DEBIAN + "COPY . /src\nRUN cd /src && (cd a && make) && (cd b && make)\n"
                                    "CMD [\"/src/a/app\"]\n")
    assert "COPY --from=builder /src/a /src/a\n" in runtime and "COPY --from=builder /src/b /src/b\n" in runtime
    assert "/src/a/b" not in runtime


def test_an_archive_unpacked_in_root_is_named_by_the_folder_the_build_uses_and_removes() -> None:
    # before: skipped, "`tar` unpacks an archive in / (the working folder), where the folder it makes is not known"
    runtime = runner_stage("FROM python:3.11\nARG VERSION=1.0\n"
                           "RUN curl -fsSL -o app.tar.gz https://example.org/app.tar.gz && tar xzf app.tar.gz && "
                           "pip install ./app-${VERSION} && rm -r app.tar.gz app-${VERSION}\nCMD [\"app\"]\n")
    assert "COPY --from=builder /opt/venv /opt/venv\n" in runtime
    assert "app-1.0" not in runtime and "COPY --from=builder / /" not in runtime


def test_a_removal_the_build_did_not_use_does_not_name_the_archive() -> None:
    # `docs` may be the context's: the folder the archive made is still not known
    assert "the build leaves outputs in / (`tar` unpacks an archive in / (the working folder)" in skip_reason(
        DEBIAN + "COPY . .\nRUN curl -fsSLO https://example.org/app.tgz && tar xzf app.tgz && rm -rf docs\n"
                 "CMD [\"/usr/bin/app\"]\n")


def test_one_name_does_not_name_two_archives() -> None:
    assert "the build leaves outputs in / (`tar` unpacks an archive in / (the working folder)" in skip_reason(
        DEBIAN + "RUN curl -fsSLO https://example.org/a.tgz && curl -fsSLO https://example.org/b.tgz && "
                 "tar xzf a.tgz && tar xzf b.tgz && mv b-1.0/b /usr/local/bin/\nCMD [\"b\"]\n")


def test_a_folder_moved_from_by_a_variable_and_removed_by_a_pattern_is_not_copied() -> None:
    # before: `mv kubernetes-tools-${V}/bin/*` did not name the folder (a variable), nor did `rm -rf` remove it
    runtime = runner_stage(DEBIAN + "ARG V=1.2.0\nRUN curl -fsSL -o ktools.zip https://example.org/ktools.zip && "
                                    "unzip ktools.zip && mv kubernetes-tools-${V}/bin/* /usr/local/bin/ && "
                                    "rm -rf kubernetes-tools* ktools.zip\nRUN make -C /usr/local/bin\n"
                                    "CMD [\"kubectx\"]\n")
    assert "COPY --from=builder /usr/local/bin /usr/local/bin\n" in runtime
    assert "kubernetes-tools" not in runtime and "COPY --from=builder / /" not in runtime


MAVEN = "FROM maven:3-eclipse-temurin-17\nCOPY . .\nRUN mvn package\n"


def test_a_maven_build_in_root_copies_its_target_folder() -> None:
    # before: skipped, "the build leaves outputs in / (the build output)"
    runtime = runner_stage(MAVEN + "CMD [\"java\", \"-jar\", \"/target/app.jar\"]\n")
    assert "COPY --from=builder /target /target\n" in runtime and "COPY --from=builder / /" not in runtime


def test_a_maven_build_in_root_with_modules_is_left_alone() -> None:
    result = refactor(MAVEN + "CMD [\"java\", \"-jar\", \"/target/app.jar\"]\n",
                      read_context=context_of({"pom.xml": "<project><modules><module>core</module></modules>"
                                                          "</project>"}))
    assert not result.changed and "the build leaves outputs in / (the build output, by `mvn package`)" in (
        result.skipped or "")


def test_a_maven_build_in_root_whose_command_runs_no_jar_is_left_alone() -> None:
    assert "the build leaves outputs in / (the build output, by `mvn package`)" in skip_reason(
        MAVEN + "CMD [\"sh\", \"-c\", \"ls /target\"]\n")


def test_a_build_tool_the_build_runs_by_its_path_stays_in_the_builder() -> None:
    # before: skipped, "the build installs a toolchain (/usr/local/maven) that the runtime would have to copy"
    runtime = runner_stage("FROM eclipse-temurin:17-jdk\nWORKDIR /usr/local/maven\n"
                           "RUN curl -fsSLO https://example.org/apache-maven-3.9.6-bin.tar.gz && "
                           "tar xzf apache-maven-3.9.6-bin.tar.gz && rm apache-maven-3.9.6-bin.tar.gz\n"
                           "COPY . /app\nWORKDIR /app\nRUN /usr/local/maven/apache-maven-3.9.6/bin/mvn package\n"
                           "CMD [\"java\", \"-jar\", \"target/app.jar\"]\n")
    assert "COPY --from=builder /app /app\n" in runtime and "COPY --from=builder /usr/local/maven" not in runtime


def test_a_build_tool_on_the_path_is_still_a_toolchain() -> None:
    assert "the build installs a toolchain (/usr/local/maven)" in skip_reason(
        "FROM eclipse-temurin:17-jdk\nWORKDIR /usr/local/maven\n"
        "RUN curl -fsSLO https://example.org/apache-maven-3.9.6-bin.tar.gz && tar xzf apache-maven-3.9.6-bin.tar.gz && "
        "rm apache-maven-3.9.6-bin.tar.gz\nENV PATH=/usr/local/maven/apache-maven-3.9.6/bin:$PATH\n"
        "COPY . /app\nWORKDIR /app\nRUN /usr/local/maven/apache-maven-3.9.6/bin/mvn package\n"
        "CMD [\"java\", \"-jar\", \"target/app.jar\"]\n")


def test_a_build_tool_the_runtime_links_to_is_still_a_toolchain() -> None:
    assert "the build installs a toolchain (/usr/local/maven)" in skip_reason(
        "FROM eclipse-temurin:17-jdk\nWORKDIR /usr/local/maven\n"
        "RUN curl -fsSLO https://example.org/apache-maven-3.9.6-bin.tar.gz && tar xzf apache-maven-3.9.6-bin.tar.gz && "
        "rm apache-maven-3.9.6-bin.tar.gz\nRUN ln -s /usr/local/maven/apache-maven-3.9.6/bin/mvn /usr/bin/mvn\n"
        "COPY . /app\nWORKDIR /app\nRUN /usr/local/maven/apache-maven-3.9.6/bin/mvn package\n"
        "CMD [\"java\", \"-jar\", \"target/app.jar\"]\n")


def test_an_app_built_in_root_names_the_command_and_its_line() -> None:
    assert skip_reason("FROM node:18\nCOPY . .\nRUN npm install\nRUN npm run build-styles\n"
                       "CMD [\"node\", \"index.js\"]\n") == (
        "RUN at line 3: the build leaves outputs in / (the app with its dependencies and what any install script of "
        "package.json (which the tool cannot read) may write beside them, by `npm install`): they cannot be told "
        "apart from the system's files, and / cannot be copied whole (a WORKDIR for the app would give its outputs a "
        "folder of their own)")


CMAKE = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential cmake curl unzip\n"


def test_the_folder_a_pattern_moves_out_of_root_is_what_the_archive_made() -> None:
    # before: skipped (the folder the archive made was not known)
    runtime = runner_stage(CMAKE + "RUN curl -fsSLO https://example.org/tomcat.tar.gz && tar xzf tomcat.tar.gz && "
                                   "rm tomcat.tar.gz && mv apache-tomcat* /opt/tomcat\nRUN make -C /opt/tomcat\n"
                                   "CMD [\"/opt/tomcat/bin/catalina.sh\", \"run\"]\n")
    assert "COPY --from=builder /opt/tomcat /opt/tomcat\n" in runtime and "apache-tomcat" not in runtime


def test_a_cd_by_a_pattern_into_a_folder_of_the_archive_names_it() -> None:
    # before: skipped; `cd app-*/src` names the folder of / the archive made, which `rm -rf app-*` removes
    runtime = runner_stage(CMAKE + "RUN curl -fsSLO https://example.org/app.zip && unzip app.zip && cd app-*/src && "
                                   "make && cp app /usr/local/bin/ && cd / && rm -rf app-* app.zip\nCMD [\"app\"]\n")
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app\n" in runtime and "app-" not in runtime


def test_cmake_reads_a_definition_from_the_word_after_d() -> None:
    # before: `-D CMAKE_INSTALL_PREFIX=/usr` was not read: the runtime copied /usr/local, where nothing was installed
    runtime = runner_stage(CMAKE + "COPY . /src\nRUN mkdir /src/build && cd /src/build && "
                                   "cmake -D CMAKE_INSTALL_PREFIX=/usr .. && make && make install\nCMD [\"app\"]\n")
    assert "COPY --from=builder /opt/staged /\n" in runtime and "/usr/local" not in runtime


def test_unzip_to_standard_output_writes_where_it_is_redirected() -> None:
    # before: `unzip -p` was read as an unpack in / (skipped)
    runtime = runner_stage(CMAKE + "RUN curl -fsSLo /x.zip https://example.org/x.zip && unzip -p /x.zip x-1.0/x "
                                   "> /usr/local/bin/x && chmod +x /usr/local/bin/x && rm /x.zip\n"
                                   "COPY . /src\nRUN make -C /src\nCMD [\"x\"]\n")
    assert "COPY --from=builder /usr/local/bin/x /usr/local/bin/x\n" in runtime
