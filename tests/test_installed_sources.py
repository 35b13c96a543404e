"""Sources the file fetches into a folder of their own (``git clone``), builds and installs with ``make install`` (which
the builder stages apart with DESTDIR): the runtime gets what the install installed, not the build tree, which held
FFmpeg's objects and static libraries in 3c6df6f9 (hundreds of MB copied for nothing). The tree is still copied
when the image's command names a path in it, or PATH does, or it is the final WORKDIR; and an archive unpacked
into the working folder, which may hold more than its tree, is copied as before."""

from __future__ import annotations

import pytest
from conftest import runner_stage

FILE = """FROM gcc:12
RUN git clone https://example.org/tool.git /root/tool && cd /root/tool \\
    && ./configure --disable-shared && make -j8 && make install
{tail}"""


def test_the_build_tree_of_an_installed_clone_is_left_in_the_builder() -> None:
    runner = runner_stage(FILE.format(tail='CMD ["tool", "--serve"]\n'))
    assert "COPY --from=builder /opt/staged /" in runner and "/root/tool" not in runner, runner


@pytest.mark.parametrize("tail", ['CMD ["/root/tool/bin/tool"]\n', 'ENV PATH=/root/tool/bin:$PATH\nCMD ["tool"]\n'])
def test_a_tree_the_command_runs_from_is_copied(tail: str) -> None:
    runner = runner_stage(FILE.format(tail=tail))
    assert "COPY --from=builder /root/tool /root/tool" in runner, runner


def test_the_final_workdir_is_copied() -> None:
    runner = runner_stage(FILE.format(tail='WORKDIR /root/tool\nCMD ["tool", "-c", "tool.conf"]\n'))
    assert "COPY --from=builder /root/tool /root/tool" in runner, runner


def test_an_archive_unpacked_in_the_working_folder_is_copied() -> None:
    text = """FROM gcc:12
COPY tool-1.0.tar.gz /usr/src/
RUN cd /usr/src && tar xzf tool-1.0.tar.gz && cd tool-1.0 && ./configure && make && make install
CMD ["tool"]
"""
    assert "COPY --from=builder /usr/src /usr/src" in runner_stage(text)


ROOT_ARCHIVE = """FROM ubuntu:22.04
RUN apt-get update && apt-get install -y build-essential wget
RUN wget https://github.com/antirez/redis/archive/4.0-rc2.tar.gz
RUN tar xvzf 4.0-rc2.tar.gz
RUN cd redis-4.0-rc2 && make
RUN cd redis-4.0-rc2 && make install
{tail}"""


def test_the_tree_of_an_archive_unpacked_in_the_root_folder_and_installed_is_left_in_the_builder() -> None:
    """read21 MISSED (dev 4a3c4ea6, redis-tsdb): the unpacked Redis tree, taken as the folder the archive made, was
    copied besides the staged install (125 MB against the 35 MB installed, for Redis 6)."""
    runner = runner_stage(ROOT_ARCHIVE.format(tail='CMD ["/usr/local/bin/redis-server"]\n'))
    assert "COPY --from=builder /opt/staged /" in runner and "redis-4.0-rc2" not in runner, runner


def test_the_tree_of_an_archive_unpacked_in_the_root_folder_is_copied_when_the_command_names_it() -> None:
    runner = runner_stage(ROOT_ARCHIVE.format(tail='CMD ["/redis-4.0-rc2/src/redis-server"]\n'))
    assert "COPY --from=builder /redis-4.0-rc2 /redis-4.0-rc2" in runner, runner
