"""Perl modules (``cpanm``, ``cpan``) and R packages (``install.packages``, ``install2.r``, ``R CMD INSTALL``)
installed into the image's own Perl or R, whose site libraries lie under /usr/local among the image's own files:
tracked (see tests/test_native_tracked.py), on images with GNU's find. The builder keeps the installers' work
folders (~/.cpanm, ~/.cpan) out of its check and of the runtime; the runtime installs the distribution's perl or
R when the file installed it, without cpanminus, the compiler and the -dev packages. R code is read only when it
is made of install calls; anything else keeps the reason that names R.
"""

from __future__ import annotations

import pytest

from transformer import refactor

BEFORE = "mkdir -p /opt/staged && touch /tmp/install.stamp && sleep 1 && "
COPY = ("find /usr/local -cnewer /tmp/install.stamp ! -type d -printf '%P\\n' > /tmp/install.list && "
        "tar -C /usr/local -cf /tmp/install.tar -T /tmp/install.list && mkdir -p /opt/staged/usr/local && "
        "tar -C /opt/staged/usr/local -xpf /tmp/install.tar")
STAGED = "COPY --from=builder /opt/staged /"


def _check(pruned: str) -> str:
    return (f"find / -xdev \\( {pruned} \\) -prune -o -cnewer /tmp/install.stamp ! -type d ! -name '*.pyc' "
            "-print -exec false {} + || exit 1; }")


def _app(image: str, packages: str, run: str, env: str = "") -> str:
    apt = (f"RUN apt-get update && apt-get install -y --no-install-recommends {packages} "
           "&& rm -rf /var/lib/apt/lists/*\n") if packages else ""
    return f"FROM {image}\n{env}{apt}RUN {run}\nWORKDIR /app\nCOPY app .\nCMD [\"./app\"]\n"


def test_cpanm_on_debian_perl_is_tracked_and_the_runtime_has_perl_without_cpanminus() -> None:
    result = refactor(_app("debian:bookworm", "cpanminus make gcc libc6-dev", "cpanm -vn Mojolicious"))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    pruned = "-path /opt/staged -o -path /root/.cpan -o -path /root/.cpanm -o -path /tmp -o -path /usr/local " \
             "-o -path /var/tmp"
    assert f"RUN {BEFORE}cpanm -vn Mojolicious && {{ {COPY} && {_check(pruned)}\n" in builder
    assert STAGED in runtime
    assert "install -y --no-install-recommends perl " in runtime
    assert "cpanminus" not in runtime and "gcc" not in runtime
    explained = "\n".join(str(c) for c in result.changes)
    assert "cpanminus, which installed the modules, stays in the builder" in explained


def test_cpan_on_a_debian_image_with_its_perl_is_tracked() -> None:
    result = refactor(_app("debian:bookworm", "perl make", "cpan -i Term::Animation"))
    assert result.changed, result.skipped
    assert f"{BEFORE}cpan -i Term::Animation && {{ {COPY}" in result.text


def test_cpanm_of_the_build_folder_leaves_that_folder_out_of_the_check() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y cpanminus make\nWORKDIR /src\n"
            "COPY . .\nRUN cpanm --installdeps . && cpanm --notest .\nCMD [\"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "-o -path /src -o -path /tmp" in result.text and result.text.count(BEFORE) == 2


@pytest.mark.parametrize(("image", "env", "run", "why"), [
    ("alpine:3.18", "", "apk add --no-cache perl-app-cpanminus make && cpanm -n Mojolicious",
     "`cpanm -n Mojolicious` installs Perl modules into the Perl's site library under /usr/local, among the "
     "image's own files: what it added cannot be copied apart; not tracked either: the tool finds what an install "
     "added with GNU find's -cnewer, and alpine:3.18 may not have it (its find is busybox's"),
    ("debian:bookworm", "ENV PERL_MM_OPT=INSTALL_BASE=/opt/perl5\n", "cpanm -n Mojolicious",
     "`cpanm -n Mojolicious` installs Perl modules where PERL_MM_OPT says"),
    ("debian:bookworm", "", "cpanm -l /opt/lib Mojolicious",
     "`cpanm -l /opt/lib Mojolicious` is given the option `-l`, which the tool does not read (`-l`, `-L`: "
     "a local::lib), so where it installs the Perl modules is not known"),
    ("debian:bookworm", "", "cpanm -n Mojolicious | tee log",
     "not tracked either: the command is in a pipeline"),
    ("debian:bookworm", "ENV PATH=/opt/perl/bin:$PATH\n", "cpanm -n Mojolicious",
     "`cpanm -n Mojolicious` installs Perl modules into the library of the perl found on PATH, which names "
     "/opt/perl/bin: that perl may not be the image's own"),
])
def test_a_perl_install_that_cannot_be_tracked_is_left_alone(image: str, env: str, run: str, why: str) -> None:
    result = refactor(_app(image, "", run, env))
    assert not result.changed, result.text
    assert why in (result.skipped or ""), result.skipped


