"""Setup that leaves nothing in the image, or that the copy of a build output already carries, is not
repeated by the runtime: a build folder made after a `cd` into sources the RUN deletes (``cd /src && mkdir
build && cd build && ... && cd / && rm -rf /src``), files copied into a folder the RUN deletes (``cp /src/*
src/x && ... && rm -rf /go``, whose sources are only read), the copy of the build context into such a folder
(``COPY . /src``), and a ``sed -i`` of a file in a folder the runtime copies, made before the copy (``cd
/opt/lib && sed -i ... setup.cfg``). Each of them used to be either repeated where it could not run (a `cd`
to a folder the runtime lacks: a skip) or repeated needlessly (the context the original deleted, kept).
"""

from __future__ import annotations

import pytest
from conftest import runner_stage, stages

SOURCES_DELETED = """\
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make \\
 && rm -rf /var/lib/apt/lists/*
COPY . /src
RUN cd /src \\
 && mkdir build && cd build \\
 && make -f ../Makefile VPATH=.. hello \\
 && install -m 755 hello /usr/local/bin/hello \\
 && cd / && rm -rf /src
CMD ["hello"]
"""


def test_a_build_folder_made_after_a_cd_into_deleted_sources_is_not_repeated() -> None:
    builder, runtime = stages(SOURCES_DELETED)
    assert "mkdir build" in builder, builder
    assert "mkdir" not in runtime and "cd " not in runtime, runtime
    assert "COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello" in runtime, runtime


def test_the_context_copied_into_a_folder_the_build_deletes_stays_in_the_builder() -> None:
    builder, runtime = stages(SOURCES_DELETED)
    assert "COPY . /src\n" in builder, builder
    assert "COPY . /src" not in runtime and "/src" not in runtime, runtime


@pytest.mark.parametrize("folder", ["/src", "$SRC"])
def test_the_context_copy_stays_when_a_step_the_runtime_repeats_reads_it(folder: str) -> None:
    text = SOURCES_DELETED.replace(
        "RUN cd /src \\\n", f"ENV SRC=/src\nRUN cp {folder}/hello.conf /etc/hello.conf\nRUN cd /src \\\n")
    runtime = runner_stage(text)
    assert "COPY . /src\n" in runtime and f"RUN cp {folder}/hello.conf /etc/hello.conf\n" in runtime, runtime


def test_files_copied_into_a_folder_the_run_deletes_are_not_copied_again() -> None:
    text = ("FROM golang:1.21-bookworm\n"
            "COPY . /src\n"
            "RUN mkdir -p src/example.com/app && cp /src/* src/example.com/app \\\n"
            " && cd src/example.com/app && go build -o /usr/local/bin/app . && rm -rf /go\n"
            'ENTRYPOINT ["/usr/local/bin/app"]\n')
    runtime = runner_stage(text)
    assert "mkdir" not in runtime and "cp /src" not in runtime, runtime
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in runtime, runtime


EDITED_BEFORE_THE_COPY = """\
FROM python:3.11
RUN git clone --depth 1 https://github.com/example/lib.git /opt/lib \\
 && cd /opt/lib \\
 && sed -i "s/.*test.*//" setup.cfg \\
 && pip install --no-cache-dir -e .
CMD ["python", "-c", "import lib"]
"""


def test_a_file_edited_after_a_cd_into_a_copied_folder_is_carried_by_the_copy() -> None:
    # the `sed -i` ran in the builder before the copy: the runtime copies the edited file, it does not edit again
    builder, runtime = stages(EDITED_BEFORE_THE_COPY)
    assert 'sed -i "s/.*test.*//" setup.cfg' in builder, builder
    assert "COPY --from=builder /opt/lib /opt/lib" in runtime, runtime
    assert "sed" not in runtime and "cd /opt/lib" not in runtime, runtime


def test_an_absolute_edit_of_a_copied_file_before_the_last_build_is_not_repeated() -> None:
    text = ("FROM python:3.11\n"
            "RUN git clone --depth 1 https://github.com/example/lib.git /opt/lib\n"
            "RUN sed -i 's/DEBUG = True/DEBUG = False/' /opt/lib/lib/settings.py\n"
            "RUN pip install --no-cache-dir -e /opt/lib\n"
            'CMD ["python", "-c", "import lib"]\n')
    runtime = runner_stage(text)
    assert "COPY --from=builder /opt/lib /opt/lib" in runtime, runtime
    assert "sed" not in runtime, runtime


def test_the_context_copy_stays_when_the_build_empties_the_folder_but_keeps_it() -> None:
    # `rm -rf /src/*` leaves /src, which the runtime's `chown` needs: the copy that made it stays
    text = SOURCES_DELETED.replace("cd / && rm -rf /src\n", "cd / && rm -rf /src/*\nRUN chown nobody /src\n")
    runtime = runner_stage(text)
    assert "COPY . /src\n" in runtime and "RUN chown nobody /src\n" in runtime, runtime
