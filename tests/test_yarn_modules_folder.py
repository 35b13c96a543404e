"""``yarn install --modules-folder DIR`` puts the packages into DIR, not into the app's node_modules: the runtime
copies DIR. Seen on dev file 52c8d1a0 (``--modules-folder "$APP_SOURCE_DIR/../node_modules"``, /opt/node_modules,
beside the app in /opt/src): the folder's path was read as a package to add, and the runtime copied /opt/src alone,
without the packages the app requires."""

from __future__ import annotations

from transformer import refactor

TEXT = "FROM node:18\nENV APP=/opt/src\nWORKDIR $APP\nCOPY package.json yarn.lock ./\n" \
    "RUN yarn install --frozen-lockfile --modules-folder \"$APP/../node_modules\" --production\nCOPY . .\n" \
    "CMD [\"node\", \"index.js\"]\n"


def test_the_runtime_copies_the_modules_folder() -> None:
    result = refactor(TEXT)
    assert result.changed, result.skipped
    runtime = result.text.partition("AS runner")[2]
    assert "COPY --from=builder /opt/node_modules /opt/node_modules" in runtime, runtime


def test_a_modules_folder_the_tool_cannot_read_leaves_the_file_alone() -> None:
    result = refactor(TEXT.replace('"$APP/../node_modules"', '"$(cat /where)"'))
    assert not result.changed