def test_install_packages_on_r_base_is_tracked_and_the_runtime_lists_the_libraries_by_ldd() -> None:
    run = "R -e \"install.packages(c('xml2', 'httr'), repos='https://cloud.r-project.org')\""
    result = refactor(_app("r-base:4.3.1", "libxml2-dev libcurl4-openssl-dev", run))
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    assert f"RUN {BEFORE}{run} && {{ {COPY} && " in builder
    assert "find /opt/staged -type f" in builder  # the run-time libraries of what was copied, by ldd
    assert runtime.startswith(" \nCOPY --from=builder /opt/runtime-packages") or "/opt/runtime-packages" in runtime
    assert STAGED in runtime and "libxml2-dev" not in runtime


def test_debian_r_with_install2_r_and_r_cmd_install_is_tracked_and_the_runtime_installs_r() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends r-base-core "
            "r-cran-littler build-essential libxml2-dev && rm -rf /var/lib/apt/lists/*\n"
            "RUN install2.r --error -n 2 xml2\nWORKDIR /src\nCOPY . .\nRUN R CMD INSTALL .\n"
            "CMD [\"Rscript\", \"-e\", \"mypkg::main()\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    builder, _, runtime = result.text.partition("AS runner")
    assert f"{BEFORE}install2.r --error -n 2 xml2 && {{ {COPY}" in builder
    assert f"{BEFORE}R CMD INSTALL . && {{ {COPY}" in builder and "-o -path /src -o -path /tmp" in builder
    assert "r-base-core" in runtime and "libxml2 " in runtime + " " and "build-essential" not in runtime


@pytest.mark.parametrize("code", [
    "if (!requireNamespace('BiocManager', quietly = TRUE)) install.packages('BiocManager'); "
    "BiocManager::install('Biostrings')",
    "options(repos = c(CRAN = 'https://cloud.r-project.org')); remotes::install_github('r-lib/rlang')",
])
def test_r_code_made_of_install_calls_is_tracked(code: str) -> None:
    result = refactor(_app("r-base:4.3.1", "libxml2-dev", f'Rscript -e "{code}"'))
    assert result.changed, result.skipped
    assert BEFORE + "Rscript -e" in result.text


@pytest.mark.parametrize(("image", "env", "run", "why"), [
    ("r-base:4.3.1", "", "Rscript -e \"source('setup.R')\"",
     "`Rscript` runs R code at build time that is not made of package installs alone"),
    ("r-base:4.3.1", "", "R -e \"install.packages('xml2', lib='/opt/R')\"", "`R` runs R code at build time"),
    ("r-base:4.3.1", "", "Rscript packages.R", "`Rscript` runs R code at build time"),
    ("r-base:4.3.1", "ENV R_LIBS_USER=/opt/R\n", "install2.r xml2",
     "`install2.r xml2` installs R packages into the library R_LIBS_USER names"),
    ("debian:bookworm", "ENV PATH=/opt/conda/bin:$PATH\n", "R -e \"install.packages('xml2')\"",
     "installs R packages into the library of the R found on PATH, which names /opt/conda/bin"),
    ("acme/r-ver:4.3.1", "", "install2.r --error xml2",  # rocker/r-ver:4.3.1 is known: FROM ubuntu:jammy
     "not tracked either: the tool finds what an install added with GNU find's -cnewer, and acme/r-ver:4.3.1 "
     "may not have it (it is not known as Debian or Ubuntu"),
])
def test_an_r_install_the_tool_does_not_read_or_track_is_left_alone(image: str, env: str, run: str,
                                                                     why: str) -> None:
    result = refactor(_app(image, "", run, env))
    assert not result.changed, result.text
    assert why in (result.skipped or ""), result.skipped


@pytest.mark.parametrize(("workdir", "code", "tree"), [
    ("/app", "devtools::install()", "/app"),
    ("/", "install.packages('/src/pkg', repos = NULL, type = 'source')", "/src/pkg"),
    ("/app", "remotes::install_local('./pkg')", "/app/pkg"),
])
def test_r_code_that_builds_a_package_folder_leaves_that_folder_out_of_the_check(workdir: str, code: str,
                                                                                 tree: str) -> None:
    text = (f"FROM r-base:4.3.1\nRUN apt-get update && apt-get install -y libxml2-dev\nWORKDIR {workdir}\n"
            f"COPY . /src\nRUN R -e \"{code}\"\nCMD [\"Rscript\", \"-e\", \"pkg::main()\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    check = result.text.split("find / -xdev", 1)[1].split("-prune", 1)[0]
    assert f"-path {tree} -o" in check
