"""A COPY whose source is a pattern of names in a folder of the build context (``COPY api/package*.json ./``) puts
that folder's matching files into the destination: the tool reads them there, as it does for ``COPY package*.json
./`` at the root (before: "a package.json the build context does not hold", and the assumption that went with it)."""

from __future__ import annotations

import pytest
from conftest import context_of

from transformer import refactor

_FILES = {"api/package.json": '{"name": "api", "dependencies": {"express": "4.18.2"}}', "api/package-lock.json": "{}",
          "api/index.js": "require('express')\n"}


def _notes(copy: str, files: dict[str, str]) -> list[str]:
    text = f'FROM node:18\nWORKDIR /app\n{copy}\nRUN npm ci\nCOPY api/ .\nCMD ["node", "index.js"]\n'
    result = refactor(text, read_context=context_of(files))
    assert result.changed, result.skipped
    return [str(c) for c in result.changes]


@pytest.mark.parametrize("copy", ["COPY api/package*.json ./", "COPY api/package.json api/package-lock.json ./",
                                  "COPY api/package?json /app/"])
def test_the_package_json_a_pattern_copies_is_read(copy: str) -> None:
    notes = _notes(copy, _FILES)
    assert not any("the build context does not hold" in n for n in notes), notes


@pytest.mark.parametrize("copy", ["COPY */package*.json ./", "COPY api/package*.json ./sub/"])
def test_a_pattern_of_folders_or_another_destination_is_not_matched(copy: str) -> None:
    notes = _notes(copy, _FILES)
    assert any("the build context does not hold" in n for n in notes), notes
