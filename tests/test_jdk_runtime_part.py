"""A JDK the build installs on Debian or Ubuntu is replaced in the runtime by the JRE its own package depends on:
openjdk-N-jdk depends on openjdk-N-jre, which holds AWT's X11 toolkit (libawt_xawt.so) and pulls in the X
libraries a GUI program loads (dev file 0f8b905a runs a Swing program); only openjdk-N-jdk-headless depends on the
headless JRE. The runtime used to get the headless JRE for both, and a GUI program failed to start."""

from __future__ import annotations

import pytest

from transformer import refactor

FILE = ("FROM {base}\nRUN apt-get update && apt-get install -y {jdk} && rm -rf /var/lib/apt/lists/*\n"
        "WORKDIR /app\nCOPY Gui.java .\nRUN javac Gui.java\nCMD [\"java\", \"Gui\"]\n")


def _runtime_packages(base: str, jdk: str) -> set[str]:
    result = refactor(FILE.format(base=base, jdk=jdk))
    assert result.changed, result.skipped
    runner = result.text.split(" AS runner")[-1]
    return {w for w in runner.split() if w.startswith(("openjdk", "default-j"))}


@pytest.mark.parametrize(("base", "jdk", "jre"), [
    ("debian:bookworm", "openjdk-17-jdk", "openjdk-17-jre"),
    ("ubuntu:18.04", "openjdk-11-jdk", "openjdk-11-jre"),
    ("debian:bookworm", "openjdk-17-jdk-headless", "openjdk-17-jre-headless"),
    ("ubuntu:22.04", "default-jdk", "default-jre"),
    ("ubuntu:22.04", "default-jdk-headless", "default-jre-headless"),
])
def test_the_runtime_gets_the_jre_the_jdk_depends_on(base: str, jdk: str, jre: str) -> None:
    assert _runtime_packages(base, jdk) == {jre}


def test_the_reason_names_the_jre() -> None:
    result = refactor(FILE.format(base="debian:bookworm", jdk="openjdk-17-jdk"))
    assert any("openjdk-17-jre, the run-time part of openjdk-17-jdk" in c.message for c in result.changes), \
        result.changes
