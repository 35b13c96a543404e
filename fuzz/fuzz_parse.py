"""atheris harness: parse + render. Any input either raises DockerfileSyntaxError
or renders back to itself byte for byte."""

from __future__ import annotations

import _common


def test_one_input(data: bytes) -> None:
    _common.invariants.check_parse(_common.decode(data))


if __name__ == "__main__":
    _common.main(test_one_input)
