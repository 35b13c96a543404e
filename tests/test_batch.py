"""``msrefactor batch``: discovery, parallel runs, reports, --write and --git-branch."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import transformer.batch as batch_module
from transformer.batch import Found, Settings, discover, is_dockerfile_name, iter_discover, run_all
from transformer.cli import main
from transformer.report import Outcome
from transformer.verify import DockerCLI

APPS = Path(__file__).resolve().parents[2] / "shared" / "e2e" / "apps"  # the team's, beside the repository
FALLBACK = Path(__file__).resolve().parent.parent / "fixtures" / "refactor"
SCRIPT = shutil.which("msrefactor") or str(Path(sys.executable).parent / "msrefactor")
BROKEN = "FROM alpine\nENV ONLYKEY\nCMD [\"sh\"]\n"


def sample_dockerfiles() -> dict[str, Path]:
    """name -> a sample Dockerfile (the e2e apps, or the refactor fixtures' inputs)."""
    base = APPS if APPS.is_dir() else FALLBACK
    found = {p.parent.name: p for p in sorted(base.glob("*/Dockerfile"))}
    if len(found) < 3:
        pytest.skip("no sample Dockerfiles")
    return found


def git(root: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, text=True,
                          env=env).stdout


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """tmp/src/<app>/Dockerfile (+ its context files) for every sample app, and broken/Dockerfile."""
    src = tmp_path / "src"
    for name, dockerfile in sample_dockerfiles().items():
        shutil.copytree(dockerfile.parent, src / name, ignore=shutil.ignore_patterns("expected*"))
    (src / "broken").mkdir()
    (src / "broken" / "Dockerfile").write_text(BROKEN)
    return src


def statuses(report: dict[str, Any]) -> dict[str, str]:
    return {f["path"]: f["status"] for f in report["files"]}


def test_names() -> None:
    for yes in ("Dockerfile", "dockerfile", "Containerfile", "api.Dockerfile", "x.dockerfile", "Dockerfile.dev",
                "Dockerfile.prod", "Dockerfile-dev", "Dockerfile-prod", "Dockerfile_stage", "Containerfile-ci"):
        assert is_dockerfile_name(yes), yes
    for no in (".dockerignore", "Dockerfile.dockerignore", "Dockerfile.md", "README", "Dockerfile.j2",
               "docker-compose.yml", "Dockerfile.sh", "Dockerfile-dev.md", "Dockerfile_template.j2", "Dockerfiles",
               "dockerfile-lint.yml", "dockerfile_test.go", "dockerfile-parser.js"):
        assert not is_dockerfile_name(no), no


def test_discovery_skips_vendor_folders_and_dockerignore(tmp_path: Path) -> None:
    for rel in ("a/Dockerfile", "a/api.Dockerfile", "a/Dockerfile.dev", "a/Containerfile", "a/.dockerignore",
                "a/Dockerfile.dockerignore", "node_modules/x/Dockerfile", "vendor/y/Dockerfile", "c/.git/Dockerfile",
                "b/c/Dockerfile", "b/notes.txt"):
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("FROM alpine\n")
    found, missing = discover([str(tmp_path), str(tmp_path / "a" / "Dockerfile"), str(tmp_path / "nothing")])
    relpaths = sorted(os.path.relpath(f.path, tmp_path) for f in found)
    assert relpaths == ["a/Containerfile", "a/Dockerfile", "a/Dockerfile.dev", "a/api.Dockerfile", "b/c/Dockerfile"]
    assert missing == [str(tmp_path / "nothing")]
    # not in git: grouped by the top folder under the argument
    assert {f.group for f in found} == {str(tmp_path / "a"), str(tmp_path / "b")}
    assert {f.relpath for f in found if f.group.endswith("b")} == {"c/Dockerfile"}


def test_discovery_is_a_stream(tmp_path: Path) -> None:
    """The walk hands out each file as it finds it: a folder not walked yet is read only when reached."""
    for rel in ("a/Dockerfile", "b/Dockerfile"):
        (tmp_path / rel).parent.mkdir(parents=True)
        (tmp_path / rel).write_text("FROM alpine\n")
    missing: list[str] = []
    stream = iter_discover([str(tmp_path), str(tmp_path / "gone")], missing)
    first = next(stream)
    assert first.path == str(tmp_path / "a" / "Dockerfile")
    (tmp_path / "b" / "Containerfile").write_text("FROM alpine\n")  # appears after the walk began
    rest = [f.path for f in stream]
    assert rest == [str(tmp_path / "b" / "Containerfile"), str(tmp_path / "b" / "Dockerfile")]
    assert missing == [str(tmp_path / "gone")]


def test_workers_start_before_the_walk_ends(tree: Path) -> None:
    """With -j2 the first files are refactored (here: written) while the walk is still going."""
    files, _ = discover([str(tree)])
    changing = [f for f in files if "broken" not in f.path]
    before = {f.path: Path(f.path).read_bytes() for f in changing}
    seen_written = []

    def slow_walk() -> Iterator[Found]:
        yield from changing[:2]  # the first chunk
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(Path(f.path).read_bytes() != before[f.path]
                                                      for f in changing[:2]):
            time.sleep(0.05)
        seen_written.append(any(Path(f.path).read_bytes() != before[f.path] for f in changing[:2]))
        yield from changing[2:]

    outcomes: list[Outcome] = []
    settings = Settings(overrides={}, config_file=None, want_diff=False, keep_text=False, write=True)
    run_all(slow_walk(), settings, 2, outcomes.append)
    assert seen_written == [True]
    assert sorted(o.path for o in outcomes) == sorted(f.path for f in changing)
    assert any(o.written for o in outcomes)


def test_batch_diff_names_each_file_from_where_it_runs(tree: Path) -> None:
    """Over many repositories one diff: each file is named by its path from the current folder (as black's and
    ruff's --diff do), not inside its repository (before: every repository's hunks were `--- a/Dockerfile`, so
    nothing said which repository a hunk was for, and `git apply` run here could not apply them)."""
    r = subprocess.run([SCRIPT, "batch", "src", "--diff", "-j", "1", "--no-summary"], capture_output=True,
                       cwd=tree.parent)  # bytes: a CRLF file's diff keeps its CRs
    heads = re.findall(r"^--- a/(.+)$", r.stdout.decode(), re.M)
    assert len(heads) >= 3 and all(h.startswith("src/") and h.endswith("/Dockerfile") for h in heads), heads
    assert len(set(heads)) == len(heads)
    before = {p: p.read_bytes() for p in tree.rglob("Dockerfile")}
    applied = subprocess.run(["git", "apply", "-"], input=r.stdout, capture_output=True, cwd=tree.parent)
    assert applied.returncode == 0, applied.stderr.decode()
    assert sum(p.read_bytes() != before[p] for p in before) == len(heads)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_reports(tree: Path, tmp_path: Path, jobs: str) -> None:
    report, markdown = tmp_path / "report.json", tmp_path / "pr.md"
    before = {p: p.read_bytes() for p in tree.rglob("*Dockerfile")}
    r = CliRunner().invoke(main, ["batch", str(tree), "-j", jobs, "--report", str(report), "--markdown",
                                  str(markdown)])
    assert r.exit_code == 2, r.output  # the broken file
    assert {p: p.read_bytes() for p in tree.rglob("*Dockerfile")} == before  # no --write: nothing written
    data = json.loads(report.read_text())
    st = statuses(data)
    assert len(st) == len(before)
    assert st[str(tree / "broken" / "Dockerfile")] == "error"
    broken = next(f for f in data["files"] if f["status"] == "error")
    assert broken["error"] == f"{tree / 'broken' / 'Dockerfile'}:2:1: ENV must have two arguments"
    changed = [f for f in data["files"] if f["status"] == "changed"]
    assert len(changed) >= 3
    assert all(f["reasons"] and f["reasons"][0]["message"] for f in changed)
    skipped = [f for f in data["files"] if f["status"] == "skipped"]
    assert all(f["skip_reason"] for f in skipped)
    assert data["summary"]["changed"] == len(changed) and data["summary"]["error"] == 1
    assert data["exit_code"] == 2
    # one line per file entry (grep-able), as json's C encoder writes them
    assert sum(line.startswith('    {"path": ') for line in report.read_text().splitlines()) == len(before)
    # the error line, once, on stderr
    assert r.stderr.count("ENV must have two arguments") == 1
    # summary table on stdout
    assert re.search(rf"^would change\s+{len(changed)}$", r.stdout, re.M)
    assert re.search(r"^errors\s+1$", r.stdout, re.M)
    assert re.search(rf"^total\s+{len(before)}$", r.stdout, re.M)
    # pull-request bodies: one per top folder with changes, the reasons and the diff
    md = markdown.read_text()
    assert md.count("# Multi-stage Dockerfiles: ") == len(changed)
    assert md.count("```diff\n--- a/Dockerfile\n+++ b/Dockerfile\n") == len(changed)
    for f in changed:
        assert f["reasons"][0]["message"] in md


def test_jobs_give_the_same_report(tree: Path, tmp_path: Path) -> None:
    reports = []
    for jobs in ("1", "2"):
        out = tmp_path / f"r{jobs}.json"
        CliRunner().invoke(main, ["batch", str(tree), "-q", "-j", jobs, "--report", str(out)])
        reports.append(json.loads(out.read_text())["files"])
    assert reports[0] == reports[1]


def test_check_exit_codes(tree: Path) -> None:
    r = subprocess.run([SCRIPT, "batch", "--check", str(tree)], capture_output=True, text=True)
    assert r.returncode == 2  # the broken file wins
    shutil.rmtree(tree / "broken")
    r = subprocess.run([SCRIPT, "batch", "--check", str(tree)], capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    r = subprocess.run([SCRIPT, "batch", str(tree)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr  # a dry run is no failure
    multi = tree.parent / "multi"
    multi.mkdir()
    (multi / "Dockerfile").write_text("FROM golang AS b\nRUN go build\nFROM scratch\nCOPY --from=b /x /x\n")
    r = subprocess.run([SCRIPT, "batch", "--check", str(multi)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_write_and_quiet(tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    some = sorted(tree.glob("*/Dockerfile"))[0]
    some.chmod(0o600)
    r = subprocess.run([SCRIPT, "batch", str(tree), "--write", "-q", "-j", "2", "--report", str(report)],
                       capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stdout == ""  # quiet: no summary
    assert r.stderr.count("\n") == 1 and "ENV must have two arguments" in r.stderr
    data = json.loads(report.read_text())
    assert any(f["status"] == "changed" for f in data["files"])
    for f in data["files"]:
        text = Path(f["path"]).read_text()
        if f["status"] == "changed":
            assert f["written"] is True
            assert text.upper().count("FROM ") >= 2
        elif f["path"].endswith("broken/Dockerfile"):
            assert text == BROKEN
    assert not list(tree.rglob("*.msrefactor.tmp"))
    assert some.stat().st_mode & 0o777 == 0o600
    # a second run finds nothing left to do
    shutil.rmtree(tree / "broken")
    r = subprocess.run([SCRIPT, "batch", "--check", "-q", str(tree)], capture_output=True, text=True)
    assert (r.returncode, r.stderr) == (0, "")


def test_check_and_write_conflict(tree: Path) -> None:
    r = CliRunner().invoke(main, ["batch", "--check", "--write", str(tree)])
    assert r.exit_code == 2 and "--check" in r.output


def test_missing_path_is_an_error_but_others_run(tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "nope"), str(tree / "broken" / ".." / ".."),
                                  "--report", str(report)])
    assert r.exit_code == 2
    assert "nope: No such file or directory" in r.stderr
    assert len(json.loads(report.read_text())["files"]) == len(list(tree.rglob("Dockerfile")))


def test_config_applies_per_file(tree: Path, tmp_path: Path) -> None:
    names = sample_dockerfiles()
    app = next(n for n in names if n.startswith("py")) if any(n.startswith("py") for n in names) else None
    if app is None:
        pytest.skip("no python sample")
    (tree / app / ".msrefactor.toml").write_text('stage_names = { runtime = "final" }\n')
    report = tmp_path / "r.json"
    CliRunner().invoke(main, ["batch", str(tree), "--write", "-q", "--report", str(report)])
    assert " AS final" in (tree / app / "Dockerfile").read_text()
    others = [p for p in tree.glob("*/Dockerfile") if p.parent.name not in (app, "broken")]
    assert not any(" AS final" in p.read_text() for p in others)


# --- --git-branch ---------------------------------------------------------------------------------------------------

@pytest.fixture
def repos(tree: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Two git repositories with sample Dockerfiles: clean/ (on branch main, plus branch other) and dirty/."""
    samples = sorted(p for p in tree.glob("*/Dockerfile") if p.parent.name != "broken")
    out = []
    for name, chosen in (("clean", samples[: len(samples) // 2 + 1]), ("dirty", samples[len(samples) // 2 + 1:])):
        root = tmp_path / name
        root.mkdir()
        git(root, "init", "-q", "-b", "main")
        for dockerfile in chosen:
            shutil.copytree(dockerfile.parent, root / dockerfile.parent.name)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", "initial")
        git(root, "branch", "other")
        out.append(root)
    (out[1] / "notes.txt").write_text("uncommitted\n")
    return out[0], out[1]


def test_git_branch(repos: tuple[Path, Path], tmp_path: Path) -> None:
    clean, dirty = repos
    head = git(clean, "rev-parse", "HEAD").strip()
    other = git(clean, "rev-parse", "other").strip()
    dirty_head = git(dirty, "rev-parse", "HEAD").strip()
    before = {p: p.read_bytes() for root in repos for p in root.rglob("Dockerfile") if ".git" not in p.parts}
    report = tmp_path / "r.json"
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    r = subprocess.run([SCRIPT, "batch", str(clean), str(dirty), "--git-branch", "msrefactor/multistage",
                        "--report", str(report)], capture_output=True, text=True, env=env)
    assert r.returncode == 2, r.stderr  # the dirty repository was refused
    assert f"msrefactor: {dirty}: the work tree has uncommitted changes" in r.stderr
    # clean: one new commit on the new branch, from HEAD, listing the reasons
    assert git(clean, "rev-list", "--count", "main..msrefactor/multistage").strip() == "1"
    assert git(clean, "rev-parse", "msrefactor/multistage~1").strip() == head
    assert git(clean, "symbolic-ref", "--short", "HEAD").strip() == "main"  # back where the user was
    assert git(clean, "rev-parse", "main").strip() == head
    assert git(clean, "rev-parse", "other").strip() == other  # other branches untouched
    assert git(clean, "status", "--porcelain") == ""
    message = git(clean, "log", "-1", "--format=%B", "msrefactor/multistage")
    data = json.loads(report.read_text())
    changed_clean = [f for f in data["files"] if f["status"] == "changed" and f["path"].startswith(str(clean))]
    assert changed_clean
    committed = git(clean, "diff", "--name-only", "main", "msrefactor/multistage").split()
    assert sorted(committed) == sorted(os.path.relpath(f["path"], clean) for f in changed_clean)
    for f in changed_clean:
        assert os.path.relpath(f["path"], clean) + ":" in message
        assert f["reasons"][0]["message"] in message
        new = git(clean, "show", f"msrefactor/multistage:{os.path.relpath(f['path'], clean)}")
        assert new.upper().count("FROM ") >= 2
    # the work trees are as they were
    assert {p: p.read_bytes() for p in before} == before
    # dirty: refused, nothing written, no branch
    assert git(dirty, "rev-parse", "HEAD").strip() == dirty_head
    assert "msrefactor/multistage" not in git(dirty, "branch", "--list")
    repos_report = {r["root"]: r for r in data["repositories"]}
    assert repos_report[str(clean)]["status"] == "committed"
    assert repos_report[str(clean)]["commit"] == git(clean, "rev-parse", "msrefactor/multistage").strip()
    assert repos_report[str(dirty)]["status"] == "refused"


def test_git_branch_refuses_an_existing_branch(repos: tuple[Path, Path]) -> None:
    clean, _ = repos
    other = git(clean, "rev-parse", "other").strip()
    r = CliRunner().invoke(main, ["batch", str(clean), "--git-branch", "other", "-q"])
    assert r.exit_code == 2
    assert "branch other already exists" in r.stderr
    assert git(clean, "rev-parse", "other").strip() == other
    assert git(clean, "status", "--porcelain") == ""


def test_git_branch_failed_commit_puts_everything_back(repos: tuple[Path, Path]) -> None:
    clean, _ = repos
    hook = clean / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 1\n")
    hook.chmod(0o755)
    before = {p: p.read_bytes() for p in clean.rglob("Dockerfile") if ".git" not in p.parts}
    r = CliRunner().invoke(main, ["batch", str(clean), "--git-branch", "mr", "-q"])
    assert r.exit_code == 2
    assert "nothing committed" in r.stderr
    assert "mr" not in git(clean, "branch", "--list", "mr")
    assert git(clean, "symbolic-ref", "--short", "HEAD").strip() == "main"
    assert git(clean, "status", "--porcelain") == ""
    assert {p: p.read_bytes() for p in before} == before


def test_git_branch_from_detached_head(repos: tuple[Path, Path]) -> None:
    clean, _ = repos
    head = git(clean, "rev-parse", "HEAD").strip()
    git(clean, "checkout", "-q", "--detach")
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@e", "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@e"}
    r = CliRunner().invoke(main, ["batch", str(clean), "--git-branch", "mr", "-q"], env=env)
    assert r.exit_code == 0, r.output
    assert git(clean, "rev-parse", "HEAD").strip() == head
    assert subprocess.run(["git", "-C", str(clean), "symbolic-ref", "-q", "HEAD"]).returncode != 0
    assert git(clean, "rev-parse", "mr~1").strip() == head


def test_interrupt_leaves_no_half_written_file(tree: Path) -> None:
    import signal
    import time

    shutil.rmtree(tree / "broken")
    originals = {}
    for i in range(60):  # enough files that the run is still going when it is stopped
        for src in sorted(tree.glob("*/Dockerfile")):
            dest = tree / f"copy{i}" / src.parent.name / "Dockerfile"
            dest.parent.mkdir(parents=True)
            shutil.copyfile(src, dest)
            originals[dest] = src.read_bytes()  # read now: the batch rewrites the sources too
    proc = subprocess.Popen([SCRIPT, "batch", str(tree), "--write", "-q", "-j", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(1.0)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    # 130: stopped by the signal; 0: it finished first; -SIGTERM: killed before its handler was set up
    assert proc.returncode in (130, 0, -signal.SIGTERM), err
    assert "Traceback" not in err
    assert not list(tree.rglob("*.tmp"))
    from transformer import refactor
    from transformer.fileio import context_reader

    written = 0
    for dest, before in originals.items():
        after = refactor(before.decode(), read_context=context_reader(str(dest.parent))).text.encode()
        data = dest.read_bytes()
        assert data in (before, after), dest  # untouched, or the whole new text: never a part
        written += data != before
    assert written > 0 or proc.returncode in (130, -signal.SIGTERM)


_real_process = batch_module._process


def _dies_on_broken(found: Found) -> Outcome:
    """A worker that dies (as on a crash in a C extension) on the broken file."""
    if "broken" in found.path:
        os._exit(3)
    return _real_process(found)


def test_a_worker_that_dies_costs_only_its_file(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch_module, "_process", _dies_on_broken)  # forked workers inherit it
    files, _ = discover([str(tree)])
    outcomes: list[Outcome] = []
    settings = Settings(overrides={}, config_file=None, want_diff=False, keep_text=False, write=False)
    run_all(files, settings, 2, outcomes.append)
    by_path = {o.path: o for o in outcomes}
    assert sorted(by_path) == sorted(f.path for f in files)
    broken = by_path[str(tree / "broken" / "Dockerfile")]
    assert broken.status == "error" and "the worker process died on this file" in (broken.error or "")
    assert all(o.status != "error" for p, o in by_path.items() if "broken" not in p)


def test_the_report_spool_keeps_only_changes_and_errors_in_memory(tmp_path: Path) -> None:
    import tempfile

    from transformer.outcome import Status
    from transformer.report import Outcome, Reporter

    reporter = Reporter(quiet=True)
    reporter.spool = tempfile.TemporaryFile("w+", encoding="utf-8")
    for k in range(200):
        reporter.add(Outcome(f"/r/{k:03d}/Dockerfile", Status.SKIPPED,
                             skipped=f"RUN at line {k}: `x` is not understood"))
    reporter.add(Outcome("/r/new/Dockerfile", Status.CHANGED, (("stage", 1, "a builder stage"),)))
    reporter.add(Outcome("/r/bad/Dockerfile", Status.ERROR, error="/r/bad/Dockerfile:1:1: bad"))
    assert [o.status for o in reporter.outcomes] == [Status.CHANGED, Status.ERROR]  # 200 skips are not held
    out = tmp_path / "r.json"
    reporter.write_json(str(out))
    data = json.loads(out.read_text())
    assert data["summary"] == {"changed": 1, "unchanged": 0, "skipped": 200, "error": 1, "total": 202}
    assert [f["path"] for f in data["files"]][:2] == ["/r/000/Dockerfile", "/r/001/Dockerfile"]
    assert data["files"][200]["reasons"] == [{"kind": "stage", "line": 1, "message": "a builder stage"}]
    # the summary groups skip reasons whatever their line
    assert re.search(r"RUN at line N: `x` is not understood\s+200$", reporter.summary(), re.M)


# ---------------------------------------------------------------- --verify (a fake engine)


def _verify_app(tmp_path: Path, smoke: dict[str, Any] | None = None) -> Path:
    from samples import GO_STDLIB

    app = tmp_path / "apps" / "go-app"
    app.mkdir(parents=True)
    (app / "Dockerfile").write_text(GO_STDLIB)
    (app / "go.mod").write_text("module x\n\ngo 1.19\n")
    (app / "main.go").write_text("package main\nfunc main() {}\n")
    if smoke is not None:
        (app / "smoke.json").write_text(json.dumps(smoke))
    return app


def _run_verify(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, docker: DockerCLI) -> tuple[Result, Any]:
    from transformer import verify

    monkeypatch.setattr(verify, "DockerCLI", lambda network="host", build_args=(): docker)
    report = tmp_path / "report.json"
    args = [str(tmp_path / "apps"), "--verify", "-j", "1", "--report", str(report)]
    r = CliRunner().invoke(batch_module.batch_cmd, args)
    return r, json.loads(report.read_text())


def test_batch_verify_uses_smoke_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_verify import FakeDocker

    _verify_app(tmp_path, {"run": ["hello", "--version"], "run_expect": "hello from go"})
    docker = FakeDocker()
    r, data = _run_verify(tmp_path, monkeypatch, docker)
    assert r.exit_code == 0, r.output
    [entry] = [f for f in data["files"] if f["status"] == "changed"]
    assert entry["verify"]["ok"] and entry["verify"]["smoke_file"].endswith("go-app/smoke.json")
    assert [c[2] for c in docker.calls if c[0] == "run"] == [("hello", "--version")] * 2


def test_batch_verify_counts_a_larger_result_as_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from test_verify import GrowingDocker

    _verify_app(tmp_path)
    r, data = _run_verify(tmp_path, monkeypatch, GrowingDocker())
    assert r.exit_code == 1, r.output
    [entry] = [f for f in data["files"] if f["status"] == "changed"]
    assert entry["verify"]["ok"] is False and entry["verify"]["failed_checks"] == ["size"]
    assert "verification failed" in r.output


# ---------------------------------------------------------------- pinned before batch_cmd was split (they pass before
# and after: they keep what the command printed, wrote and returned)


def test_a_bad_config_flag_stops_the_run_before_any_file(tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    r = CliRunner().invoke(main, ["batch", str(tree), "--disable", "no-such-pass", "--report", str(report)])
    assert r.exit_code == 2
    assert r.stdout == ""  # no summary
    assert r.stderr.startswith("msrefactor: ") and r.stderr.count("\n") == 1 and "no-such-pass" in r.stderr
    assert not report.exists()


def test_git_branch_outside_a_repository_is_refused(tree: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    before = {p: p.read_bytes() for p in tree.rglob("Dockerfile")}
    r = CliRunner().invoke(main, ["batch", str(tree), "--git-branch", "mr", "-q", "--report", str(report)])
    assert r.exit_code == 2
    data = json.loads(report.read_text())
    changed = sorted({str(Path(f["path"]).parent) for f in data["files"] if f["status"] == "changed"})
    assert [(x["root"], x["status"]) for x in data["repositories"]] == [(c, "refused") for c in changed]
    for root in changed:
        assert f"msrefactor: {root}: not in a git repository: nothing written\n" in r.stderr
    assert {p: p.read_bytes() for p in before} == before


def test_diff_sends_the_summary_to_stderr(tree: Path) -> None:
    r = subprocess.run([SCRIPT, "batch", str(tree), "--diff", "-j", "1"], capture_output=True, text=True)
    assert r.returncode == 2
    assert r.stdout.startswith("--- a/") and "total" not in r.stdout
    assert re.search(r"^total\s+\d+$", r.stderr, re.M)
    assert r.stderr.index("ENV must have two arguments") < r.stderr.index("total")


def test_a_report_that_cannot_be_written_is_an_error(tree: Path, tmp_path: Path) -> None:
    report, markdown = tmp_path / "none" / "r.json", tmp_path / "pr.md"
    r = CliRunner().invoke(main, ["batch", str(tree), "-j", "1", "--report", str(report), "--markdown",
                                  str(markdown)])
    assert r.exit_code == 2
    # (the message names the atomic write's temporary file, not the report: as it was)
    assert re.search(rf"^msrefactor: {re.escape(str(report.parent))}/\.r\.json\.\w+\.msrefactor\.tmp: No such file "
                     rf"or directory$", r.stderr, re.M), r.stderr
    assert not markdown.exists()  # the markdown comes after the report, in the same try
    assert re.search(r"^errors\s+1$", r.stdout, re.M)  # the summary is printed after, the broken file counted


def test_an_invalid_branch_name_is_a_git_error(repos: tuple[Path, Path], tmp_path: Path) -> None:
    clean, _ = repos
    report = tmp_path / "r.json"
    r = CliRunner().invoke(main, ["batch", str(clean), "--git-branch", "bad..name", "-q", "--report", str(report)])
    assert r.exit_code == 2
    assert f"msrefactor: {clean}: git: " in r.stderr
    [repo] = json.loads(report.read_text())["repositories"]
    assert (repo["root"], repo["status"]) == (str(clean), "error")
    assert git(clean, "branch", "--list").split() == ["*", "main", "other"]
    assert git(clean, "status", "--porcelain") == ""


def test_discovery_follows_no_link_and_names_a_linked_file_argument(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "Dockerfile").write_text("FROM alpine\n")
    (tmp_path / "Dockerfile").write_text("FROM alpine\n")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "api.Dockerfile").symlink_to(tmp_path / "a" / "Dockerfile")
    found, _ = discover([str(tmp_path)])
    assert [(f.path, f.group, f.relpath) for f in found] == [
        (str(tmp_path / "Dockerfile"), str(tmp_path), "Dockerfile"),
        (str(tmp_path / "a" / "Dockerfile"), str(tmp_path / "a"), "Dockerfile")]
    # a linked file named otherwise is named by its target; one named the same, as given
    found, _ = discover([str(tmp_path / "a" / "api.Dockerfile")])
    assert [(f.path, f.group, f.relpath) for f in found] == [
        (str(tmp_path / "a" / "Dockerfile"), str(tmp_path / "a"), "Dockerfile")]
    found, _ = discover([str(tmp_path / "b" / "Dockerfile"), str(tmp_path / "a"), str(tmp_path / "b")])
    assert [(f.path, f.group, f.relpath) for f in found] == [
        (str(tmp_path / "b" / "Dockerfile"), str(tmp_path / "a"), "Dockerfile")]  # each file once


def test_at_a_terminal_a_progress_bar_holds_the_lines_back(tree: Path, tmp_path: Path) -> None:
    import pty

    plain, at_terminal = tmp_path / "plain.json", tmp_path / "tty.json"
    subprocess.run([SCRIPT, "batch", str(tree), "-j", "2", "--report", str(plain)], capture_output=True)
    main_fd, terminal = pty.openpty()
    proc = subprocess.Popen([SCRIPT, "batch", str(tree), "-j", "2", "--report", str(at_terminal)],
                            stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    out, _ = proc.communicate(timeout=120)
    err = b""
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    os.close(main_fd)
    assert proc.returncode == 2
    assert b"msrefactor" in err and err.rindex(b"ENV must have two arguments") > err.rindex(b"msrefactor  [")
    assert re.search(rb"^total\s+\d+$", out, re.M)
    assert json.loads(at_terminal.read_text())["files"] == json.loads(plain.read_text())["files"]
