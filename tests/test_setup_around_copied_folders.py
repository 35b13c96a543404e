"""Setup the runtime repeats that touches a folder it copies from the builder: a `mkdir` (without -p) of that
folder stays at its place, before the copy (after it, "File exists"); a command whose pattern lists the files of
that folder runs after the copy (before it, the pattern matches nothing). Found reading the rewrite of dev file
63f44ec6577f (ubuntu:17.10 facenet: `RUN mkdir /facenet /workdir`, then `npm install` in /facenet and
`ln -s /facenet/node_modules/* /node_modules/`)."""

from __future__ import annotations

from conftest import stages

FACENET = ("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y build-essential nodejs npm sudo\n"
           "RUN mkdir /facenet /workdir\nWORKDIR /facenet\nCOPY . .\n"
           "RUN npm install --unsafe-perm && npm run dist \\\n"
           "  && sudo ln -s /usr/lib/node_modules /node_modules \\\n"
           "  && sudo ln -s /facenet/node_modules/* /node_modules/ \\\n"
           "  && sudo ln -s /facenet /node_modules/facenet\n"
           'CMD ["npm", "start"]\n')


def test_a_mkdir_of_a_copied_folder_stays_before_the_copy() -> None:
    _, runtime = stages(FACENET)
    assert "COPY --from=builder /facenet /facenet" in runtime
    assert runtime.index("RUN mkdir /facenet /workdir") < runtime.index("COPY --from=builder /facenet /facenet")


def test_a_mkdir_with_parents_of_a_copied_folder_may_follow_the_copy() -> None:
    _, runtime = stages(FACENET.replace("mkdir /facenet", "mkdir -p /facenet"))
    assert "mkdir -p /facenet /workdir" in runtime


def test_a_pattern_over_a_copied_folder_is_expanded_after_the_copy() -> None:
    _, runtime = stages(FACENET)
    link = "ln -s /facenet/node_modules/* /node_modules/"
    assert runtime.index("COPY --from=builder /facenet /facenet") < runtime.index(link)


def test_a_quoted_pattern_is_no_pattern() -> None:
    _, runtime = stages(FACENET.replace("/facenet/node_modules/* /node_modules/",
                                        "'/facenet/node_modules/*' /node_modules/"))
    link = "ln -s '/facenet/node_modules/*' /node_modules/"
    assert runtime.index(link) < runtime.index("COPY --from=builder /facenet /facenet")


# dev file 3455217cbfaf (ubuntu, opencv): `cd /usr/local/bin && ln -s /usr/bin/python3 python`, then pip installs
# jupyter into /usr/local and `python -m ipykernel install --user`; the runtime copies /usr/local
OPENCV = ("FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y python3-pip python3-dev \\\n"
          "  && cd /usr/local/bin \\\n  && ln -s /usr/bin/python3 python \\\n  && pip3 install --upgrade pip\n"
          "RUN pip3 install jupyter\nRUN python -m ipykernel install --user\nRUN pip3 install scipy\n"
          'CMD ["python", "/src/app.py"]\n')


def test_a_link_the_copied_folder_holds_is_not_made_again() -> None:
    # after the copy of /usr/local, `ln -s ... python` in /usr/local/bin fails: "File exists"
    _, runtime = stages(OPENCV)
    assert "COPY --from=builder /usr/local /usr/local" in runtime
    assert "ln -s /usr/bin/python3 python" not in runtime


def test_the_jupyter_kernel_is_registered_after_the_copies() -> None:
    _, runtime = stages(OPENCV)
    assert runtime.index("COPY --from=builder /usr/local /usr/local") < \
        runtime.index("RUN python -m ipykernel install --user")


