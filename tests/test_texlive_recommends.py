"""TeX Live's packages recommend the fonts and packages documents use: on bookworm texlive-latex-extra recommends
texlive-fonts-recommended, without which a document set in T1 Times fails ("Font T1/ptm/m/n/10=ptmr8t at 10.0pt
not loadable", read23 0e85d45a, checked on the engine). The runtime's copy of an install that took them takes
them too, as it does GTK's; one that left them out stays without."""

from __future__ import annotations

from conftest import stages

from transformer import refactor
from transformer.packages import texlive_named

FILE = """\
FROM debian:bookworm
RUN apt-get update && apt-get install -y {flags}texlive-latex-base texlive-latex-extra gcc
COPY . /src
RUN gcc -o /usr/local/bin/render /src/render.c
CMD ["render"]
"""


def test_the_runtime_takes_tex_lives_recommended_packages_as_the_original_did() -> None:
    _, runtime = stages(FILE.format(flags=""))
    assert "apt-get install -y texlive-latex-base texlive-latex-extra" in runtime, runtime
    assert "--no-install-recommends texlive" not in runtime
    changes = [str(c) for c in refactor(FILE.format(flags="")).changes]
    assert any("the runtime's install of texlive-latex-base takes the recommended packages" in c for c in changes)


def test_an_install_without_recommends_stays_without() -> None:
    _, runtime = stages(FILE.format(flags="--no-install-recommends "))
    assert "apt-get install -y --no-install-recommends texlive-latex-base texlive-latex-extra" in runtime, runtime


def test_tex_live_is_named_by_its_packages() -> None:
    assert texlive_named(["curl", "texlive-latex-extra"]) == "texlive-latex-extra"
    assert texlive_named(["texlive"]) == "texlive"
    assert texlive_named(["curl", "textlive-ish", "libtexluajit2"]) is None
