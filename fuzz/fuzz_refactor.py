"""atheris harness: refactor. Only DockerfileSyntaxError escapes; no internal-error
skip; a changed result parses (here and in PyPI dockerfile), meets safety.check
and is a fixed point."""

from __future__ import annotations

import _common


def test_one_input(data: bytes) -> None:
    text = _common.decode(data)
    if _common.invariants.check_parse(text) is None:
        return
    _common.invariants.check_refactor(text)


if __name__ == "__main__":
    _common.main(test_one_input)
