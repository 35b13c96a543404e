"""A CMD that runs a shell with -c is read through one helper (transformer.shell.shell_c_script) whatever
the shell: `["dash", "-c", "make run"]` on gcc:12 needs make at run time and is left alone, as the same
file with `sh -c` is (issue 11: dash was once missing from one of four lists of shells)."""

from __future__ import annotations

import pytest

from transformer import refactor, shell
from transformer.commands import argv_of
from transformer.parser import parse_instruction_text

MAKE_RUN = 'FROM gcc:12\nWORKDIR /src\nCOPY . .\nRUN make\nCMD ["{shell}", "{flag}", "make run"]\n'


@pytest.mark.parametrize(("name", "flag"), [
    ("sh", "-c"), ("dash", "-c"), ("/bin/dash", "-c"), ("dash", "-ec"), ("bash", "-lc"), ("ash", "-c"),
])
def test_a_shell_that_runs_make_keeps_the_file(name: str, flag: str) -> None:
    result = refactor(MAKE_RUN.format(shell=name, flag=flag))
    assert not result.changed
    assert result.skipped == "CMD at line 5: the command runs make at run time"


def test_the_program_itself_is_moved() -> None:
    """Without make at run time the same build is refactored: the skip above is about the script."""
    assert refactor(MAKE_RUN.replace('["{shell}", "{flag}", "make run"]', '["./app"]')).changed


def test_dash_c_is_read_into_its_commands() -> None:
    assert shell.shell_c_script(["dash", "-c", "make run"]) == "make run"
    assert shell.shell_c_script(["/usr/bin/dash", "-e", "-c", "make run"]) == "make run"
    assert shell.shell_c_script(["busybox", "sh", "-c", "make run"]) == "make run"
    inst = parse_instruction_text('CMD ["dash", "-c", "make run && serve --port 80"]')
    assert argv_of(inst) == [("make", "run"), ("serve", "--port", "80")]


def test_without_dash_among_the_shells_the_file_would_lose_make(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the tests above guard against: were dash not read as a shell, the CMD's program would be
    `dash` (which Debian slim has) and the runtime would go to a slim image without make."""
    monkeypatch.setattr(shell, "SHELLS", shell.SHELLS - {"dash"})
    assert shell.shell_c_script(["dash", "-c", "make run"]) is None
    assert refactor(MAKE_RUN.format(shell="dash", flag="-c")).changed
