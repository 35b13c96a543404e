"""End-to-end: build every sample app and its refactoring on a real Docker engine, and verify.

The apps are ../shared/e2e/apps/* beside the repository (the team's) and fixtures/apps/* (this one's);
each holds a Dockerfile, its sources and smoke.json (keys: expect, run/run_expect, http,
unchanged; see shared/e2e/run.py). Skipped when ``docker info`` fails. Every build and run
uses --network host (the engine has no bridge network).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import app_aliases, zoo_alias
from e2e_apps import VERIFIED_ELSEWHERE

from transformer import refactor
from transformer.fileio import context_reader
from transformer.verify import render_table, verify_file

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
SHARED_APPS = Path(__file__).resolve().parents[2] / "shared" / "e2e" / "apps"
OWN_APPS = REPO / "fixtures" / "apps"


def _engine_problem() -> str | None:
    try:
        p = subprocess.run(["docker", "info", "--format", "{{.ServerVersion}}"], capture_output=True, text=True,
                           timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"docker info failed: {e}"
    if p.returncode != 0:
        return "docker info failed: " + (p.stderr.strip().splitlines() or ["no Docker engine"])[-1]
    return None


_PROBLEM = _engine_problem()
if _PROBLEM:
    pytest.skip(f"no Docker engine reachable, end-to-end builds skipped ({_PROBLEM})", allow_module_level=True)


def _apps() -> list[Path]:
    found = []
    for root in (SHARED_APPS, OWN_APPS):
        if root.is_dir():
            found += sorted(p for p in root.iterdir() if (p / "Dockerfile").is_file())
    return found


APPS = [app for app in _apps() if app.parent != OWN_APPS or app.name not in VERIFIED_ELSEWHERE]


def _spec(app: Path) -> dict:
    path = app / "smoke.json"
    return json.loads(path.read_text()) if path.exists() else {}


@pytest.mark.parametrize("app", APPS, ids=[f"{a.parent.parent.name}/{a.name}" for a in APPS])
def test_app_verifies(app: Path) -> None:
    spec = _spec(app)
    for name, stand_in in app_aliases(app):  # the names the app's runtime needs, as the zoo's images
        zoo_alias(name, stand_in)
    text = (app / "Dockerfile").read_text()
    result = refactor(text, read_context=context_reader(str(app)))
    if spec.get("unchanged"):
        assert not result.changed and result.text == text, "the refactoring must leave this file unchanged"
    http = None
    if "http" in spec:
        http = f"{spec['http']['port']}{spec['http'].get('path', '/')}"
    timeout = 60 if http or spec.get("run") else 90
    report = verify_file(app / "Dockerfile", app, result_text=result.text, smoke=spec.get("run"), http=http,
                         timeout=timeout)
    table = render_table(report)
    print(table)
    assert report.ok, table
    for pair in report.smoke:
        orig, ms = pair
        if orig.kind == "default" and "expect" in spec:
            assert spec["expect"] in ms.output, table
        if orig.kind == "smoke":
            assert spec.get("run_expect", "") in ms.output, table
        if orig.kind == "http":
            assert spec["http"].get("expect", "") in ms.body, table
    if result.changed:
        assert report.size_result is not None and report.size_original is not None, table
        assert report.size_result <= report.size_original, table


def test_verify_names_the_missing_libpq(tmp_path: Path) -> None:
    """The must-show case: drop libpq5 from a correct result and verify must fail on the import."""
    app = SHARED_APPS / "py-psycopg2"
    if not app.is_dir():
        pytest.skip(f"{app} is missing")
    good = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app))).text
    head, sep, runtime = good.rpartition("\nFROM ")
    assert sep and "libpq5" in runtime, f"the runtime stage should install libpq5:\n{good}"
    broken = head + sep + re.sub(r"[ \t]*\blibpq5\b", "", runtime)
    assert "libpq5" not in broken
    result_file = tmp_path / "Dockerfile.ms"
    result_file.write_text(broken)
    p = subprocess.run([sys.executable, "-c", "from transformer.cli import main; main()", "verify",
                        str(app / "Dockerfile"), "--result", str(result_file), "--timeout", "60"],
                       capture_output=True, text=True, timeout=1800)
    print(p.stdout, p.stderr)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "FAIL: smoke default" in p.stdout
    assert "ImportError" in p.stdout and "libpq" in p.stdout
    assert "verdict: FAILED (smoke default" in p.stdout


def test_batch_verify_adds_real_build_figures_to_the_reports(tmp_path: Path) -> None:
    """`msrefactor batch --verify` builds every changed file and puts the figures in both reports."""
    import json
    import shutil

    if not SHARED_APPS.is_dir():
        pytest.skip(f"{SHARED_APPS} is missing")
    for name in ("c-make", "go-stdlib"):
        shutil.copytree(SHARED_APPS / name, tmp_path / "repos" / name)
    report, markdown = tmp_path / "report.json", tmp_path / "pr.md"
    p = subprocess.run(["msrefactor", "batch", str(tmp_path / "repos"), "--verify", "-j", "1",
                        "--report", str(report), "--markdown", str(markdown)],
                       capture_output=True, text=True, timeout=1800)
    assert p.returncode == 0, p.stderr
    files = json.loads(report.read_text())["files"]
    assert len(files) == 2
    for f in files:
        assert f["status"] == "changed"
        assert f["verify"]["ok"] is True, f["verify"]
        assert 0 < f["verify"]["ratio"] < 0.2
    assert markdown.read_text().count("Verified on a real build") == 2
    assert "verified on Docker" in p.stdout


def test_a_chown_after_the_build_stores_the_copied_folder_once(tmp_path: Path) -> None:
    """fixtures/apps/c-chown-after-build: the runtime copies /src as app:app and repeats the chown without -R, so
    the chown's layer holds no copy of the folder (with -R it held the 16.9 kB the copy brings a second time)."""
    app = OWN_APPS / "c-chown-after-build"
    result = refactor((app / "Dockerfile").read_text(), read_context=context_reader(str(app)))
    assert "COPY --from=builder --chown=app:app /src /src" in result.text, result.text
    dockerfile = tmp_path / "Dockerfile.ms"
    dockerfile.write_text(result.text)
    tag = "msrefactor-e2e-chown-after-build"
    subprocess.run(["docker", "build", "--network", "host", "-q", "-t", tag, "-f", str(dockerfile), str(app)],
                   check=True, capture_output=True, timeout=1200)
    try:
        history = subprocess.run(["docker", "history", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", tag],
                                 check=True, capture_output=True, text=True, timeout=60).stdout
    finally:
        subprocess.run(["docker", "rmi", "-f", tag], capture_output=True, timeout=120)
    chown = [line for line in history.splitlines() if "chown" in line.split("\t", 1)[1] and "COPY" not in line]
    assert chown and all(line.split("\t")[0] == "0B" for line in chown), history
