"""What a later RUN removes whole is not made again by the runtime: a folder made (mkdir, touch, chmod) in a folder
the file deletes afterwards, and a COPY into it. Seen on rmezeretteENSG/Software_engineering_cours (`COPY .
MyProject`, `mkdir MyProject/build`, a cmake build and install, then `RUN rm -rf MyProject`): the runtime copied the
sources again; with a context of sources alone it ran `mkdir /src/build` in a runtime without /src, which stops the
build. Setup that a later step needs in between (an apt repository the runtime installs from, a folder a later
setup writes into) is kept."""

from __future__ import annotations

from pathlib import Path

from transformer import refactor
from transformer.fileio import context_reader

HEAD = "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y cmake make gcc libc6-dev\n"
BUILD = "RUN mkdir /src/build && cd /src/build && cmake .. && make && make install\n"


def _runtime(text: str, context: Path | None = None) -> str:
    result = refactor(text, read_context=context_reader(str(context))) if context else refactor(text)
    assert result.changed, result.skipped
    return result.text.partition("AS runner")[2]


def test_a_folder_made_in_a_folder_removed_later_is_not_made_again() -> None:
    runtime = _runtime(HEAD + "COPY . /src\n" + BUILD + "RUN rm -rf /src\nCMD [\"hello\"]\n")
    assert "mkdir /src/build" not in runtime and "COPY --from=builder /usr/local /usr/local" in runtime


def test_a_copy_into_a_folder_removed_later_is_not_repeated(tmp_path: Path) -> None:
    (tmp_path / "CMakeLists.txt").write_text("project(x)\n")
    (tmp_path / "notes.txt").write_text("data the program may read\n")  # not a source: the COPY would be repeated
    text = HEAD + "COPY . MyProject\nRUN rm -rf MyProject/build && mkdir MyProject/build\n" \
        "RUN cd MyProject/build && cmake .. && make && make install\nRUN rm -rf MyProject\nCMD [\"hello\"]\n"
    runtime = _runtime(text, tmp_path)
    assert "COPY . MyProject" not in runtime and "mkdir" not in runtime, runtime
    kept = _runtime(text.replace("RUN rm -rf MyProject\n", ""), tmp_path)
    assert "COPY --from=builder /MyProject /MyProject" in kept or "COPY . MyProject" in kept, kept


def test_a_folder_a_later_setup_writes_into_is_kept() -> None:
    text = "FROM debian:bookworm-slim\nRUN mkdir /cache\nRUN echo on > /cache/flag\nRUN rm -rf /cache\n" \
        "RUN apt-get update && apt-get install -y gcc libc6-dev\nCOPY app.c /app/\nRUN gcc -o /app/app /app/app.c\n" \
        "CMD [\"/app/app\"]\n"
    runtime = _runtime(text)
    assert "mkdir /cache" in runtime, runtime


def test_a_repository_removed_later_is_still_set_up_for_the_installs_in_between() -> None:
    text = "FROM debian:bookworm-slim\nRUN echo 'deb http://deb.debian.org/debian bookworm main' > " \
        "/etc/apt/sources.list.d/extra.list\nRUN apt-get update && apt-get install -y libpq5\n" \
        "RUN rm /etc/apt/sources.list.d/extra.list\nRUN apt-get install -y gcc libc6-dev\nCOPY app.c /app/\n" \
        "RUN gcc -o /app/app /app/app.c\nCMD [\"/app/app\"]\n"
    runtime = _runtime(text)
    assert "> /etc/apt/sources.list.d/extra.list" in runtime, runtime


def test_a_removal_by_pattern_leaves_the_folder_and_changes_nothing() -> None:
    runtime = _runtime(HEAD + "RUN mkdir -p /data/cache && chmod 777 /data/cache\nCOPY . /src\n" + BUILD
                       + "RUN rm -rf /data/*\nCMD [\"hello\"]\n")
    assert "mkdir -p /data/cache" in runtime, runtime


def test_a_script_copied_and_removed_by_the_run_that_runs_it_is_still_copied(tmp_path: Path) -> None:
    (tmp_path / "setup.sh").write_text("mkdir -p /data\necho hi > /data/x\n")
    (tmp_path / "app.c").write_text("int main(void) { return 0; }\n")
    text = "FROM debian:bookworm\nCOPY setup.sh /tmp/setup.sh\nRUN sh /tmp/setup.sh && rm /tmp/setup.sh\n" \
        "RUN apt-get update && apt-get install -y gcc libc6-dev\nCOPY app.c /app/\nRUN gcc -o /app/app /app/app.c\n" \
        "CMD [\"/app/app\"]\n"
    runtime = _runtime(text, tmp_path)
    assert "COPY setup.sh /tmp/setup.sh" in runtime and "RUN sh /tmp/setup.sh" in runtime, runtime


def test_a_copy_into_a_folder_an_arg_names_and_a_later_run_removes_is_not_repeated() -> None:
    """Dev file 0f8b905a (Artemis): `ARG ARTEMIS_BUILD_DIR=/artemis-build`, `RUN mkdir -p $ARTEMIS_BUILD_DIR`,
    `COPY . $ARTEMIS_BUILD_DIR`, a Maven build, then `RUN rm -rf $ARTEMIS_BUILD_DIR`: the runtime made the folder
    and copied the sources again, which the original image does not hold."""
    text = "FROM ubuntu:18.04\nARG BUILD_DIR=/app-build\n" \
        "RUN apt-get update && apt-get install -y openjdk-11-jdk maven\nRUN mkdir -p $BUILD_DIR\n" \
        "COPY . $BUILD_DIR\nRUN cd $BUILD_DIR && mvn package && mkdir -p /opt/app && cp target/app.jar /opt/app/\n" \
        "RUN rm -rf $BUILD_DIR\nCMD [\"java\", \"-jar\", \"/opt/app/app.jar\"]\n"
    runtime = _runtime(text)
    assert "COPY . $BUILD_DIR" not in runtime and "mkdir -p $BUILD_DIR" not in runtime, runtime
    assert "/opt/app" in runtime, runtime


def test_a_folder_a_later_run_empties_by_a_pattern_is_emptied_in_the_runtime_too() -> None:
    """Dev file 31081be5 (halo): `ADD . /tmp`, then `RUN cd /tmp && mvn package ... && rm -rf /tmp/*`: the runtime
    repeated the ADD and kept the whole build context in /tmp, which the original empties (but for its dotfiles,
    which `rm -rf /tmp/*` leaves: the runtime repeats the removal after the ADD)."""
    text = "FROM maven:3-eclipse-temurin-17\nWORKDIR /opt/app\nADD . /tmp\n" \
        "RUN cd /tmp && mvn package && mv target/app.jar /opt/app/ && rm -rf /tmp/*\n" \
        "ENTRYPOINT [\"java\", \"-jar\", \"/opt/app/app.jar\"]\n"
    runtime = _runtime(text)
    assert "ADD . /tmp" in runtime and "rm -rf /tmp/*" in runtime, runtime
    assert runtime.index("ADD . /tmp") < runtime.index("rm -rf /tmp/*"), runtime
