"""atheris harness: the command line (click's CliRunner, input on stdin). The first
byte picks the mode (refactor, --check, --json, --diff, --explain, parse...); the CLI
exits 0, 1 or 2, with one line on stderr on error and never a traceback."""

from __future__ import annotations

import _common

_common.invariants.in_tmp_cwd()


def test_one_input(data: bytes) -> None:
    if not data:
        return
    args = _common.invariants._mode_for(data[0])
    _common.invariants.check_cli(args, data[1:])


if __name__ == "__main__":
    _common.main(test_one_input)
