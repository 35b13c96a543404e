"""NestJS's CLI installed globally (``npm i -g @nestjs/cli``) and run as ``nest build``: a build tool, as ``npx nest
build`` was; the file was left alone with "`nest build` is not understood"."""

from __future__ import annotations

from conftest import runner_stage

FILE = ("FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm install --only=production\nCOPY . .\n"
        "RUN npm i -g @nestjs/cli\nRUN nest build\nCMD {cmd}\n")


def test_global_nest_build_stays_in_the_builder() -> None:
    runner = runner_stage(FILE.format(cmd="node dist/main"))
    assert runner.startswith("FROM node:18-slim AS runner\n"), runner
    assert "COPY --from=builder /app /app" in runner, runner
    assert "@nestjs/cli" not in runner and "nest build" not in runner, runner


def test_nest_start_installs_the_cli_again() -> None:
    """The program runs `nest`: the runtime installs the CLI again (it is not copied with Node.js's prefix)."""
    runner = runner_stage(FILE.format(cmd='["nest", "start"]'))
    assert "npm i -g @nestjs/cli" in runner, runner
