"""The builder finds the run-time libraries with ldd where the release is unknown (transformer/linked.py): before
and after texts. Where the data cannot name a -dev package's run-time library for the image's release and the
-dev package cannot stay in the runtime, the file used to be left alone; now the builder lists the packages whose
shared libraries the copied build outputs link to, and the runtime (the same release) installs that list."""

from __future__ import annotations

import subprocess
from pathlib import Path

from transformer import refactor
from transformer.fileio import context_reader
from transformer.linked import LIST, builder_commands, can_scan, runtime_install
from transformer.shell import parse_shell

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "refactor"
RUBY = FIXTURES / "ruby-jessie-ldd"  # the shape of 15 real files: jessie-era ruby, bundle install, no Gemfile.lock
BOOST = FIXTURES / "cpp-boost-trusty-ldd"
RUBY_JESSIE = (RUBY / "Dockerfile").read_text()
RUBY_JESSIE_AFTER = (RUBY / "expected.Dockerfile").read_text()
BOOST_TRUSTY = (BOOST / "Dockerfile").read_text()
BOOST_TRUSTY_AFTER = (BOOST / "expected.Dockerfile").read_text()

GUESSED = "in case the bundle has them"
RUBY_NOTE = ("Gemfile.lock is not in the build context and ruby:2.3's release is not in the data, where the libraries "
             "of common gems with native extensions (behind default-libmysqlclient-dev) are named differently across "
             "releases: so the run-time libraries are found in the builder by ldd, which lists the packages whose "
             "shared libraries the installed gems link to, and the runtime, on the same release, installs that list")


def test_gems_on_jessie_without_a_lock_file_get_the_libraries_they_link() -> None:
    """ruby:2.3 is jessie: the mysql2 library the ruby pass assumes without Gemfile.lock is named differently
    across releases (libmariadb3, libmysqlclient20/21) and default-libmysqlclient-dev is not in xenial. It used
    to be left alone; now nothing is guessed: the list is what the installed gems link to."""
    result = refactor(RUBY_JESSIE)
    assert result.changed, result.skipped
    assert result.text == RUBY_JESSIE_AFTER
    notes = [c.message for c in result.changes]
    assert RUBY_NOTE in notes and not any(GUESSED in n for n in notes)


def test_a_lock_file_names_the_gems_and_ldd_reads_their_libraries() -> None:
    lock = "GEM\n  specs:\n    mysql2 (0.5.5)\n    rails (5.2.0)\n"
    result = refactor(RUBY_JESSIE, read_context={"Gemfile.lock": lock}.get)
    assert result.changed, result.skipped
    assert ("\nRUN apt-get update && xargs -r apt-get install -y --no-install-recommends --no-upgrade "
            "< /opt/runtime-packages && rm -rf /var/lib/apt/lists/*\n") in result.text
    assert ("the run-time libraries behind default-libmysqlclient-dev are named differently across releases and "
            "ruby:2.3's release is not in the data, so they are found in the builder by ldd: it lists the packages "
            "whose shared libraries the gems' native extensions link to, and the runtime, on the same release, "
            "installs that list") in [c.message for c in result.changes]


def test_a_cpp_program_with_boost_on_trusty() -> None:
    """libboost-all-dev pulls in gcc-12 on bookworm, so it cannot stay; trusty is not in the data: the builder
    lists what the program links to, and what libboost-all-dev's own .so links point to."""
    result = refactor(BOOST_TRUSTY, read_context=context_reader(str(BOOST)))
    assert result.changed, result.skipped
    assert result.text == BOOST_TRUSTY_AFTER
    runner = result.text.split(" AS runner\n", 1)[1]
    assert "-dev" not in runner and "g++" not in runner


