"""A manifest copied before the whole folder that brings it again (`ADD Gemfile /app/` before `ADD . /app`; `COPY
server/package.json .` before `COPY server/ .`) is not repeated in the runtime, where nothing installs between them
(read21 NIT: 2f0492a4, 3697681b, 3e345400, 440a4baf; `COPY requirements.txt .` before `COPY . .` was already)."""

from __future__ import annotations

import pytest
from conftest import runner_stage

from transformer import refactor

NODE = """FROM node:18
WORKDIR /app
{first}
RUN npm install
{whole}
CMD ["node", "server.js"]
"""


@pytest.mark.parametrize(("first", "whole"), [
    ("ADD package.json /app/package.json", "ADD . /app/"),
    ("ADD package.json .", "COPY . ."),
    ("COPY server/package.json .", "COPY server/ ."),
    ("COPY server/package.json server/package-lock.json ./", "ADD server/ /app"),
])
def test_the_first_copy_is_not_repeated(first: str, whole: str) -> None:
    result = refactor(NODE.format(first=first, whole=whole))
    runtime = result.text.partition(" AS runner")[2]
    assert first not in runtime and whole in runtime, runtime
    assert any(f"does not repeat the {first.split()[0]} at line 3: the {whole.split()[0]} at line 5" in str(c)
               for c in result.changes), result.changes


@pytest.mark.parametrize(("first", "whole"), [
    ("ADD deps.tar.gz /app/", "ADD . /app/"),  # ADD unpacks a local archive
    ("COPY docker/package.json .", "COPY . ."),  # `COPY . .` brings it to /app/docker/
    ("COPY server/package.json .", "COPY client/ ."),
    ("ADD https://example.org/package.json .", "COPY . ."),
])
def test_a_copy_the_later_one_does_not_bring_again_is_repeated(first: str, whole: str) -> None:
    assert first in runner_stage(NODE.format(first=first, whole=whole))
