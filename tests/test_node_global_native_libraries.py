"""A global npm install whose native modules node-gyp builds (with the compilers the file installs, or the full node
image's own) is tracked on the full node image and copied to its slim variant (see test_global_npm_compilers). The
modules were built against the full image, which has buildpack-deps' -dev packages (libpq-dev for pg-native) and the
compilers' own run-time libraries (libgomp1 with gcc): the slim variant has neither, and the runtime got none of them,
so a module linking one failed to load there ("libpq.so.5: cannot open shared object file"). Which packages and
dependencies the install brings is not known without the registry: the builder lists the libraries the copied outputs
link to (ldd) and the runtime, on the same release, installs that list."""

from __future__ import annotations

import pytest
from conftest import NODE_APP_FILES, context_of, stages

from transformer import refactor

FILE = """FROM {image}
RUN apt-get update && apt-get install -y g++ make
RUN npm install -g pg-native
CMD ["node", "-e", "require('/usr/local/lib/node_modules/pg-native')"]
"""


@pytest.mark.parametrize("image", ["node:18", "node:8", "node:fermium-bullseye"])
def test_the_runtime_installs_what_the_global_modules_link(image: str) -> None:
    builder, runner = stages(FILE.format(image=image))
    assert "npm install -g pg-native && {" in builder, builder
    assert "find /opt/staged -type f \\( -name '*.so' -o -name '*.so.*' -o -perm -u+x \\) -exec ldd {} ';'" in builder
    assert "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages" in runner, runner
    assert "COPY --from=builder /opt/staged /\n" in runner, runner
    reasons = " ".join(c.message for c in refactor(FILE.format(image=image)).changes)
    assert "the native modules of the packages npm installs globally may link" in reasons, reasons


def test_with_the_full_images_own_compilers_too() -> None:
    # node-sass on node (791c8719): built with buildpack-deps' gcc where no prebuilt binding downloads
    builder, runner = stages('FROM node:18\nRUN npm install -g node-sass\nENTRYPOINT ["/run.sh"]\n')
    assert "-exec ldd {} ';'" in builder and "< /opt/runtime-packages" in runner, runner


@pytest.mark.parametrize("text", [
    # a package of JavaScript only, installed again in the runtime: nothing built in the builder is copied
    "FROM node:18\nRUN apt-get update && apt-get install -y g++ make\nRUN npm install -g pm2\nWORKDIR /app\n"
    "COPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nCMD [\"pm2-runtime\", \"index.js\"]\n",
    # Debian's npm on Debian's image: the runtime is the same image (its -dev packages' libraries come from the data)
    "FROM debian:bookworm\nRUN apt-get update && apt-get install -y nodejs npm g++ make\n"
    "RUN npm install -g Haraka\nCMD [\"haraka\", \"-c\", \"/srv\"]\n",
])
def test_not_where_no_module_is_built_on_the_full_node_image(text: str) -> None:
    result = refactor(text, read_context=context_of(NODE_APP_FILES))  # the app's own packages are known
    assert result.changed, result.skipped
    assert "runtime-packages" not in result.text, result.text


def test_not_where_the_runtime_stays_on_the_full_image() -> None:
    # node:4-wheezy-slim was never published: the runtime keeps node:4-wheezy, which has what the modules link
    result = refactor(FILE.format(image="node:4-wheezy"))
    assert result.changed, result.skipped
    assert "FROM node:4-wheezy AS runner" in result.text, result.text
    assert "npm install -g pg-native && {" in result.text and "runtime-packages" not in result.text, result.text