def test_a_python_binding_on_an_old_python_image() -> None:
    """python:3.5 (stretch, then buster): GDAL's binding built against libgdal-dev (libgdal20, libgdal26 ...,
    and it pulls in autoconf on bookworm). The builder scans the virtual environment the runtime copies."""
    text = ("FROM python:3.5\nRUN apt-get update && apt-get install -y --no-install-recommends libgdal-dev "
            "&& rm -rf /var/lib/apt/lists/*\nWORKDIR /app\nCOPY requirements.txt .\n"
            "RUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD [\"python\", \"app.py\"]\n")
    before = refactor(text, read_context={"requirements.txt": "GDAL==2.4.0\n"}.get,
                      image_map={"python:3.5": "debian:bookworm-slim"})
    assert not before.changed and "libgdal-dev itself cannot stay in the runtime" in (before.skipped or "")
    result = refactor(text, read_context={"requirements.txt": "GDAL==2.4.0\n"}.get)
    assert result.changed, result.skipped
    builder, runner = result.text.split("FROM python:3.5-slim AS runner\n")
    assert "find /opt/venv -type f " in builder and "dpkg-query --listfiles libgdal-dev " in builder
    assert "-e '\\|=> /usr/local/|d'" in builder  # libpython of the image, which its slim variant has
    assert runner.startswith("COPY --from=builder /opt/runtime-packages /opt/runtime-packages\nRUN apt-get update "
                             "&& xargs -r apt-get install -y --no-install-recommends --no-upgrade "
                             "< /opt/runtime-packages && "
                             "rm -rf /var/lib/apt/lists/*\n")
    assert "libgdal" not in runner


def test_the_shell_is_rendered_without_pipes_and_with_apt_best_practice() -> None:
    commands = builder_commands(["/opt/venv", "/app"], ["/usr/local"])
    script = " && ".join(commands)
    parsed = parse_shell(script).commands  # no pipe: hadolint's DL4006 wants pipefail, which dash lacks
    assert [c.name for c in parsed][:3] == ["mkdir", "find", "sed"] and all(c.connector != "|" for c in parsed)
    assert "$(" not in script and "dpkg-query --listfiles" not in script
    assert commands[-2] == f"sort -u -o {LIST} /tmp/runtime-libraries/packages"
    assert runtime_install(("curl",), "DEBIAN_FRONTEND=noninteractive ") == (
        "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl && "
        "DEBIAN_FRONTEND=noninteractive xargs -r apt-get install -y --no-install-recommends --no-upgrade "
        "< /opt/runtime-packages "
        "&& rm -rf /var/lib/apt/lists/*")
    assert can_scan("/usr/local/bundle") and not can_scan("/app dir") and not can_scan("/a|b") and not can_scan("app")


STATUS = """\
Package: libcairo2-dev
Status: install ok installed
Provides: libcairo-dev (= 1.16.0-7)
Version: 1.16.0-7

Package: libfoo-dev
Provides: libbar-dev, libpango1x0-dev, libbaz-dev (= 1)

Package: libpq-dev
Version: 15.5-0+deb12u1
"""


def test_a_virtual_dev_name_gives_the_files_of_its_provider(tmp_path: Path) -> None:
    """read26 3d8ff4fb: `dpkg-query --listfiles libcairo-dev` lists nothing (libcairo2-dev provides the name), so the
    libcairo2 cairocffi loads with dlopen was not listed. The builder reads dpkg's status file for the providers."""
    status = tmp_path / "status"
    status.write_text(STATUS)
    script = " && ".join(builder_commands(["/opt/venv"], devs=["libcairo-dev", "libpango1.0-dev", "libbar-dev"]))
    sed = next(c for c in script.split(" && ") if "/var/lib/dpkg/status" in c)
    sed = sed.replace("/var/lib/dpkg/status", str(status)).replace("/tmp/runtime-libraries/providers",
                                                                  str(tmp_path / "providers"))
    subprocess.run(["sh", "-c", sed], check=True)
    # libpango1.0-dev's . is no wildcard for libpango1x0-dev
    assert (tmp_path / "providers").read_text().split() == ["libcairo2-dev", "libfoo-dev"]
    assert "xargs -r dpkg-query --listfiles < /tmp/runtime-libraries/providers >> " in script
