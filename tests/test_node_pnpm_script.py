"""``pnpm NAME`` runs the package script NAME where NAME is none of pnpm's own commands (rp28review
zjjaxx/nest_server: `pnpm build`, NestJS built in / with no WORKDIR, was read as a command the tool does not know,
and the file skipped as "outputs in /"; with the script read, the runtime copies /node_modules and /dist)."""

from __future__ import annotations

import json

from conftest import context_of

from transformer import refactor

TEXT = """\
FROM node:20.11.1
ADD ./ ./
RUN rm -rf node_modules
RUN npm i pnpm -g
RUN pnpm i
RUN pnpm {build}
CMD ["pnpm", "start:prod"]
EXPOSE 3000
"""

FILES = {
    "package.json": json.dumps({"name": "server", "scripts": {"build": "nest build",
                                                              "start:prod": "node dist/main"},
                                "dependencies": {"@nestjs/core": "11"}, "devDependencies": {"@nestjs/cli": "11"}}),
    "nest-cli.json": '{"collection": "@nestjs/schematics", "sourceRoot": "src"}',
    "tsconfig.json": '{"compilerOptions": {"outDir": "./dist"}}',
}


def test_pnpm_runs_the_package_script_of_its_word() -> None:
    for build in ("build", "run build"):
        result = refactor(TEXT.format(build=build), read_context=context_of(FILES))
        assert result.changed, result.skipped
        runtime = result.text.partition(" AS runner")[2]
        assert "COPY --from=builder /dist /dist" in runtime and "COPY --from=builder /node_modules /node_modules" \
            in runtime, runtime


def test_pnpm_s_own_commands_are_no_scripts() -> None:
    """`pnpm i` is pnpm's install, not a script named i, even where package.json has one."""
    doc = {**json.loads(FILES["package.json"]), "scripts": {"i": "echo", "build": "nest build",
                                                               "start:prod": "node dist/main"}}
    files = {**FILES, "package.json": json.dumps(doc)}
    result = refactor(TEXT.format(build="build"), read_context=context_of(files))
    assert result.changed and "COPY --from=builder /node_modules /node_modules" in result.text, result.text
