"""An apt install that names GTK itself (libgtk-3-0) installs it for a program apt does not know of, which links
it: a prebuilt Electron, Chromium (puppeteer), Firefox. GTK's recommended packages bring libraries such programs
load: on bookworm, libgtk-3-0's bring at-spi2-core, which depends on libxtst6 (Electron links libXtst.so.6), and
librsvg2-common, gdk-pixbuf's SVG loader; `apt-get install --no-install-recommends libgtk-3-0` installs neither
(checked on debian:bookworm-slim: /usr/lib/x86_64-linux-gnu/libXtst.so.6 is there only with the recommends). So
the runtime's copy of such an install takes the recommended packages as the original's did (dev 0e063c1c,
node:carbon Electron app: `libXtst.so.6: cannot open shared object file` on node:carbon-slim)."""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.packages import gtk_named

ELECTRON = """FROM node:18
WORKDIR /usr/src/app
RUN apt-get update -y && apt-get install -y {flags}\\
        libgtk-3-0 \\
        libxss1 \\
        libnss3
COPY package*.json ./
RUN npm install electron
RUN npm install
COPY . .
CMD ["node_modules/.bin/electron", "."]
"""


def _refactor(text: str) -> tuple[str, list[str]]:
    result = refactor(text)
    assert result.changed, result.skipped
    return result.text.split(" AS runner\n", 1)[1], [str(c) for c in result.changes]


def test_the_runtime_takes_gtks_recommended_packages_as_the_original_did() -> None:
    runner, changes = _refactor(ELECTRON.format(flags=""))
    assert "RUN apt-get update -y && apt-get install -y \\\n        libgtk-3-0 \\\n        libxss1 \\\n" \
        "        libnss3 \\\n        && rm -rf /var/lib/apt/lists/*\n" in runner, runner
    # only the install of what the builder's listing names (electron is named on the command line) is lean
    assert runner.count("--no-install-recommends") == runner.count("< /opt/runtime-packages"), runner
    assert "libgtk-3-bin" not in runner  # GTK's own part, which plan._recommended named: its recommends bring it
    assert any("the runtime's install of libgtk-3-0 takes the recommended packages" in c for c in changes), changes


def test_an_install_without_recommends_stays_without() -> None:
    runner, changes = _refactor(ELECTRON.format(flags="--no-install-recommends "))
    assert "apt-get install -y --no-install-recommends \\\n        libgtk-3-0" in runner, runner
    assert not any("takes the recommended packages" in c for c in changes)


def test_gtks_dev_package_is_for_a_program_the_build_compiles() -> None:
    """The run-time library the runtime installs for libgtk-3-dev (OpenCV's highgui, built from source) is
    installed without the recommends, as any other."""
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc make libgtk-3-dev\nCOPY . /src\n"
            "RUN make -C /src && cp /src/viewer /usr/local/bin/\nCMD [\"viewer\"]\n")
    runner, _ = _refactor(text)
    assert "apt-get install -y --no-install-recommends libgtk-3-0" in runner, runner


@pytest.mark.parametrize(("packages", "found"), [
    (("libnss3", "libgtk-3-0"), "libgtk-3-0"),
    (("libgtk2.0-0t64",), "libgtk2.0-0t64"),
    (("libgtk-4-1=4.8.3+ds-2",), "libgtk-4-1=4.8.3+ds-2"),
    (("libgtk-3-0:amd64",), "libgtk-3-0:amd64"),
    (("libgtk-3-dev", "libgtk-3-bin", "gir1.2-gtk-3.0", "libgtk-3-common"), None),
])
def test_gtk_is_named_by_its_library_packages(packages: tuple[str, ...], found: str | None) -> None:
    assert gtk_named(packages) == found


def test_apts_own_settings_decide() -> None:
    """A RUN that sets apt's Install-Recommends decides what the install took: the tool does not read it."""
    setting = "RUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/norecs\n"
    text = ELECTRON.replace("WORKDIR /usr/src/app\n", "WORKDIR /usr/src/app\n" + setting).format(flags="")
    runner, changes = _refactor(text)
    assert "apt-get install -y --no-install-recommends \\\n        libgtk-3-0" in runner, runner
    assert not any("takes the recommended packages" in c for c in changes)
