"""Build outputs put in place by `mv`/`cp` and removed by `rm`: an archive unpacked in / named by the folder a
later `mv` takes its files from, a folder's files moved by a pattern, and a build folder a later RUN deletes."""

from __future__ import annotations

from transformer import refactor

HEAD = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential curl unzip\n"


def _runtime(text: str) -> str:
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.partition(" AS runner")[2]


def test_an_archive_unpacked_in_root_is_named_by_the_folder_a_mv_moves() -> None:
    runtime = _runtime(HEAD + "RUN curl -o web2py.zip https://example.org/web2py.zip && unzip web2py.zip "
                              "&& mv web2py-R-2.9 /home/web2py && rm web2py.zip\n"
                              "RUN make -C /home/web2py\nCMD [\"python3\", \"/home/web2py/web2py.py\"]\n")
    assert "COPY --from=builder /home/web2py /home/web2py\n" in runtime
    assert "/web2py-R-2.9" not in runtime


def test_a_file_moved_out_of_an_archive_unpacked_in_root() -> None:
    runtime = _runtime(HEAD + "RUN curl -o /firefox.tar.bz2 https://example.org/f.tar.bz2 && tar xf /firefox.tar.bz2 "
                              "&& rm /firefox.tar.bz2 && mv /firefox /usr/local/\n"
                              "RUN make -C /usr/local/firefox\nCMD [\"/usr/local/firefox/firefox\"]\n")
    assert "COPY --from=builder /usr/local/firefox /usr/local/firefox\n" in runtime


def test_the_files_of_a_folder_moved_by_a_pattern_land_in_the_destination() -> None:
    # `mv docker/* /usr/local/bin/`: docker, dockerd, docker-runc... whose names the file does not show
    # (without build-essential, which no step of this build runs: the file would install it for run time)
    runtime = _runtime(HEAD.replace("build-essential ", "") + "RUN curl -o docker.tgz https://example.org/docker.tgz "
                       "&& tar -xzf docker.tgz && mv docker/* /usr/local/bin/ && rmdir docker\nCMD [\"dockerd\"]\n")
    assert "COPY --from=builder /usr/local/bin /usr/local/bin\n" in runtime
    assert "/usr/local/bin/docker " not in runtime


def test_files_put_into_a_system_folder_by_a_pattern_are_left_alone() -> None:
    """mv takes the files away: the builder cannot put them apart a second time (cp can: tests/test_shell_copy_apart)"""
    result = refactor(HEAD + "WORKDIR /src\nCOPY . .\nRUN make && mv libini.* /usr/lib/\nCMD [\"app\"]\n")
    assert not result.changed
    assert "`mv` puts the files libini.* matches into /usr/lib, among the files of the system's packages" in (
        result.skipped or "")


def test_a_build_folder_a_later_run_removes_is_not_copied() -> None:
    runtime = _runtime(HEAD + "ARG BUILD=/build\nCOPY . $BUILD\nRUN cd $BUILD && make && cp app /usr/local/bin/\n"
                              "RUN rm -rf $BUILD\nCMD [\"app\"]\n")
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app\n" in runtime
    assert "COPY --from=builder /build" not in runtime


def test_a_folder_holding_the_installed_dependencies_moved_by_a_pattern_is_copied_from_where_it_went() -> None:
    """`mv /packages/* /code/` after `cd /packages && yarn install` (a real file, 176c04713437): the builder's
    node_modules left /packages; the runtime copied /packages/node_modules from it (COPY failed: stat
    packages/node_modules: file does not exist) and repeated the mv"""
    runtime = _runtime("FROM node:18\nRUN npm install -g yarn\nCOPY ./package.json /packages/package.json\n"
                       "RUN cd /packages/ && yarn install\nCOPY . /code/\nRUN rm -rf /code/node_modules\n"
                       "RUN mv /packages/* /code/\nWORKDIR /code/\nCMD yarn run build && node build/server.js\n")
    assert "COPY --from=builder /code /code\n" in runtime
    assert "/packages/node_modules" not in runtime and "mv " not in runtime

