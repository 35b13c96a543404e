"""Notes of the node pass. A global install that updates the package manager node's image has (``npm install -g
npm@9``, ``npm install -gf yarn@^1.21.1``) is the build's: it stays in the builder. Where the image's command may run
that manager (a script the tool does not read, ``yarn start``), the runtime's is the image's own, which the reasons
say (read26 3748f186, a security update of yarn dropped without a word); npm reads ``-gf`` as -g and -f. A yarn
build's tree keeps its dev dependencies, and the reasons say why."""

from __future__ import annotations

import pytest

from transformer import refactor

ASSUMED = "assumed: the program runs with the package manager node's image has, not the {} the file installs globally"


def _changes(install: str, command: str) -> tuple[str, list[str]]:
    result = refactor(f"FROM node:12\nWORKDIR /code\nRUN {install}\nCOPY . /code\nRUN yarn\n{command}\n")
    assert result.changed, result.skipped
    return result.text, [c.message for c in result.changes]


@pytest.mark.parametrize(("install", "shown"), [("npm install -gf yarn@^1.21.1", "yarn@^1.21.1"),
                                                ("npm install -g yarn@1.22.19", "yarn@1.22.19")])
def test_an_update_the_command_may_run_is_said_to_stay(install: str, shown: str) -> None:
    text, changes = _changes(install, 'ENTRYPOINT ["/bin/bash", "/code/scripts/docker-entrypoint.sh"]')
    assert any(ASSUMED.format(shown) in c for c in changes), changes
    assert install not in text.partition("AS runner")[2]


def test_an_update_the_command_does_not_run_needs_no_word() -> None:
    _, changes = _changes("npm install -gf yarn@^1.21.1", 'CMD ["node", "server.js"]')
    assert not any("package manager node's image has" in c for c in changes), changes


# yarn's tree is not pruned (npm's prune fails on it): the reasons say so (rp13 prisma-typescript-backend)
def test_a_yarn_build_says_why_the_dev_dependencies_stay() -> None:
    result = refactor('FROM node:18\nWORKDIR /app\nCOPY . /app\nRUN yarn\nRUN yarn build\nCMD ["yarn", "start"]\n')
    assert result.changed, result.skipped
    assert "prune" not in result.text
    assert any(c.message.startswith("the dev dependencies stay (no prune): yarn installed node_modules")
               for c in result.changes), [c.message for c in result.changes]
