"""Instructions as plain data, in the shape of BuildKit's parser output.

The fields are those PyPI's ``dockerfile`` package (BuildKit's Go parser) gives,
so the two can be compared field by field: ``cmd`` (lower case here), ``sub_cmd``,
``json``, ``original``, ``start_line``, ``end_line``, ``flags``, ``value``,
``heredocs``.
"""

from __future__ import annotations

from typing import Any

from .tree import Dockerfile, Instruction


def instruction_record(inst: Instruction) -> dict[str, Any]:
    parsed = inst.parsed
    heredocs = () if parsed.sub is not None else inst.heredocs
    original = inst.original
    if heredocs:
        original += "\n" + "".join(h.content + h.name + "\n" for h in heredocs)
    return {
        "cmd": parsed.cmd,
        "sub_cmd": parsed.sub.cmd if parsed.sub else None,
        "json": parsed.json and not _nested(inst),
        "original": original,
        "start_line": inst.start_line,
        "end_line": inst.end_line,
        "flags": list(parsed.flags),  # the top node's flags (ONBUILD's own)
        "value": _value(inst),
        "heredocs": [
            {"name": h.name, "file_descriptor": h.fd, "content": h.content} for h in heredocs
        ],
    }


def _value(inst: Instruction) -> list[str]:
    """BuildKit keeps a nested trigger (ONBUILD ONBUILD X) as a node of its own
    under the inner ONBUILD, whose own value is the empty word (none when the
    inner ONBUILD names no instruction)."""
    sub = inst.parsed.sub
    if sub is not None and _nested(inst):
        return [""] if sub.sub is not None else []
    return list(inst.parsed.value)


def _nested(inst: Instruction) -> bool:
    sub = inst.parsed.sub
    return sub is not None and sub.cmd == "onbuild"


def records(tree: Dockerfile) -> list[dict[str, Any]]:
    return [instruction_record(i) for i in tree.instructions()]
