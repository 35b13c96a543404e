"""The app itself installed globally (``npm install -g .``, ``npm link``) on an official node image, whose
/usr/local holds Node.js's own files: the install runs as written in the builder and is tracked (what it added under
/usr/local goes to /opt/staged, which the runtime copies to /), and the runtime copies the app's folder, which
the global install links to. Where it cannot be tracked, the file is left alone and the reason says why."""

from __future__ import annotations

import pytest
from conftest import skip_reason, stages

FILE = "FROM node:18\nWORKDIR /srv/tool\nCOPY package.json ./\nRUN npm install\nCOPY . .\nRUN {install}\nCMD tool\n"


@pytest.mark.parametrize("install", ["npm install -g .", "npm i -g ./", "npm link"])
def test_the_app_installed_globally_is_tracked_and_its_folder_copied(install: str) -> None:
    builder, runner = stages(FILE.format(install=install))
    assert (f"RUN mkdir -p /opt/staged && touch /tmp/install.stamp && sleep 1 && {install} && "
            "{ find /usr/local -cnewer /tmp/install.stamp") in builder, builder
    # the app's folder, where npm builds it, is left out of the check, as are npm's cache and node-gyp's headers
    assert "\\( -path /root/.cache/node-gyp -o -path /root/.node-gyp -o -path /root/.npm -o -path /srv/tool " \
           "-o -path /tmp" in builder.replace("-path /opt/staged -o ", ""), builder
    assert "COPY --from=builder /opt/staged /\nCOPY --from=builder /srv/tool /srv/tool\n" in runner, runner


def test_the_app_installed_globally_on_alpine_says_why_it_is_not_tracked() -> None:
    reason = skip_reason(FILE.format(install="npm install -g .").replace("node:18", "node:18-alpine"))
    assert "the app installed globally, with its commands; not tracked either: the tool finds what an install " \
           "added with GNU find's -cnewer, and node:18-alpine may not have it" in reason, reason


def test_a_global_install_inside_sh_c_names_the_tracking_it_would_need() -> None:
    reason = skip_reason(FILE.format(install="bash -c 'npm install && npm install -g'"))
    assert "its install `npm install -g` would need the stamp before it and the copy after it of a tracked " \
           "install added, and the tool edits only a RUN's own shell text" in reason, reason
