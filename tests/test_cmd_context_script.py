"""A CMD or ENTRYPOINT that runs a file of the build context by its path (``COPY . /go/src/app``, then ``CMD
["/go/src/app/docker/run.sh"]``, as dev file 608722817768 does): the runtime of a compiled program leaves the
context COPY out (it holds the build's sources), so without the build context the file was not there, and on
gcr.io/distroless/static the container did not start ("exec: /go/src/cherry-pick-bot/docker/run.sh: no such file or
directory", seen in a real build). Without the context the file is left alone, with the cause; with it, the runtime
copies the files beside the sources, and a script's interpreter needs an image with a shell: Debian's slim image."""

from __future__ import annotations

from conftest import context_of, runner_stage, skip_reason

from transformer import refactor

GO = """FROM golang:1.19
COPY . /go/src/bot
WORKDIR /go/src/bot
RUN go install -v
CMD {cmd}
"""

CONTEXT = {"go.mod": "module bot\n\ngo 1.19\n", "main.go": "package main\n\nfunc main() {}\n",
           "docker/run.sh": "#!/bin/sh\nexec bot \"$@\"\n"}


def test_without_the_context_a_script_of_it_is_left_alone() -> None:
    # the program runs elsewhere than the folder the COPY fills: the runtime would leave the COPY out
    why = skip_reason(GO.format(cmd='["/go/src/bot/docker/run.sh"]').replace("CMD", "WORKDIR /\nCMD"))
    assert "runs /go/src/bot/docker/run.sh, which the COPY at line 2 brings from the build context" in why, why


def test_a_relative_path_is_read_from_the_workdir() -> None:
    # (the program runs in /go/src, above the folder the COPY fills: the runtime would leave the COPY out)
    why = skip_reason(GO.format(cmd='["./bot/docker/run.sh", "serve"]').replace("CMD", "WORKDIR /go/src\nCMD"))
    assert "runs /go/src/bot/docker/run.sh" in why, why


def test_without_the_context_the_copy_of_the_folder_the_program_runs_in_brings_it() -> None:
    """read27 4607c25c: the program runs in the folder the context COPY fills, so the runtime repeats that COPY as
    written (the tool cannot tell the sources from the rest), and the script is there, on an image with a shell."""
    result = refactor(GO.format(cmd='["/go/src/bot/docker/run.sh"]'))
    assert result.changed, result.skipped
    runner = result.text.partition(" AS runner")[0].rsplit("\n", 1)[1] + result.text.partition(" AS runner")[2]
    assert runner.startswith("FROM debian:bookworm-slim\n") and "\nCOPY . /go/src/bot\n" in runner, runner


def test_with_the_context_the_script_is_copied_onto_an_image_with_a_shell() -> None:
    result = refactor(GO.format(cmd='["/go/src/bot/docker/run.sh"]'), read_context=context_of(CONTEXT))
    assert result.changed, result.skipped
    runner = result.text.partition(" AS runner")[0].rsplit("\n", 1)[1] + result.text.partition(" AS runner")[2]
    assert runner.startswith("FROM debian:bookworm-slim\n"), runner
    # the program runs in the folder the COPY fills: the COPY as written (test_run_time_files_beside_program)
    assert "\nCOPY . /go/src/bot\n" in runner, runner
    assert any("runs /go/src/bot/docker/run.sh, which no build step made" in c.message for c in result.changes)


def test_a_program_the_build_made_stays_on_distroless() -> None:
    runner = runner_stage(GO.format(cmd='["/go/bin/bot"]'))
    assert runner.startswith("FROM gcr.io/distroless/static-debian12 AS runner\n"), runner


def test_a_shell_form_command_runs_a_script_of_the_context_too() -> None:
    # dev files 4fa095e6 (`CMD ./bin/dockereel.sh` after `COPY . ./`) and 7ae0e594: the runtime, with the binary
    # alone, lacked the script its CMD starts
    # alone, lacked the script its CMD starts (where the program runs above the folder the COPY fills; in it, the
    # runtime repeats the COPY: test_without_the_context_the_copy_of_the_folder_the_program_runs_in_brings_it)
    why = skip_reason(GO.format(cmd="./bot/docker/run.sh serve").replace("CMD", "WORKDIR /go/src\nCMD"))
    assert "runs /go/src/bot/docker/run.sh, which the COPY at line 2 brings from the build context" in why, why


def test_a_shell_form_path_after_cd_is_not_read_from_the_workdir() -> None:
    runner = runner_stage(GO.format(cmd="cd /go/bin && ./bot"))
    assert "AS runner" in runner, runner


def test_a_shell_form_command_of_a_built_program_stays_changed() -> None:
    runner = runner_stage(GO.format(cmd="/go/bin/bot --port 80"))
    assert "COPY --from=builder /go/bin" in runner, runner


def test_a_script_the_tool_cannot_read_on_a_slim_runtime_is_an_assumption_it_states() -> None:
    # 72b17a84: lncli-web's init.sh runs openssl, which node:slim lacks; the explanation said nothing of it
    text = "FROM node:20\nCOPY . /app\nWORKDIR /app\nRUN npm ci && npm run build\nCMD [\"/app/init.sh\"]\n"
    result = refactor(text)
    assert result.changed, result.skipped
    assert any(c.message.startswith("assumed: /app/init.sh, which the CMD runs and the tool does not read, runs none "
                                    "of the commands node:20 has and node:20-slim lacks") for c in result.changes), \
        [c.message for c in result.changes]


def test_an_exec_form_wrapper_runs_a_script_of_the_context_too() -> None:
    # `["tini", "--", "./docker/run.sh"]`: the script tini runs is the context's, as in the shell form
    why = skip_reason(GO.format(cmd='["tini", "--", "./bot/docker/run.sh"]').replace("CMD", "WORKDIR /go/src\nCMD"))
    assert "runs /go/src/bot/docker/run.sh, which the COPY at line 2 brings from the build context" in why, why


def test_an_exec_form_wrapper_of_a_built_program_stays_changed() -> None:
    runner = runner_stage(GO.format(cmd='["/usr/bin/tini", "--", "/go/bin/bot"]'))
    assert "COPY --from=builder /go/bin" in runner, runner


def test_a_script_the_tool_cannot_read_on_the_same_image_is_assumed_to_run_no_build_tool() -> None:
    """On the same image the runtime leaves out the build-only packages: the script may run make or gcc (dev
    603afd88's run-all.sh, 460c1c0a's setup.sh); the explanation said nothing of it."""
    text = ("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y make g++\nCOPY . /app\nWORKDIR /app\n"
            "RUN make\nCMD [\"/app/run-all.sh\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert any(c.message == "assumed: /app/run-all.sh, which the CMD runs and the tool does not read, runs none of "
               "the commands of the build-only packages the runtime leaves out (make, g++); `msrefactor verify` in the "
               "build context builds and runs both" for c in result.changes), [c.message for c in result.changes]
