"""A -dev package the file removes after the build whose library the original still holds: GCC runs with GMP, MPFR,
MPC and ISL, so `apk del .build-deps` (or `apt-get purge --auto-remove`) of gmp-dev leaves libgmp while g++ stays
installed, and a program built against it loads it there (read18, dev 69b61880: prepair failed with `libmpfr.so.6:
cannot open shared object file` once the runtime left g++ out). apt's purge without --auto-remove leaves the
libraries whatever else is installed. The builder lists the packages whose libraries the copied outputs link (ldd),
and the runtime installs that list: only what the original holds and the program loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import rewrite_app, verified

from transformer import refactor

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "c-compiler-kept-libraries"
LISTS = "xargs -r apt-get install -y --no-install-recommends --no-upgrade < /opt/runtime-packages"


def _why(text: str) -> str:
    result = refactor(text)
    assert result.changed, result.skipped
    return "\n".join(str(c) for c in result.changes)


def test_a_library_the_compiler_keeps_is_listed_for_the_runtime() -> None:
    text = (APP / "Dockerfile").read_text()
    result = refactor(text)
    assert result.changed, result.skipped
    assert LISTS in result.text.partition(" AS runner\n")[2]
    assert "the file removes libmpfr-dev, but its library stays in the original as a dependency of g++, which " \
           "the runtime leaves out" in _why(text)


def test_a_purge_that_leaves_the_dependencies_lists_them() -> None:
    """No compiler stays, but a purge without --auto-remove leaves the libraries whatever else is there."""
    text = (APP / "Dockerfile").read_text().replace("g++ make", "make").replace("gcc -O2", "apt-get install -y g++ "
                                                                                 "&& gcc -O2")
    text = text.replace("apt-get purge -y libgmp-dev libmpfr-dev",
                        "apt-get purge -y libgmp-dev libmpfr-dev && apt-get purge -y --auto-remove g++")
    assert "the file removes libgmp-dev without the packages it depends on (no --auto-remove): its library stays " \
           "in the original" in _why(text)


def test_an_auto_remove_without_a_compiler_kept_lists_nothing() -> None:
    """With --auto-remove and no compiler left, the original holds neither the -dev packages nor their libraries."""
    text = (APP / "Dockerfile").read_text().replace("g++ make", "make").replace(
        "gcc -O2", "apt-get install -y g++ && gcc -O2").replace(
        "apt-get purge -y libgmp-dev libmpfr-dev", "apt-get purge -y --auto-remove libgmp-dev libmpfr-dev g++")
    result = refactor(text)
    assert "/opt/runtime-packages" not in result.text
    assert "the file removes" not in "\n".join(str(c) for c in result.changes)


def test_alpine_virtual_group_with_g_plus_plus_kept() -> None:
    text = ("FROM alpine:3.18\nRUN apk add --no-cache g++ make\nWORKDIR /src\nCOPY . .\n"
            "RUN apk add --no-cache --virtual .build-deps gmp-dev mpfr-dev && gcc -o /usr/local/bin/root2 root2.c "
            "-lmpfr -lgmp && apk del .build-deps\nCMD [\"root2\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "xargs -r apk add --no-cache < /opt/runtime-packages" in result.text
    assert "the file removes gmp-dev, but its library stays in the original as a dependency of g++" in \
        "\n".join(str(c) for c in result.changes)


@pytest.mark.e2e
def test_the_program_finds_the_libraries_in_the_runtime() -> None:
    """Engine: before, the runtime had neither libgmp10 nor libmpfr6 (`root2: error while loading shared libraries:
    libmpfr.so.6`); now it prints as the original does."""
    result, _, runtime = rewrite_app(APP)
    assert "g++" not in runtime and LISTS in runtime
    report = verified(APP, result.text)
    assert any("sqrt(2) = 1.41421356237309504880" in ms.output for orig, ms in report.smoke if orig.kind == "default")


def test_a_library_the_build_puts_in_place_is_not_looked_up() -> None:
    """adv-s38 3a: the program links a library the build itself writes (/usr/local/lib/libgreet.so), which the
    runtime copies as a file: its ldd line is dropped like those inside copied folders (before, dpkg-query was asked
    for its owner and stopped the build: `no path found matching pattern */local/lib/libgreet.so`, code 123)."""
    text = (APP / "Dockerfile").read_text().replace(
        "&& gcc -O2 -o /usr/local/bin/root2 root2.c -lmpfr -lgmp",
        "&& gcc -O2 -shared -fPIC -o /usr/local/lib/libgreet.so greet.c && ldconfig "
        "&& gcc -O2 -o /usr/local/bin/root2 root2.c -L/usr/local/lib -lgreet -lmpfr -lgmp")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "-e '\\|=> /usr/local/lib/libgreet.so (|d'" in result.text
    assert "COPY --from=builder /usr/local/lib/libgreet.so /usr/local/lib/libgreet.so" in result.text


def test_the_compiler_of_the_full_image_keeps_the_libraries_too() -> None:
    """adv-s38 3b: python:3.11 has GCC (buildpack-deps), whose cpp depends on libmpfr6 and libmpc3, so
    `apt-get purge --auto-remove libmpfr-dev libmpc-dev` after building gmpy2 leaves them; python:3.11-slim has
    neither (before: `ImportError: libmpc.so.3`; engine: adv's repro prints `gmpy2 1.414...` now)."""
    text = ("FROM python:3.11\nWORKDIR /app\nRUN apt-get update && apt-get install -y --no-install-recommends "
            "libmpfr-dev libmpc-dev && pip install --no-cache-dir --no-binary :all: gmpy2==2.1.5 && apt-get purge -y "
            "--auto-remove libmpfr-dev libmpc-dev && rm -rf /var/lib/apt/lists/*\nCOPY . .\n"
            "CMD [\"python\", \"app.py\"]\n")
    assert "the file removes libmpc-dev, but its library stays in the original as a dependency of the gcc " \
           "python:3.11 has" in _why(text)
    assert LISTS in refactor(text).text
    slim = text.replace("FROM python:3.11\n", "FROM python:3.11-slim\n")  # no GCC of its own: nothing stays
    assert "the file removes" not in "\n".join(str(c) for c in refactor(slim).changes)


def test_where_the_builder_cannot_list_them_the_reason_says_why() -> None:
    """gcc:8's runtime is not known to be on its release: the listing cannot serve it, and the reason names that,
    not only what the removal left (which is no cause to leave the file alone)."""
    text = ("FROM gcc:8\nWORKDIR /src\nCOPY . .\nRUN apt-get update && apt-get install -y libmpfr-dev && gcc -o "
            "/usr/local/bin/r r.c -lmpfr && apt-get purge -y --auto-remove libmpfr-dev\nCMD [\"r\"]\n")
    why = refactor(text).skipped or ""
    assert why.startswith("the file removes libmpfr-dev, but its library stays in the original as a dependency of "
                          "the gcc gcc:8 has, which the runtime leaves out: the builder would list what the copied "
                          "outputs link (ldd), but "), why
