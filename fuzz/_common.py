"""Shared set-up of the atheris harnesses: instrumented imports, the seed corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]  # invariants, and this checkout's transformer package

with atheris.instrument_imports(include=["transformer", "lark"]):
    import transformer  # noqa: F401
    import transformer.cli  # noqa: F401
    import transformer.refactor  # noqa: F401

import invariants  # noqa: E402


def decode(data: bytes) -> str:
    """Bytes as msrefactor's file reader decodes them (non-UTF-8 bytes survive)."""
    return data.decode("utf-8", "surrogateescape")


def main(test_one_input) -> None:  # type: ignore[no-untyped-def]
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


__all__ = ["decode", "invariants", "main"]
