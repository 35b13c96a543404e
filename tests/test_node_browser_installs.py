"""A browser install of Playwright or Puppeteer run through a package manager (`npx playwright install --with-deps
chromium`, `yarn playwright install`, `npx puppeteer browsers install chrome`) downloads the browsers into the user's
cache (~/.cache/ms-playwright, ~/.cache/puppeteer), outside the app's folder, and Playwright's --with-deps installs
their system libraries with apt. Before, `npx X` was taken for a build of the app: the runtime copied /app alone, and
the program found no browser. Now the file is left alone, and the reason says so."""

from __future__ import annotations

import pytest

from transformer import refactor

HEAD = "FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\n"
TAIL = "COPY . .\nCMD [\"node\", \"server.js\"]\n"


@pytest.mark.parametrize(("run", "shown", "folder"), [
    ("npx playwright install --with-deps chromium", "npx playwright install", "~/.cache/ms-playwright"),
    ("npx -y playwright install-deps", "npx -y playwright install-deps", "~/.cache/ms-playwright"),
    ("yarn playwright install chromium", "yarn playwright install", "~/.cache/ms-playwright"),
    ("npm exec playwright install", "npm exec playwright install", "~/.cache/ms-playwright"),
    ("pnpm exec playwright install", "pnpm exec playwright install", "~/.cache/ms-playwright"),
    ("npx puppeteer browsers install chrome", "npx puppeteer browsers", "~/.cache/puppeteer"),
    ("npx @puppeteer/browsers install chrome@stable", "npx @puppeteer/browsers install", "~/.cache/puppeteer"),
])
def test_a_browser_install_is_left_alone_naming_the_folder(run: str, shown: str, folder: str) -> None:
    result = refactor(HEAD + f"RUN {run}\n" + TAIL)
    assert not result.changed
    assert f"`{shown}` downloads browsers into {folder}" in (result.skipped or ""), result.skipped


@pytest.mark.parametrize("run", ["npx tsc", "yarn install", "yarn add playwright", "npx playwright test",
                                 "npm run build"])
def test_other_commands_of_the_managers_are_not_browser_installs(run: str) -> None:
    result = refactor(HEAD + f"RUN {run}\n" + TAIL)
    assert "downloads browsers" not in (result.skipped or "")


def test_the_python_package_s_browser_install_names_the_cause() -> None:
    """Python's playwright command (pip install playwright): the reason said only that it was not understood."""
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
            "RUN playwright install --with-deps chromium\nCOPY . .\nCMD [\"python\", \"main.py\"]\n")
    result = refactor(text)
    assert not result.changed
    assert "`playwright` downloads browsers into ~/.cache/ms-playwright" in (result.skipped or ""), result.skipped
