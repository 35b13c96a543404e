"""A shell script of the project that a RUN runs (``./install.sh``, ``bash scripts/build.sh``), found in the
build context where a COPY took it from: its commands are judged as if the RUN ran them itself. Without a
context, or when reading it in place could mislead (it reads its arguments, is not a shell script, changes the
shell for the commands after it, is downloaded), the reason stays that its effect is not known."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor
from transformer.analysis import read_run
from transformer.parser import parse_instruction_text

BUILD = "#!/bin/sh\nset -e\ngcc -o /usr/local/bin/app main.c\n"
SETUP = "#!/usr/bin/env bash\nuseradd -m app\nmkdir -p /var/log/app\n"
APP = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc make\nWORKDIR /src\nCOPY . .\n"
       "RUN {run}\nCMD [\"/usr/local/bin/app\"]\n")
UNKNOWN = "runs a script whose effect on the image (what it installs, where) the tool cannot know"


def _refactor(run: str, files: dict[str, str]) -> tuple[str, str]:
    result = refactor(APP.format(run=run), read_context=context_of({"main.c": "int main(){}\n", **files}))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition(" AS runner\n")
    return builder, runtime


@pytest.mark.parametrize(("run", "files"), [
    ("./install.sh", {"install.sh": BUILD}),
    ("sh install.sh", {"install.sh": BUILD}),
    ("bash scripts/build.sh", {"scripts/build.sh": BUILD}),
    ("cd scripts && ./build.sh", {"scripts/build.sh": BUILD}),
    ("export CC=gcc && ./install.sh", {"install.sh": BUILD.replace("gcc -o", "$CC -o")}),
])
def test_a_build_script_of_the_context_stays_in_the_builder(run: str, files: dict[str, str]) -> None:
    builder, runtime = _refactor(run, files)
    assert f"RUN {run}\n" in builder
    assert run not in runtime and "gcc" not in runtime
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in runtime


def test_a_setup_script_of_the_context_is_repeated_by_the_runtime() -> None:
    builder, runtime = _refactor("./setup.sh && gcc -o /usr/local/bin/app main.c", {"setup.sh": SETUP})
    assert "RUN ./setup.sh && gcc -o /usr/local/bin/app main.c\n" in builder
    assert "RUN ./setup.sh\n" in runtime and "gcc" not in runtime


def test_a_script_copied_elsewhere_is_found_where_the_copy_put_it() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc\nCOPY tools/build.sh /usr/local/"
            "bin/\nCOPY main.c /src/\nRUN cd /src && /usr/local/bin/build.sh\nCMD [\"/usr/local/bin/app\"]\n")
    result = refactor(text, read_context=context_of({"tools/build.sh": BUILD, "main.c": ""}))
    assert result.changed, result.skipped
    assert "COPY --from=builder /usr/local/bin/app /usr/local/bin/app" in result.text


def test_a_script_that_builds_and_sets_up_names_itself_as_the_cause() -> None:
    mixed = "#!/bin/sh\nuseradd app\ngcc -o /usr/local/bin/app main.c\n"
    result = refactor(APP.format(run="./install.sh"), read_context=context_of({"install.sh": mixed, "main.c": ""}))
    assert not result.changed
    assert "`./install.sh` runs one script that both builds and sets up what the runtime needs" in \
        (result.skipped or "")


def test_runtime_packages_a_script_installs_among_build_steps_name_the_script() -> None:
    deps = "apt-get update && apt-get install -y libpq5 libpq-dev\n"
    result = refactor(APP.format(run="./deps.sh && gcc -o /usr/local/bin/app main.c -lpq"),
                      read_context=context_of({"deps.sh": deps, "main.c": ""}))
    assert "the runtime would install part of what the script `./deps.sh` installs" in (result.skipped or "")


@pytest.mark.parametrize(("run", "files"), [
    ("./install.sh", {}),  # not in the context
    ("./install.sh /usr/local/bin/app", {"install.sh": "gcc -o $1 main.c\n"}),  # reads its arguments
    ("./install.sh", {"install.sh": "#!/usr/bin/env python3\nprint(1)\n"}),  # not a shell script
    ("./install.sh && make", {"install.sh": "cd /tmp\ngcc -o /usr/local/bin/app /src/main.c\n"}),  # its cd ends
    ("OUT=/usr/local/bin/app && ./install.sh", {"install.sh": "gcc -o $OUT main.c\n"}),  # a variable it never sees
    ("curl -o install.sh https://example.com/i.sh && sh install.sh", {"install.sh": BUILD}),  # downloaded anew
    ("(cd /tmp && make) && ./install.sh", {"install.sh": BUILD}),  # a subshell before it
])
def test_a_script_that_cannot_be_read_in_place_stays_unknown(run: str, files: dict[str, str]) -> None:
    result = refactor(APP.format(run=run), read_context=context_of({"main.c": "", **files}))
    assert not result.changed
    assert UNKNOWN in (result.skipped or "") or "runs a script downloaded from" in (result.skipped or "")


def test_without_a_context_the_script_stays_unknown() -> None:
    result = refactor(APP.format(run="./install.sh"))
    assert UNKNOWN in (result.skipped or "")


def test_read_run_puts_the_scripts_commands_in_its_place() -> None:
    inst = parse_instruction_text("RUN apt-get update && cd /src && ./install.sh")
    seen: list[str] = []

    def scripts(path: str) -> str | None:
        seen.append(path)
        return BUILD if path == "/src/install.sh" else None

    facts = read_run(inst, workdir="/", scripts=scripts)
    assert seen == ["/src/install.sh"]
    assert [c.name for c in facts.commands] == ["apt-get", "cd", "set", "gcc"]
    assert facts.origin == (0, 1, 2, 2)


def test_a_command_of_the_script_the_tool_does_not_know_names_the_script() -> None:
    functions = "#!/bin/sh\nmain() {\n  gcc -o /usr/local/bin/app main.c\n}\nmain\n"
    result = refactor(APP.format(run="./install.sh"), read_context=context_of({"install.sh": functions, "main.c": ""}))
    assert "`main` is not understood" in (result.skipped or "")
    assert "(a command of the script `./install.sh` runs, read from the build context)" in (result.skipped or "")
