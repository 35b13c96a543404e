"""A USER right before another USER in the runtime serves nothing: the original's `USER root` whose COPY and RUN stay
in the builder, or the tool's own return to the user after the chown it repeats, before the file's next USER (read20
NIT, dev 2f1b5611: `USER root` then `USER node` at the top of the runtime)."""

from __future__ import annotations

from conftest import runner_stage

FILE = """FROM node:18

USER root
COPY . /usr/src/app
RUN chown -R node:node /usr/src/app

USER node
WORKDIR /usr/src/app
RUN npm ci && npm run build
{last}CMD ["npm", "start"]
"""


def _instructions(runtime: str) -> list[str]:
    return [ln for ln in runtime.splitlines()[1:] if ln.strip() and not ln.startswith(("#", " "))]


def test_no_user_is_followed_by_another() -> None:
    lines = _instructions(runner_stage(FILE.format(last="\nUSER daemon\n")))
    pairs = list(zip(lines, lines[1:], strict=False))
    assert not [p for p in pairs if p[0].startswith("USER") and p[1].startswith("USER")], lines
    assert lines[0] == "USER node" and lines[-2:] == ["USER daemon", 'CMD ["npm", "start"]'], lines


def test_the_user_in_effect_is_the_original_s_at_every_step() -> None:
    """The chown the runtime repeats runs as root; the command as the last USER the file sets."""
    lines = _instructions(runner_stage(FILE.format(last="")))
    chown = next(k for k, ln in enumerate(lines) if ln.startswith("RUN chown"))
    assert lines[chown - 1] == "USER root", lines
    assert [ln for ln in lines if ln.startswith("USER")][-1] == "USER node", lines
