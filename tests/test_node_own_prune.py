"""A file that prunes its dev dependencies itself after the build (``RUN npm prune --production``) gets no second
prune of the tool's appended to that RUN (seen on BlagodarovVA/NestJS: `npm prune --production --legacy-peer-deps
&& npm prune --omit=dev --legacy-peer-deps`); without its own prune, the tool's is still added."""

from __future__ import annotations

import pytest
from conftest import stages

FILE = ("FROM node:18\nWORKDIR /app\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\n{prune}"
        "CMD [\"node\", \"dist/main.js\"]\n")


def refactored(text: str) -> str:
    return "".join(stages(text))


@pytest.mark.parametrize("prune", ["npm prune --production", "npm prune --omit=dev", "npm prune --omit dev",
                                   "npm prune --production --legacy-peer-deps"])
def test_the_files_own_prune_is_not_repeated(prune: str) -> None:
    text = refactored(FILE.format(prune=f"RUN {prune}\n"))
    assert text.count("prune") == 1, text
    assert "COPY --from=builder /app /app" in text, text


def test_a_prune_before_the_build_does_not_count() -> None:
    text = refactored(FILE.replace("RUN npm run build\n{prune}", "RUN npm prune --production\nRUN npm run build\n"))
    assert "npm prune --omit=dev" in text, text


def test_without_its_own_prune_the_tool_adds_one() -> None:
    text = refactored(FILE.format(prune=""))
    assert "npm prune --omit=dev" in text, text
