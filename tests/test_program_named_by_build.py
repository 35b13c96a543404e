"""A file the CMD or ENTRYPOINT runs by its path, which the runtime neither copies from the builder nor gets from
the build context, and which a RUN that stays in the builder names, is one the build step may make there: dev file
26496b25 runs `make -e OUTPUTFLAGS="-o /influxdb-ebpf-example"` and ENTRYPOINT ["/influxdb-ebpf-example"]. The
runtime copied the build folder only, and lacked the program; the file is now left alone, naming the cause."""

from __future__ import annotations

from transformer import refactor

MAKE = ("FROM golang:1.19\nWORKDIR /src\nCOPY . .\n{run}\nENTRYPOINT [\"{program}\"]\n")


def test_a_make_output_named_outside_the_build_folder_is_left_alone() -> None:
    result = refactor(MAKE.format(run='RUN make -e OUTPUTFLAGS="-o /app-bin"', program="/app-bin"))
    assert not result.changed
    assert "/app-bin" in (result.skipped or "") and "line 4" in (result.skipped or "")


def test_a_program_the_runtime_copies_is_fine() -> None:
    result = refactor(MAKE.format(run="RUN make && cp bin/app /usr/local/bin/app", program="/usr/local/bin/app"))
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/local/bin/app" in result.text


def test_a_program_of_the_build_context_the_runtime_copies_is_fine() -> None:
    text = ("FROM python:3.11\nCOPY start.sh /start.sh\nRUN pip install flask && test -f /start.sh\n"
            "ENTRYPOINT [\"/start.sh\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
