"""corepack (``corepack enable``, ``corepack prepare pnpm@8 --activate``) sets up yarn and pnpm: for the build only
when the program runs neither (the runtime gets no corepack step), again in the runtime when it runs one and the
file fetches the version itself (prepare); a bare ``corepack enable`` whose shims the program runs would fetch the
package manager when the program starts, so the file is left alone with that reason. A yarn install with Yarn's
Plug'n'Play makes no node_modules: the file is left alone, unless .yarnrc.yml sets a nodeLinker that makes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import runner_stage, stages

from transformer import refactor
from transformer.fileio import context_reader

PNPM = ("FROM node:20\nWORKDIR /app\nRUN {corepack}\nCOPY package.json pnpm-lock.yaml ./\n"
        "RUN pnpm install --frozen-lockfile\nCOPY . .\nRUN pnpm run build\nCMD {cmd}\n")


def test_corepack_for_the_build_stays_in_the_builder() -> None:
    builder, runtime = stages(PNPM.format(corepack="corepack enable && corepack prepare pnpm@8.15.0 --activate",
                                          cmd='["node", "dist/index.js"]'))
    assert "corepack" not in runtime, runtime
    assert "pnpm prune --prod" in builder, builder


def test_corepack_prepare_is_repeated_when_the_program_runs_pnpm() -> None:
    runtime = runner_stage(PNPM.format(corepack="corepack enable && corepack prepare pnpm@8.15.0 --activate",
                                       cmd='["pnpm", "start"]'))
    assert "RUN corepack enable && corepack prepare pnpm@8.15.0 --activate\n" in runtime, runtime


def test_a_bare_enable_whose_shim_the_program_runs_is_left_alone() -> None:
    result = refactor(PNPM.format(corepack="corepack enable", cmd='["pnpm", "start"]'))
    assert not result.changed, result.text
    assert "would fetch it from the registry when the program starts" in (result.skipped or ""), result.skipped


YARN = "FROM node:20\nWORKDIR /app\nCOPY . .\nRUN yarn install --immutable\nCMD [\"node\", \"index.js\"]\n"


def _yarn(tmp_path: Path, rc: str | None, manager: str | None = None) -> str | None:
    """The runtime stage of YARN with this context (None: left alone)."""
    (tmp_path / "package.json").write_text(json.dumps({"name": "app", "dependencies": {"ms": "2.1.3"},
                                                       **({"packageManager": manager} if manager else {})}))
    if rc is not None:
        (tmp_path / ".yarnrc.yml").write_text(rc)
    result = refactor(YARN, read_context=context_reader(str(tmp_path)))
    if not result.changed:
        assert "Plug'n'Play" in (result.skipped or ""), result.skipped
        return None
    return result.text.partition(" AS runner")[2]


@pytest.mark.parametrize(("rc", "manager"), [
    ("yarnPath: .yarn/releases/yarn-3.6.4.cjs\n", None),
    ("nodeLinker: pnp\n", None),
    (None, "yarn@4.1.0"),
])
def test_plug_n_play_is_left_alone(tmp_path: Path, rc: str | None, manager: str | None) -> None:
    assert _yarn(tmp_path, rc, manager) is None


@pytest.mark.parametrize(("rc", "manager"), [
    ("nodeLinker: node-modules\n", "yarn@4.1.0"),
    (None, "yarn@1.22.19"),
    (None, None),
])
def test_node_modules_are_copied(tmp_path: Path, rc: str | None, manager: str | None) -> None:
    runtime = _yarn(tmp_path, rc, manager)
    assert runtime is not None and "COPY --from=builder /app/node_modules /app/node_modules" in runtime, runtime
