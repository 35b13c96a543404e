"""node_modules installed on the full node image (buildpack-deps' compilers and -dev packages, with which node-gyp
builds native addons) and copied to its slim variant, when the tool does not know the packages: those named on the
command line (`npm install nodegit`, dev 43786362: nodegit links libcurl-gnutls.so.4 and libssl), whose
dependencies are not known without the registry (those of a package.json the build context does not give are
assumed to need none, in a note, unless such a named package asks for the listing anyway). The
runtime got no library for them and the addon failed to load there ("libpq.so.5: cannot open shared object file",
fixture apps/node-named-addon on the engine). As for a global install's native modules, the builder lists the
libraries the copied outputs link to (ldd) and the runtime, on the same release, installs that list: one RUN in
each stage, whatever else asks for the list. Packages the context's package.json or lock file names keep what the
data say of them (libpq5 for pg-native)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import NODE_APP_FILES, context_of, rewrite_app, stages

from transformer import refactor

LISTS = "-exec ldd {} ';' > /tmp/runtime-libraries/ldd"
INSTALLS = "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages"
APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "node-named-addon"

NAMED = "FROM node:18\nWORKDIR /app\nRUN {install}\nCMD [\"node\", \"index.js\"]\n"
UNREAD = "FROM {image}\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nCMD [\"node\", \"index.js\"]\n"


@pytest.mark.parametrize("install", ["npm install pg-native@3.0.1", "npm i --save nodegit", "yarn add pg-native",
                                     "pnpm add pg-native", "npm install express pg-native"])
def test_packages_named_on_the_command_line_have_their_libraries_listed(install: str) -> None:
    builder, runtime = stages(NAMED.format(install=install))
    assert f"RUN {install} \\\n    && mkdir -p /tmp/runtime-libraries \\\n    && find /app -type f" in builder, builder
    assert LISTS in builder and "sort -u -o /opt/runtime-packages" in builder, builder
    assert "COPY --from=builder /opt/runtime-packages /opt/runtime-packages" in runtime, runtime
    assert INSTALLS in runtime, runtime
    reasons = " ".join(c.message for c in refactor(NAMED.format(install=install)).changes)
    assert f"the native modules of the packages `{install}` names (their dependencies are not known" in reasons


def test_nodegit_on_node_4() -> None:
    """dev 43786362: node:4.4.2 (jessie) -> node:4.4.2-slim, nodegit named, then the app's own install."""
    text = ("FROM node:4.4.2\nWORKDIR /app\nRUN apt-get update && apt-get install -yyq zlib1g-dev openssh-client "
            "&& npm install nodegit\nCOPY package.json /app\nRUN npm install\nCOPY . /app\n"
            "ENTRYPOINT /app/bin/docker_start.sh\n")
    builder, runtime = stages(text)
    assert "RUN npm install \\\n    && mkdir -p /tmp/runtime-libraries \\\n    && find /app -type f" in builder, builder
    assert builder.count(LISTS) == 1 and runtime.count(INSTALLS) == 1, builder + runtime
    assert builder.endswith("\nFROM node:4.4.2-slim"), builder


@pytest.mark.parametrize("image", ["node:18", "node:20-bookworm", "node:8"])
def test_a_package_json_the_context_does_not_give_is_assumed_without_addons_to_list(image: str) -> None:
    """As for pip's unseen requirements, the rewrite says what it assumed: a listing would add the runtime's first
    `apt-get update`, which fails on the archived releases (node:8 is stretch) where the original built."""
    builder, runtime = stages(UNREAD.format(image=image))
    assert LISTS not in builder and "runtime-packages" not in runtime and "apt-get" not in runtime, builder + runtime
    reasons = " ".join(c.message for c in refactor(UNREAD.format(image=image)).changes)
    assert "assumed: the packages `npm ci` installs, of a package.json the build context does not hold" in reasons
    assert "`msrefactor verify` in the build context checks it" in reasons, reasons


def test_an_unread_package_json_is_listed_with_a_named_package() -> None:
    """Where a named package asks for the listing, it scans every copied folder, the unread install's too."""
    text = UNREAD.replace("RUN npm ci\n", "RUN npm ci && npm install nodegit\n").format(image="node:18")
    builder, runtime = stages(text)
    assert builder.count(LISTS) == 1 and runtime.count(INSTALLS) == 1, builder + runtime


def test_the_fixture_s_rewrite_lists_what_pg_native_links() -> None:
    """apps/node-named-addon: on the engine, main's rewrite failed with libpq.so.5 missing; this one loads it."""
    result, builder, runtime = rewrite_app(APP)
    assert LISTS in builder and INSTALLS in runtime, result.text
    assert "libpq" not in runtime, result.text  # the list names it, in the builder


def test_a_global_install_and_an_unknown_one_share_one_list() -> None:
    text = ("FROM node:18\nRUN apt-get update && apt-get install -y g++ make\nRUN npm install -g pg-native\n"
            "WORKDIR /app\nRUN npm install nodegit\nCMD [\"node\", \"index.js\"]\n")
    builder, runtime = stages(text)
    assert builder.count(LISTS) == 1 and runtime.count(INSTALLS) == 1, builder + runtime
    assert "find /app /opt/staged -type f" in builder or "find /opt/staged /app -type f" in builder, builder


def test_known_packages_keep_the_data_s_libraries() -> None:
    builder, runtime = stages(UNREAD.format(image="node:18"), {"package.json": '{"dependencies": {"pg-native": "3"}}'})
    assert "apt-get install -y --no-install-recommends libpq5" in runtime, runtime
    assert LISTS not in builder and "runtime-packages" not in runtime, builder + runtime


@pytest.mark.parametrize(("text", "files"), [
    (UNREAD.format(image="node:18"), NODE_APP_FILES),  # the context's package.json: JavaScript only
    (NAMED.format(install="npm install express pm2"), None),  # packages of JavaScript only, named
    (UNREAD.format(image="node:18-slim"), None),  # built on the slim image: what it links is there
    (NAMED.format(install="npm install nodegit").replace("node:18", "node:4-wheezy"), None),  # no slim variant
])
def test_otherwise_nothing_is_listed(text: str, files: dict[str, str] | None) -> None:
    result = refactor(text, read_context=context_of(files)) if files is not None else refactor(text)
    assert "runtime-packages" not in result.text, result.text


def test_not_for_a_site_nginx_serves() -> None:
    """The image's command is nginx: the runtime is nginx's image, with the site alone (a list would have the file
    left alone, the builder's ldd finding nothing the runtime copies from node_modules)."""
    text = ("FROM node:18\nRUN apt-get update && apt-get install -y --no-install-recommends nginx\nWORKDIR /app\n"
            "COPY package.json ./\nRUN npm install\nCOPY . .\nRUN npm run build\nRUN cp -r dist/. /var/www/html/\n"
            "CMD [\"nginx\", \"-g\", \"daemon off;\"]\n")
    builder, runtime = stages(text)
    assert builder.endswith("\nFROM nginx:stable"), builder
    assert "runtime-packages" not in builder + runtime
