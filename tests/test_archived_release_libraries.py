"""A runtime on a release apt no longer finds (python:3.7-slim-buster, node:8-slim on stretch: moved to the Debian
archive), for a file that runs no apt itself: the builder, of the same release, copies the shared libraries the
runtime's files link to (ldd) into /opt/runtime-libraries, which the runtime copies to / and runs ldconfig, rather
than listing their packages for an `apt-get update` that would fail (skip1 R3: dev 38b11a71, 16834b90, 76cb454c,
4f96dd23). A runtime that needs a package by name (git) is still left alone. The e2e fixture
py-psycopg2-archived-release builds it on the engine (tests/test_e2e.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from transformer import linked, refactor

APP = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "py-psycopg2-archived-release"
PSYCOPG2 = {"requirements.txt": "psycopg2==2.9.9\n"}.get


def _runtime(text: str) -> str:
    return text[text.rindex("\nFROM "):]


def test_the_runtime_copies_the_libraries_the_builder_found() -> None:
    result = refactor((APP / "Dockerfile").read_text(), read_context=PSYCOPG2)
    assert result.changed, result.skipped
    runtime = _runtime(result.text)
    assert "FROM python:3.7-slim-buster AS runner" in runtime
    assert "COPY --from=builder /opt/runtime-libraries/ /\nRUN ldconfig\n" in runtime
    assert "apt-get" not in result.text
    assert "find /opt/venv -type f" in result.text and "dpkg-query --listfiles" in result.text
    assert any("moved to the archive" in c.message and "copies the packages of the shared libraries" in c.message
               for c in result.changes), [c.message for c in result.changes]


def test_a_release_apt_still_finds_lists_the_packages() -> None:
    text = (APP / "Dockerfile").read_text().replace("python:3.7-buster", "python:3.11-bookworm")
    result = refactor(text, read_context=PSYCOPG2)
    assert result.changed, result.skipped
    # bookworm's libpq5 is known by name: apt installs it, nothing is copied
    assert "/opt/runtime-libraries" not in result.text
    assert "apt-get install -y --no-install-recommends libpq5" in _runtime(result.text)


def test_a_package_by_name_is_still_left_alone() -> None:
    text = (APP / "Dockerfile").read_text().replace('CMD ["python", "app.py"]',
                                                     'CMD ["sh", "-c", "git pull && python app.py"]')
    result = refactor(text, read_context=PSYCOPG2)
    assert not result.changed
    assert "would install git with apt" in (result.skipped or "") and "moved to the archive" in (result.skipped or "")


@pytest.mark.skipif(shutil.which("ldd") is None or shutil.which("dpkg-query") is None
                    or not os.path.exists("/usr/bin/curl"), reason="needs ldd, dpkg and curl")
def test_the_copy_takes_whole_packages_at_real_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the commands run here, on this machine's own libraries: a program copied into an app folder, as a build's
    monkeypatch.setattr(linked, "LIBRARIES", str(tmp_path / "out"))
    monkeypatch.setattr(linked, "_SCRATCH", str(tmp_path / "scratch"))
    app = tmp_path / "app"
    app.mkdir()
    shutil.copy("/usr/bin/curl", app / "curl")
    script = " && ".join(linked.copy_commands([str(app)], ["/usr/local"]))
    subprocess.run(["sh", "-c", script], check=True, timeout=120)
    out = tmp_path / "out"
    copied = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() or p.is_symlink()}
    names = {c.rsplit("/", 1)[-1] for c in copied}
    assert "libcurl.so.4" in names, copied
    # the C library is the runtime's own, and documentation stays behind
    assert not names & {"libc.so.6", "libm.so.6"} and not any(n.startswith("ld-linux") for n in names), copied
    assert not any("/share/doc/" in c for c in copied), copied
    # whole packages: openssl's engines (plugins it loads with dlopen, read29/rp14's libmariadb3 plugin class)
    assert any("/engines-3/" in c for c in copied), copied
    real = os.path.realpath("/lib/x86_64-linux-gnu")  # each under its folder's real path (/lib is usr/lib, merged)
    link = out / real.lstrip("/") / "libcurl.so.4"
    assert link.exists(), copied  # a link, kept, whose target came too
    assert not (tmp_path / "scratch").exists()
