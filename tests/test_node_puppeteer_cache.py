"""puppeteer 19 and later download Chrome at their install into the user's ~/.cache/puppeteer (or
PUPPETEER_CACHE_DIR), not into node_modules: the runtime copies that folder too (before: it copied node_modules
alone, and puppeteer failed with "Could not find Chrome"). Older puppeteer keeps the browser in node_modules, a
skip variable downloads none, and a configuration file of puppeteer's may move the folder: the file is left alone."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

TEXT = "FROM node:18\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD [\"node\", \"index.js\"]\n"
MANIFEST = '{"name": "a", "version": "1.0.0", "dependencies": {"express": "4.18.2", "puppeteer": "^21.3.0"}}'
COPY = "COPY --from=builder /root/.cache/puppeteer /root/.cache/puppeteer\n"


def _runtime(text: str, files: dict[str, str]) -> str:
    result = refactor(text, read_context=context_of(files))
    assert result.changed, result.skipped
    return result.text.partition(" AS runner\n")[2]


def test_the_runtime_copies_the_browser_puppeteer_downloaded() -> None:
    result = refactor(TEXT, read_context=context_of({"package.json": MANIFEST}))
    assert COPY in result.text.partition(" AS runner\n")[2], result.text
    assert any("the browser puppeteer 21 (package.json's range) downloads at its install" in str(c)
               for c in result.changes)


def test_a_dependency_that_brings_puppeteer_in_the_lock_file() -> None:
    lock = ('{"lockfileVersion": 3, "packages": {"": {}, "node_modules/whatsapp-web.js": {"version": "1.23.0"},\n'
            '"node_modules/puppeteer": {\n  "version": "22.15.0",\n  "hasInstallScript": true\n}}}')
    manifest = MANIFEST.replace('"puppeteer": "^21.3.0"', '"whatsapp-web.js": "1.23.0"')
    assert COPY in _runtime(TEXT, {"package.json": manifest, "package-lock.json": lock})


def test_the_cache_folder_of_the_variable_and_of_the_user() -> None:
    text = TEXT.replace("WORKDIR /app\n", "ENV PUPPETEER_CACHE_DIR=/opt/browsers\nWORKDIR /app\n")
    assert "COPY --from=builder /opt/browsers /opt/browsers\n" in _runtime(text, {"package.json": MANIFEST})
    text = TEXT.replace("WORKDIR /app\n", "ENV HOME=/home/node\nWORKDIR /app\n")
    assert "COPY --from=builder /home/node/.cache/puppeteer /home/node/.cache/puppeteer\n" in _runtime(
        text, {"package.json": MANIFEST})


def test_no_copy_without_a_download_there() -> None:
    old = MANIFEST.replace("^21.3.0", "~18.2.1")  # puppeteer 18 downloads into node_modules/puppeteer/.local-chromium
    assert ".cache/puppeteer" not in _runtime(TEXT, {"package.json": old})
    skipped = TEXT.replace("WORKDIR /app\n", "ENV PUPPETEER_SKIP_DOWNLOAD=true\nWORKDIR /app\n")
    assert ".cache/puppeteer" not in _runtime(skipped, {"package.json": MANIFEST})
    core = MANIFEST.replace('"puppeteer"', '"puppeteer-core"')  # downloads no browser
    assert ".cache/puppeteer" not in _runtime(TEXT, {"package.json": core})


def test_a_puppeteer_configuration_file_leaves_the_file_alone() -> None:
    reason = skip_reason_of({"package.json": MANIFEST, ".puppeteerrc.cjs": "module.exports = {};\n"})
    assert "installs puppeteer, which downloads a browser: its configuration file .puppeteerrc.cjs may set the " \
           "folder it downloads the browser into" in reason, reason


def skip_reason_of(files: dict[str, str]) -> str:
    result = refactor(TEXT, read_context=context_of(files))
    assert not result.changed, result.text
    return result.skipped or ""


def test_a_puppeteer_without_a_version_leaves_the_file_alone() -> None:
    reason = skip_reason_of({"package.json": MANIFEST.replace("^21.3.0", "latest")})
    assert "package.json's range gives it no version, and the folder it downloads the browser into depends on the " \
           "version" in reason, reason
    named = refactor(TEXT.replace("RUN npm ci\n", "RUN npm ci && npm i puppeteer\n"),
                     read_context=context_of({"package.json": MANIFEST.replace('"puppeteer": "^21.3.0"', '"ms": "2"')}))
    assert not named.changed and "the install gives it no version" in (named.skipped or ""), named.text
    pinned = TEXT.replace("RUN npm ci\n", "RUN npm ci && npm i puppeteer@22.1.0\n")
    assert COPY in _runtime(pinned, {"package.json": MANIFEST.replace('"puppeteer": "^21.3.0"', '"ms": "2"')})