def test_choosing_among_the_alternatives_of_a_jdk_command_needs_it() -> None:
    # dev file 0f8b905a0eea: `update-alternatives --config javac` after installing openjdk-11-jdk; the runtime,
    # with the JRE in the JDK's place, has no javac group: "update-alternatives: error: no alternatives for javac"
    _, runtime = stages("FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y openjdk-11-jdk maven\n"
                        "RUN update-alternatives --config javac\nCOPY . /src\n"
                        "RUN cd /src && mvn package && cp target/app.jar /app.jar\n"
                        'CMD ["java", "-jar", "/app.jar"]\n')
    assert "RUN update-alternatives --config javac" in runtime
    assert "default-jdk-headless" in runtime or "openjdk-11-jdk" in runtime


def test_a_check_through_a_wrapper_the_build_downloaded_stays_in_the_builder() -> None:
    # dev file 46aa0663acd0: the runtime repeated `gosu nobody true` before the copy of /usr/local/bin/gosu
    _, runtime = stages("FROM ubuntu:18.04\nRUN apt-get update && apt-get install -y --no-install-recommends "
                        "ca-certificates wget \\\n"
                        "  && wget -O /usr/local/bin/gosu https://example.org/gosu-amd64 \\\n"
                        "  && chmod +x /usr/local/bin/gosu && gosu nobody true \\\n"
                        "  && rm -rf /var/lib/apt/lists/*\n"
                        "RUN apt-get update && apt-get install -y gcc\nCOPY app.c /src/\n"
                        "RUN gcc -o /usr/local/bin/app /src/app.c\n"
                        'ENTRYPOINT ["gosu", "nobody", "app"]\n')
    assert "COPY --from=builder /usr/local/bin/gosu /usr/local/bin/gosu" in runtime
    assert "gosu nobody true" not in runtime


def test_a_link_in_a_folder_only_a_copy_makes_follows_the_copies() -> None:
    # dev file 06fb92cf33ab: `git clone ... /src/open-zwave && make && ln -s /src/open-zwave /src/open-zwave-read-only`
    # on debian:stretch; the runtime, without /src before the copies, failed: "No such file or directory"
    _, runtime = stages("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential git && \\\n"
                        "git clone --depth 2 https://example.org/open-zwave.git /src/open-zwave && \\\n"
                        "cd /src/open-zwave && make && \\\n"
                        "ln -s /src/open-zwave /src/open-zwave-read-only\n"
                        'CMD ["/src/open-zwave/ozw"]\n')
    copy = runtime.index("COPY --from=builder /src/open-zwave /src/open-zwave")
    assert copy < runtime.index("ln -s /src/open-zwave /src/open-zwave-read-only")


# dev file 29ece618 (rocker/shiny-verse): R packages tracked into /opt/staged, then `RUN mkdir /build_zone`,
# `ADD chuck /build_zone` and the app's own install from there; setup after a staged install runs after the copies,
# but this `mkdir` then followed the ADD, which the runtime keeps before them, and failed ("File exists")
TRACKED = ("FROM rocker/r-ver:4.3.1\nRUN apt-get update && apt-get install -y libssl-dev\n"
           "RUN R -e 'install.packages(\"remotes\")'\n"
           "RUN mkdir /build_zone\nADD chuck /build_zone\nWORKDIR /build_zone\n"
           "RUN R -e 'remotes::install_local()'\n"
           'CMD R -e "chuck::run_app()"\n')


def test_a_mkdir_of_a_folder_a_later_context_copy_fills_stays_before_it() -> None:
    _, runtime = stages(TRACKED)
    assert "COPY --from=builder /opt/staged /" in runtime and "ADD chuck /build_zone" in runtime
    assert runtime.index("RUN mkdir /build_zone") < runtime.index("ADD chuck /build_zone"), runtime


def test_a_mkdir_of_another_folder_after_a_tracked_install_still_follows_the_copies() -> None:
    # the staged copy may make the parent the `mkdir` needs: as in the original, it runs after the install
    _, runtime = stages(TRACKED.replace("RUN mkdir /build_zone\n", "RUN mkdir /usr/local/lib/R/etc/x\n"))
    assert runtime.index("COPY --from=builder /opt/staged /") < runtime.index("RUN mkdir /usr/local/lib/R/etc/x"), \
        runtime
