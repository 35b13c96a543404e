"""What a RUN takes out of a folder it deletes, and the folders a COPY the builder keeps made for the runtime.

``pip install /palantiri && cp /palantiri/search.py . && rm -rf /palantiri`` (palantiri's image, 77ce30d4): the
copy reads a folder only the builder has (the context copy stays there, the RUN deletes it), so the runtime
could not repeat it (``cp: cannot stat '/palantiri/search.py'``); what it puts in place is a build output the
runtime copies. ``COPY backend /data/go/src/x`` ... ``rm -r /data/go && mkdir /data/certs`` (qbin, 57b3cb85): the
COPY, which the RUN's deletion leaves to the builder, made /data too, and the runtime's ``mkdir /data/certs``
needs it: the COPY stays in the runtime.
"""

from __future__ import annotations

from conftest import runner_stage, skip_reason, stages

COPIED_OUT = """\
FROM python:3.11
COPY . /palantiri/
RUN pip install /palantiri \\
    && cp /palantiri/search.py . \\
    && rm -rf /palantiri
CMD ["/usr/local/bin/python", "search.py"]
"""


def test_a_file_copied_out_of_a_folder_the_run_deletes_is_copied_from_the_builder() -> None:
    builder, runtime = stages(COPIED_OUT)
    assert "cp /palantiri/search.py ." in builder, builder
    assert "cp " not in runtime and "/palantiri" not in runtime, runtime
    assert "COPY --from=builder /search.py /search.py\n" in runtime, runtime


def test_a_copy_to_a_named_destination_copies_that_file() -> None:
    runtime = runner_stage(COPIED_OUT.replace("cp /palantiri/search.py .", "cp /palantiri/search.py /app.py"))
    assert "COPY --from=builder /app.py /app.py\n" in runtime and "cp " not in runtime, runtime


def test_files_named_by_a_pattern_copied_out_of_a_deleted_folder_leave_the_file_alone() -> None:
    reason = skip_reason(COPIED_OUT.replace("cp /palantiri/search.py .", "cp /palantiri/*.py ."))
    assert "copies files named by a pattern out of a folder the RUN deletes" in reason, reason


PARENT_NEEDED = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y golang-go
COPY backend /data/go/src/example.com/backend
RUN cd /data/go/src/example.com/backend && GOPATH=/data/go go build -o /usr/local/bin/app . \\
    && rm -r /data/go && mkdir /data/certs
CMD ["/usr/local/bin/app"]
"""


def test_the_context_copy_stays_when_setup_needs_the_folder_above_the_deleted_one() -> None:
    runtime = runner_stage(PARENT_NEEDED)
    assert runtime.index("COPY backend /data/go/src/example.com/backend\n") < runtime.index("mkdir /data/certs"), \
        runtime


def test_the_context_copy_stays_in_the_builder_when_nothing_needs_the_folder_above() -> None:
    runtime = runner_stage(PARENT_NEEDED.replace("mkdir /data/certs", "mkdir /certs"))
    assert "COPY backend" not in runtime and "mkdir /certs" in runtime, runtime


PARENT_NEEDED_OUTPUT_MOVED = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y golang-go
COPY backend /data/go/src/example.com/backend
RUN cd /data/go/src/example.com/backend && GOPATH=/data/go go install . \\
    && mv /data/go/bin/backend /usr/local/bin/app && rm -r /data/go && mkdir /data/certs
CMD ["/usr/local/bin/app"]
"""


def test_the_runtime_deletes_the_context_copy_it_keeps_for_the_folder_above() -> None:
    # qbin (57b3cb85): the build output moved out of the deleted folder made the `rm` cleanup of a build folder,
    # which the runtime did not repeat: the runtime kept the sources under /data/go that the original deletes
    runtime = runner_stage(PARENT_NEEDED_OUTPUT_MOVED)
    assert "COPY backend /data/go/src/example.com/backend\n" in runtime, runtime
    assert runtime.index("COPY backend") < runtime.index("rm -r /data/go") < runtime.index("mkdir /data/certs"), \
        runtime
