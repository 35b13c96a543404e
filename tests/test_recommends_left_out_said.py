"""Every change has its reason: the runtime's apt install that leaves out the packages the original's took as
recommended (--no-install-recommends) says so, on a release the data know too (rp20node MidoN37/telegram-youtube-bot:
ffmpeg's 25 recommended packages, GPU drivers and speech models, left out without a word)."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

_FILES = {"package.json": '{"name": "x", "dependencies": {"fluent-ffmpeg": "2"}}', "package-lock.json": "{}"}


def _notes(install: str) -> list[str]:
    text = (f"FROM node:18\nWORKDIR /app\nRUN apt-get update && {install} && rm -rf /var/lib/apt/lists/*\n"
            'COPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD ["node", "index.js"]\n')
    result = refactor(text, read_context=context_of(_FILES))
    assert "apt-get install -y --no-install-recommends ffmpeg" in result.text
    return [str(c) for c in result.changes]


def test_the_left_out_recommends_are_said() -> None:
    said = [n for n in _notes("apt-get install -y ffmpeg") if "without the packages it recommends" in n]
    assert len(said) == 1 and "ffmpeg" in said[0]


def test_nothing_to_say_when_the_original_took_none() -> None:
    notes = _notes("apt-get install -y --no-install-recommends ffmpeg")
    assert not any("recommend" in n for n in notes)
