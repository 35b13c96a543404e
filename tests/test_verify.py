"""Unit tests of ``msrefactor verify``: the comparison logic on fake inspect data, a fake
engine driving verify_file, and the no-engine path (exit 2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from samples import GO_STDLIB

from transformer import verify as v

GO_ENV = ["PATH=/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOPATH=/go",
          "GOLANG_VERSION=1.19.8", "SSL_CERT_FILE=/etc/ssl/certs/zoo-ca.crt"]
DISTROLESS_ENV = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]


def cfg(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "Cmd": ["hello"], "Entrypoint": None, "Env": list(DISTROLESS_ENV), "User": "", "WorkingDir": "/src",
        "ExposedPorts": None, "Healthcheck": None, "Labels": None, "StopSignal": "", "Volumes": None}
    base.update(kw)
    return base


def by_name(checks: Iterable[v.Check]) -> dict[str, v.Check]:
    return {c.name: c for c in checks}


# ---------------------------------------------------------------- metadata


def test_equal_metadata_passes() -> None:
    checks = by_name(v.compare_metadata(cfg(), cfg()))
    assert all(c.status is v.Verdict.OK for c in checks.values())


@pytest.mark.parametrize("key,orig,result", [
    ("Cmd", ["hello"], ["./hello"]),
    ("Entrypoint", None, ["/bin/server"]),
    ("User", "appuser", ""),
    ("WorkingDir", "/app", "/"),
    ("ExposedPorts", {"8000/tcp": {}}, None),
    ("Healthcheck", {"Test": ["CMD-SHELL", "curl -f localhost"]}, None),
    ("Labels", {"org.example.team": "web"}, {}),
    ("StopSignal", "SIGQUIT", ""),
    ("Volumes", {"/data": {}}, None),
])
def test_strict_keys_must_be_equal(key: str, orig: object, result: object) -> None:
    checks = by_name(v.compare_metadata(cfg(**{key: orig}), cfg(**{key: result})))
    assert checks[key].status is v.Verdict.FAIL
    assert key in checks[key].detail
    assert [c.name for c in checks.values() if c.status is v.Verdict.FAIL] == [key]


def test_the_gradle_images_volume_left_to_the_builder_is_a_note() -> None:
    """The gradle image declares VOLUME /home/gradle/.gradle for Gradle's downloads: a JRE runtime without it (the
    e2e test test_gradle_volume_e2e.py) is a note, as a builder's GOPATH is; a volume of the app's still fails."""
    gradle: dict[str, dict[str, str]] = {"/home/gradle/.gradle": {}}
    check = by_name(v.compare_metadata(cfg(Volumes=gradle), cfg(Volumes=None)))["Volumes"]
    assert check.status is v.Verdict.NOTE and "/home/gradle/.gradle" in check.detail
    both = by_name(v.compare_metadata(cfg(Volumes={**gradle, "/data": {}}), cfg(Volumes=None)))["Volumes"]
    assert both.status is v.Verdict.FAIL


def test_empty_and_missing_values_are_equal() -> None:
    a = cfg(ExposedPorts={}, Labels=None, Volumes={}, User=None, Entrypoint=[])
    b = cfg(ExposedPorts=None, Labels={}, Volumes=None, User="", Entrypoint=None)
    assert all(c.status is v.Verdict.OK for c in v.compare_metadata(a, b))


def test_exposed_ports_order_does_not_matter() -> None:
    a = cfg(ExposedPorts={"80/tcp": {}, "443/tcp": {}})
    b = cfg(ExposedPorts={"443/tcp": {}, "80/tcp": {}})
    assert by_name(v.compare_metadata(a, b))["ExposedPorts"].status is v.Verdict.OK


# ---------------------------------------------------------------- Env


def test_builder_family_env_is_a_note_not_a_failure() -> None:
    checks = by_name(v.compare_metadata(cfg(Env=GO_ENV), cfg(Env=DISTROLESS_ENV), {"Env": GO_ENV},
                                        {"Env": DISTROLESS_ENV}))
    env = checks["Env"]
    assert env.status is v.Verdict.NOTE
    for text in ("GOPATH=/go is gone", "GOLANG_VERSION", "PATH entry /go/bin is gone", "SSL_CERT_FILE"):
        assert text in env.detail


def test_builder_vars_are_notes_even_without_base_data() -> None:
    fails, notes = v.compare_env(["GOPATH=/go", "CARGO_HOME=/usr/local/cargo", "PATH=/usr/local/go/bin:/usr/bin"],
                                 ["PATH=/usr/bin"])
    assert fails == []
    assert len(notes) == 3


def test_env_set_by_the_dockerfile_must_survive() -> None:
    orig = [*GO_ENV, "APP_MODE=production"]
    fails, notes = v.compare_env(orig, DISTROLESS_ENV, GO_ENV, DISTROLESS_ENV)
    assert fails == ["APP_MODE=production is missing in the result"]


def test_env_value_changed_by_the_refactoring_fails() -> None:
    fails, _ = v.compare_env(["NODE_ENV=production"], ["NODE_ENV=development"])
    assert fails == ["NODE_ENV: production -> development"]


def test_path_entry_added_by_the_dockerfile_must_survive() -> None:
    base = ["PATH=/usr/local/bin:/usr/bin"]
    fails, _ = v.compare_env(["PATH=/root/.local/bin:/usr/local/bin:/usr/bin"], base, base, base)
    assert fails == ["PATH entry /root/.local/bin is missing in the result"]


def test_added_env_is_a_note() -> None:
    fails, notes = v.compare_env(["A=1"], ["A=1", "PYTHONPATH=/install"])
    assert fails == [] and notes == ["PYTHONPATH=/install added in the result"]


def test_base_image_value_that_differs_is_a_note() -> None:
    fails, notes = v.compare_env(["LANG=C.UTF-8"], ["LANG=en_US.UTF-8"], ["LANG=C.UTF-8"], ["LANG=en_US.UTF-8"])
    assert fails == [] and notes


# ---------------------------------------------------------------- files and smoke runs


def test_compare_files() -> None:
    missing, added = v.compare_files(["go.mod", "main.go", "hello"], ["hello", "extra"])
    assert missing == ["go.mod", "main.go"] and added == ["extra"]
    assert v.compare_files(None, None) == ([], [])


AIR_CONDITION = """FROM python:3.10
WORKDIR /
COPY requirements.txt /app/requirements.txt
RUN pip3 install --no-cache-dir -r /app/requirements.txt
COPY app app
CMD ["uvicorn", "--host", "0.0.0.0", "--port", "8000", "app.main:app"]
"""
INGENIUM = """FROM python:3.10-slim
COPY requirements.txt requirements.txt
RUN pip install -r requirements.txt
COPY . .
RUN chmod +x entrypoint.sh
"""


def test_copied_destinations_are_resolved_against_the_workdir_of_the_time() -> None:
    assert v.copied_destinations(AIR_CONDITION) == ["/app/requirements.txt", "/app"]
    assert v.copied_destinations(INGENIUM) == ["/requirements.txt"]  # `COPY . .` writes into / itself
    text = ("FROM golang:1.19 AS b\nFROM python:3.11\nWORKDIR srv\nCOPY [\"a b\", \"./\"]\nCOPY --from=b /x /y\n"
            "ADD u.tgz /opt/$X\nWORKDIR /\nCOPY c.conf /etc/nginx/conf.d/\n")
    assert v.copied_destinations(text) == ["/srv", "/etc/nginx/conf.d"]


class FolderDocker(v.DockerCLI):
    """list_files over a file system given as {image: [absolute paths]}."""

    def __init__(self, files: dict[str, list[str]]) -> None:
        super().__init__()
        self.files = files
        self.listed: list[str] = []

    def list_files(self, image: str, root: str) -> list[str] | None:
        self.listed.append(root)
        inside = [f[len(root) + 1:] for f in self.files[image] if f.startswith(root + "/")]
        return sorted(inside) if inside else None


def test_with_no_workdir_the_folders_the_copies_write_into_are_compared() -> None:
    # air-condition-status-be: WORKDIR /, the app copied into /app; the result lacks requirements.txt
    docker = FolderDocker({"x:orig": ["/app/requirements.txt", "/app/app/main.py", "/usr/lib/x"],
                           "x:ms": ["/app/app/main.py", "/usr/lib/x"]})
    report = v.VerifyReport("Dockerfile", ".")
    v._compare_workdir(report, docker, {"original": "x:orig", "result": "x:ms"}, "/", lambda _m: None,
                       AIR_CONDITION)
    check = report.checks[-1]
    assert (check.name, check.original, check.result, check.status) == ("files /app", "2 files", "1 files",
                                                                         v.Verdict.NOTE)
    assert report.missing_files == ["/app/requirements.txt"] and "/app/requirements.txt" in check.detail
    assert docker.listed == ["/app/requirements.txt", "/app", "/app"]  # a file's folder; /app once in each image


def test_with_no_workdir_copies_into_root_are_not_listed() -> None:
    docker = FolderDocker({"x:orig": ["/requirements.txt", "/manage.py"], "x:ms": ["/manage.py"]})
    report = v.VerifyReport("Dockerfile", ".")
    v._compare_workdir(report, docker, {"original": "x:orig", "result": "x:ms"}, "", lambda _m: None, INGENIUM)
    check = report.checks[-1]
    assert (check.name, check.status) == ("files", v.Verdict.OK) and "not compared" in check.detail
    assert report.files_original is None and docker.listed == ["/requirements.txt"]


def run(state: str = "exited", code: int | None = 0, out: str = "", kind: str = "default", **kw: Any) -> v.SmokeRun:
    return v.SmokeRun(v.RunKind(kind), kw.pop("command", ""), v.RunState(state), code, out, **kw)


def test_smoke_same_output_passes() -> None:
    assert v.compare_smoke(run(out="libpq 15\n"), run(out="libpq 15")).status is v.Verdict.OK


def test_smoke_exit_status_differs() -> None:
    err = "ImportError: libpq.so.5: cannot open shared object file: No such file or directory"
    check = v.compare_smoke(run(out="libpq 15"), run(code=1, out=err))
    assert check.status is v.Verdict.FAIL
    assert "exit 0 -> exit 1" in check.detail and "libpq.so.5" in check.detail


def test_smoke_output_differs() -> None:
    assert v.compare_smoke(run(out="a"), run(out="b")).status is v.Verdict.FAIL


def test_smoke_output_differing_only_in_the_packages_prefix_passes() -> None:
    # a deprecation warning names the file it comes from: the same package, moved into the virtual
    # environment the refactoring makes (the prefix is what the refactoring changes on purpose)
    warning = ("{}/lib/python3.11/site-packages/paramiko/transport.py:258: CryptographyDeprecationWarning: "
               "TripleDES has been moved\n  \"class\": algorithms.TripleDES,\n15.0 21.2.0")
    check = v.compare_smoke(run(out=warning.format("/usr/local")), run(out=warning.format("/opt/venv")))
    assert check.status is v.Verdict.OK


def test_smoke_output_of_another_python_version_or_package_still_differs() -> None:
    path = "/usr/local/lib/python{}/site-packages/{}/util.py:25: DeprecationWarning"
    assert v.compare_smoke(run(out=path.format("3.11", "gunicorn")),
                           run(out=path.format("3.12", "gunicorn"))).status is v.Verdict.FAIL
    assert v.compare_smoke(run(out=path.format("3.11", "gunicorn")),
                           run(out=path.format("3.11", "flask"))).status is v.Verdict.FAIL


PYTHON_PATH = "/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def test_moved_command_dirs_are_the_path_entries_the_result_added_and_the_originals() -> None:
    venv = cfg(Env=[f"PATH=/opt/venv/bin:{PYTHON_PATH}", "VIRTUAL_ENV=/opt/venv"])
    dirs = v.moved_command_dirs(cfg(Env=[f"PATH={PYTHON_PATH}"]), venv)
    assert set(dirs) == {"/opt/venv/bin", "/usr/local/bin", "/usr/local/sbin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"}
    assert list(dirs) == sorted(dirs, key=len, reverse=True)  # the longest first: /usr/local/bin before /bin
    assert v.moved_command_dirs(cfg(Env=[f"PATH={PYTHON_PATH}"]), cfg(Env=[f"PATH={PYTHON_PATH}"])) == ()


def test_smoke_output_differing_only_in_the_folder_of_moved_commands_passes() -> None:
    # a console script's traceback starts at the script, which the refactoring moved into the virtual
    # environment with its packages (gunicorn, a Django project's manage.py run by /usr/local/bin/python)
    trace = ("Traceback (most recent call last):\n  File \"{0}/gunicorn\", line 8, in <module>\n"
             "    sys.exit(run())\n  File \"{1}/lib/python3.11/site-packages/gunicorn/app/wsgiapp.py\", line 67\n"
             "ModuleNotFoundError: No module named 'app'\n{0}/python: can't open file '/app/x.py'")
    orig, result = run(code=1, out=trace.format("/usr/local/bin", "/usr/local")), \
        run(code=1, out=trace.format("/opt/venv/bin", "/opt/venv"))
    moved = v.moved_command_dirs(cfg(Env=[f"PATH={PYTHON_PATH}"]), cfg(Env=[f"PATH=/opt/venv/bin:{PYTHON_PATH}"]))
    check = v.compare_smoke(orig, result, moved)
    assert check.status is v.Verdict.OK and "moved commands" in check.detail
    assert v.compare_smoke(orig, result).status is v.Verdict.FAIL  # nothing moved: the folder counts
    # the command's own name, and a folder that is not a whole PATH entry, still count
    other = run(code=1, out=trace.format("/opt/venv/bin", "/opt/venv").replace("/python:", "/python3:"))
    assert v.compare_smoke(orig, other, moved).status is v.Verdict.FAIL
    deeper = run(code=1, out=trace.format("/opt/venv/bin/x", "/opt/venv"))
    assert v.compare_smoke(orig, deeper, moved).status is v.Verdict.FAIL


DJANGO_CHECK = """5.2.19
Traceback (most recent call last):
  File "/app/manage.py", line 22, in <module>
    execute_from_command_line(sys.argv)
  File "{0}/lib/python3.11/site-packages/django/core/checks/registry.py", line 90, in run_checks
    new_errors = check(app_configs=app_configs, databases=databases)
{1}
  File "/app/flashcards/urls.py", line 1, in <module>
    from django.conf.urls import url
ImportError: cannot import name 'url' from 'django.conf.urls' ({0}/lib/python3.11/site-packages/django/conf/urls/x.py)
"""
NAMESPACES = """  File "{0}/lib/python3.11/site-packages/django/core/checks/urls.py", line 44, in check_namespaces
    all_namespaces = _load_all_namespaces(resolver)
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"""
CONFIG = """  File "{0}/lib/python3.11/site-packages/django/core/checks/urls.py", line 16, in check_url_config
    return check_resolver(resolver)"""


def test_smoke_tracebacks_differing_only_in_their_frames_are_a_note() -> None:
    # bachmitre/flashcards: `manage.py check` fails the same import in both images, but Django runs its system
    # checks in the order of a set of functions, so each run reaches the import through another check
    orig = run(out=DJANGO_CHECK.format("/usr/local", NAMESPACES.format("/usr/local")))
    result = run(out=DJANGO_CHECK.format("/opt/venv", CONFIG.format("/opt/venv")))
    check = v.compare_smoke(orig, result)
    assert check.status is v.Verdict.NOTE and "frames of a Python traceback" in check.detail
    # another exception, or a difference outside the traceback, still fails
    other = run(out=DJANGO_CHECK.format("/opt/venv", CONFIG.format("/opt/venv")).replace("'url'", "'re_path'"))
    assert v.compare_smoke(orig, other).status is v.Verdict.FAIL
    version = run(out=DJANGO_CHECK.format("/opt/venv", CONFIG.format("/opt/venv")).replace("5.2.19", "5.2.20"))
    assert v.compare_smoke(orig, version).status is v.Verdict.FAIL
    assert v.compare_smoke(run(out="a\n  b"), run(out="a\n  c")).status is v.Verdict.FAIL  # no traceback


def test_without_frames_keeps_each_exception_of_a_chain() -> None:
    chain = ("Traceback (most recent call last):\n  File \"a.py\", line 1\n    x()\nKeyError: 'k'\n\n"
             "During handling of the above exception, another exception occurred:\n\n"
             "Traceback (most recent call last):\n  File \"b.py\", line 2\nValueError: v")
    assert v.without_frames(chain) == ("Traceback (most recent call last):\nKeyError: 'k'\n\n"
                                       "During handling of the above exception, another exception occurred:\n\n"
                                       "Traceback (most recent call last):\nValueError: v")


def test_smoke_output_differing_only_in_times_pids_and_durations_passes() -> None:
    # two runs of the same server log different moments, worker pids and durations (gunicorn, NestJS)
    gunicorn = ("[2026-12-02 03:04:{:02d} +0000] [1] [INFO] Starting gunicorn 21.2.0\n"
                "[2026-12-02 03:04:{:02d} +0000] [{}] [INFO] Booting worker with pid: {}")
    nest = "[Nest] {}  - 12/02/2026, 3:04:{:02d} AM     LOG [NestFactory] Starting Nest application... +{}ms"
    check = v.compare_smoke(run(out=gunicorn.format(5, 5, 7, 7)), run(out=gunicorn.format(41, 42, 8, 8)))
    assert check.status is v.Verdict.OK and "set aside" in check.detail
    assert v.compare_smoke(run(out=nest.format(18, 5, 2)), run(out=nest.format(1, 59, 13))).status is v.Verdict.OK
    addresses = run(out="<Foo at 0x7f12ab34cd56>"), run(out="<Foo at 0x7f99ab34cd00>")
    assert v.compare_smoke(*addresses).status is v.Verdict.OK
    assert v.compare_smoke(run(out="same"), run(out="same")).detail == ""


def test_smoke_output_differing_in_versions_or_values_still_fails() -> None:
    for orig, result in (("gunicorn 21.2.0", "gunicorn 21.2.1"), ("[5]", "[6]"), ("[1, 2]", "[1, 3]"),
                         ("rows: 10", "rows: 11"), ("pid file /run/a.pid", "pid file /run/b.pid")):
        assert v.compare_smoke(run(out=orig), run(out=result)).status is v.Verdict.FAIL, (orig, result)


def test_servers_started_in_both_pass() -> None:
    check = v.compare_smoke(run("started", None, "Listening"), run("started", None, "Listening on"))
    assert check.status is v.Verdict.OK


def test_server_that_exits_in_the_result_fails() -> None:
    check = v.compare_smoke(run("started", None), run(code=127, out="exec: uvicorn: not found"))
    assert check.status is v.Verdict.FAIL and "uvicorn" in check.detail


def test_http_compares_status_and_body() -> None:
    a = run("answered", None, kind="http", command="8000/", http_status=200, body="ok")
    assert v.compare_smoke(a, run("answered", None, kind="http", http_status=200, body="ok\n")).status is v.Verdict.OK
    assert v.compare_smoke(a, run("answered", None, kind="http", http_status=500, body="ok")).status is v.Verdict.FAIL
    assert v.compare_smoke(a, run("no answer", None, kind="http")).status is v.Verdict.FAIL
    timed = run("answered", None, kind="http", command="8000/", http_status=200, body='{"now": "2026-12-02T03:04:05Z"}')
    later = run("answered", None, kind="http", http_status=200, body='{"now": "2026-12-02T03:09:55Z"}')
    assert v.compare_smoke(timed, later).status is v.Verdict.OK
    assert v.compare_smoke(a, run("answered", None, kind="http", http_status=200, body="ko")).status is v.Verdict.FAIL
    silent = run("no answer", None, kind="http", command="8000/")
    assert "original did not answer" in v.compare_smoke(silent, silent).detail


def test_parse_http() -> None:
    assert v.parse_http("8000/healthz") == (8000, "/healthz")
    assert v.parse_http("3000") == (3000, "/")
    with pytest.raises(v.BadInput):
        v.parse_http("localhost:80")


def test_final_base_follows_stage_names() -> None:
    text = "FROM golang:1.19 AS b\nRUN x\nFROM b AS t\nRUN y\nFROM t\nCMD z\n"
    assert v.final_base(text) == "golang:1.19"
    assert v.final_base("FROM scratch\nCMD [\"x\"]\n") is None


# ---------------------------------------------------------------- verify_file with a fake engine


class FakeDocker(v.DockerCLI):
    """Answers like an engine that builds a Go app: orig on golang, ms on distroless."""

    def __init__(self, result_rc: int = 0, result_out: str = "hello from go", result_builds: bool = True) -> None:
        super().__init__()
        self.calls: list[tuple[Any, ...]] = []  # ("build", tag, text), ("run", image, args), ("rm", name)
        self.envs: list[dict[str, str] | None] = []
        self.result_rc, self.result_out, self.result_builds = result_rc, result_out, result_builds

    def ping(self) -> None:
        self.calls.append(("ping",))

    def build(self, dockerfile: str, context: str, tag: str, target: str | None = None) -> v.Proc:
        self.calls.append(("build", tag, Path(dockerfile).read_text()))
        ok = tag.endswith(":orig") or self.result_builds
        return v.Proc(0 if ok else 1, "", "" if ok else "COPY failed: no such file")

    def layers(self, ref: str) -> list[tuple[int, str]] | None:
        base = [(800_000_000, "/bin/sh -c apt-get install gcc"), (200_000_000, "/bin/sh -c #(nop) ADD file:x in /")]
        built = [(40_000_000, "/bin/sh -c go build -o /out/hello ."), (0, "/bin/sh -c #(nop) WORKDIR /src")]
        return {"golang:1.19": base}.get(ref, built + base if ref.endswith(":builder") else None)

    def inspect(self, ref: str) -> dict[str, Any] | None:
        images = {
            "golang:1.19": {"Size": 1_000_000_000, "Config": cfg(Env=GO_ENV, WorkingDir="/go", Cmd=["bash"])},
            "gcr.io/distroless/static-debian12": {"Size": 1_000_000, "Config": cfg(WorkingDir="", Cmd=None)},
        }
        if ref.endswith(":orig"):
            return {"Size": 1_070_000_000, "Config": cfg(Env=GO_ENV)}
        if ref.endswith(":ms"):
            return {"Size": 3_380_000, "Config": cfg()}
        return images.get(ref)

    def run(self, image: str, args: list[str], *, name: str, timeout: float, entrypoint: str | None = None,
            user: str | None = None, env: dict[str, str] | None = None) -> v.Proc:
        self.calls.append(("run", image, tuple(args)))
        self.envs.append(env)
        if image.endswith(":ms"):
            return v.Proc(self.result_rc, self.result_out, "")
        return v.Proc(0, "hello from go", "")

    def list_files(self, image: str, root: str) -> list[str] | None:
        return ["hello"] if image.endswith(":ms") else ["go.mod", "main.go"]

    def remove_container(self, name: str) -> None:
        self.calls.append(("rm", name))

    def remove_image(self, tag: str) -> None:
        self.calls.append(("rmi", tag))


GO_DOCKERFILE = GO_STDLIB


@pytest.fixture
def go_app(tmp_path: Path) -> Path:
    app = tmp_path / "go-app"
    app.mkdir()
    (app / "Dockerfile").write_text(GO_DOCKERFILE)
    (app / "go.mod").write_text("module x\n\ngo 1.19\n")
    (app / "main.go").write_text("package main\nfunc main() {}\n")
    return app


def test_verify_file_ok_with_fake_engine(go_app: Path) -> None:
    docker = FakeDocker()
    report = v.verify_file(go_app / "Dockerfile", docker=docker)
    assert report.ok, v.render_table(report)
    assert report.changed
    assert report.size_original == 1_070_000_000 and report.ratio == pytest.approx(0.0032, abs=1e-4)
    assert report.missing_files == ["go.mod", "main.go"]
    assert any("GOPATH" in n for n in report.env_notes)
    builds = [c for c in docker.calls if c[0] == "build"]
    assert [b[1] for b in builds] == ["msrefactor-verify/go-app:orig", "msrefactor-verify/go-app:ms",
                                      "msrefactor-verify/go-app:builder"]  # the builder stage, from the cache
    assert "FROM golang:1.19 AS builder" in builds[1][2]
    for tag in ("orig", "ms", "builder"):
        assert ("rmi", f"msrefactor-verify/go-app:{tag}") in docker.calls
    table = v.render_table(report)
    assert "verdict: OK" in table and "x0.003" in table
    left = next(c for c in report.checks if c.name == "left in the builder")
    assert left.detail == ("the builder stage stays behind: its base image golang:1.19 (1.0 GB) and 40.0 MB the "
                           "build added; the largest: 40.0 MB RUN go build -o /out/hello .")
    assert "note: left in the builder: the builder stage stays behind" in table
    json.dumps(report.to_json())


def test_what_the_runtime_leaves_in_the_builder_is_measured_layer_by_layer() -> None:
    base = [(300, "/bin/sh -c #(nop) ADD file:x in /")]
    built = [(5_000_000, "/bin/sh -c pip install -r requirements.txt"), (0, "/bin/sh -c #(nop)  WORKDIR /app"),
             (200_000_000, "/bin/sh -c apt-get update && apt-get install -y gcc libpq-dev")]
    check = v.left_behind_check(built + base, base, "python:3.11")
    assert check.status is v.Verdict.NOTE and check.result == v._size(205_000_300)
    assert check.detail == ("the builder stage stays behind: its base image python:3.11 (300 B) and 205.0 MB the "
                            "build added; the largest: 200.0 MB RUN apt-get update && apt-get install -y gcc "
                            "libpq-dev; 5.0 MB RUN pip install -r requirements.txt")


def test_verify_file_keep_images(go_app: Path) -> None:
    docker = FakeDocker()
    v.verify_file(go_app / "Dockerfile", docker=docker, keep_images=True)
    assert not [c for c in docker.calls if c[0] == "rmi"]


def test_verify_file_smoke_failure_names_the_run(go_app: Path) -> None:
    docker = FakeDocker(result_rc=127, result_out='exec: "hello": executable file not found in $PATH')
    report = v.verify_file(go_app / "Dockerfile", docker=docker)
    assert not report.ok
    [failure] = report.failures
    assert failure.name == "smoke default"
    assert "executable file not found" in failure.detail
    assert "go.mod" in failure.detail  # the missing files are pointed at
    assert "verdict: FAILED (smoke default)" in v.render_table(report)


def test_verify_file_result_that_does_not_build(go_app: Path) -> None:
    report = v.verify_file(go_app / "Dockerfile", docker=FakeDocker(result_builds=False),
                           result_text="FROM golang:1.19\nCOPY nothing .\n")
    assert not report.ok and not report.built_result
    assert "COPY failed" in report.failures[0].detail


def test_verify_file_smoke_command(go_app: Path) -> None:
    docker = FakeDocker()
    report = v.verify_file(go_app / "Dockerfile", docker=docker, smoke="hello --version")
    assert report.ok
    runs = [c for c in docker.calls if c[0] == "run"]
    assert [r[2] for r in runs] == [("hello", "--version")] * 2


def test_verify_file_bad_context(go_app: Path) -> None:
    with pytest.raises(v.BadInput):
        v.verify_file(go_app / "Dockerfile", context=go_app / "nope", docker=FakeDocker())


# ---------------------------------------------------------------- no engine: exit 2


def test_no_engine_exits_2(go_app: Path) -> None:
    env = {**os.environ, "DOCKER_HOST": "unix:///nonexistent.sock"}
    env.pop("DOCKER_CONTEXT", None)
    p = subprocess.run([sys.executable, "-c", "from transformer.cli import main; main()", "verify",
                        str(go_app / "Dockerfile")],
                       capture_output=True, text=True, env=env, timeout=120)
    assert p.returncode == 2, p.stderr
    assert "msrefactor: no Docker engine found (is dockerd running? DOCKER_HOST=unix:///nonexistent.sock" in p.stderr


def test_no_docker_cli_exits_2(go_app: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    monkeypatch.setenv("PATH", str(tmp_path))  # no docker command to be found
    r = CliRunner().invoke(v.verify_cmd, [str(go_app / "Dockerfile")])
    assert r.exit_code == 2
    assert "no Docker engine found" in r.output


def test_cli_json_and_exit_codes(go_app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    monkeypatch.setattr(v, "DockerCLI", lambda network="host", build_args=(): FakeDocker())
    r = CliRunner().invoke(v.verify_cmd, [str(go_app / "Dockerfile"), "--json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["ok"] is True and data["size_result"] == 3_380_000 and data["missing_files"] == ["go.mod", "main.go"]

    monkeypatch.setattr(v, "DockerCLI",
                        lambda network="host", build_args=(): FakeDocker(result_rc=1, result_out="boom"))
    r = CliRunner().invoke(v.verify_cmd, [str(go_app / "Dockerfile")])
    assert r.exit_code == 1
    assert "FAIL: smoke default" in r.output and "boom" in r.output


def test_original_that_does_not_build_is_bad_input(go_app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    class Broken(FakeDocker):
        def build(self, dockerfile: str, context: str, tag: str, target: str | None = None) -> v.Proc:
            return v.Proc(1, "", "unknown instruction: FRM")

    monkeypatch.setattr(v, "DockerCLI", lambda network="host", build_args=(): Broken())
    r = CliRunner().invoke(v.verify_cmd, [str(go_app / "Dockerfile")])
    assert r.exit_code == 2
    assert "the original does not build" in r.output and "FRM" in r.output


NPM_EEXIST = ("npm ERR! code EEXIST\nnpm ERR! syscall open\nnpm ERR! EEXIST: file already exists, open "
              "'/root/.npm/_cacache/tmp/d9a7399e'\nThe command '/bin/sh -c npm install -g gulp-cli@2.3.0' returned a "
              "non-zero code: 239")


class FlakyDocker(FakeDocker):
    """The result's first builds fail as ``errors`` say (then it builds), as this project's CI saw npm fail once."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__()
        self.errors = errors

    def build(self, dockerfile: str, context: str, tag: str, target: str | None = None) -> v.Proc:
        if tag.endswith(":ms") and self.errors:
            self.calls.append(("build", tag, Path(dockerfile).read_text()))
            return v.Proc(1, "", self.errors.pop(0))
        return super().build(dockerfile, context, tag, target)


def _builds_of(docker: FakeDocker, tag: str) -> int:
    return sum(1 for c in docker.calls if c[0] == "build" and c[1].endswith(tag))


def test_a_build_that_failed_for_a_reason_of_the_moment_is_built_once_more(go_app: Path) -> None:
    docker = FlakyDocker([NPM_EEXIST])
    report = v.verify_file(go_app / "Dockerfile", docker=docker)
    assert report.ok and _builds_of(docker, ":ms") == 2, v.render_table(report)
    note = next(c for c in report.checks if c.name == "build again")
    assert note.status is v.Verdict.NOTE and "_cacache/tmp/d9a7399e" in note.detail
    assert note.detail.endswith("and built the second time")


def test_a_failure_of_the_moment_that_comes_again_fails(go_app: Path) -> None:
    docker = FlakyDocker([NPM_EEXIST, NPM_EEXIST])
    report = v.verify_file(go_app / "Dockerfile", docker=docker)
    assert not report.ok and _builds_of(docker, ":ms") == 2
    assert [c.name for c in report.failures] == ["build"] and "EEXIST" in report.build_error
    assert next(c for c in report.checks if c.name == "build again").detail.endswith("and failed again")


def test_a_failure_the_file_causes_is_built_once() -> None:
    assert v.transient_failure(v.Proc(1, "", "COPY failed: file not found in build context")) is None
    assert v.transient_failure(v.Proc(0, "npm WARN ECONNRESET, retrying", "")) is None
    line = v.transient_failure(v.Proc(1, "Step 4/9 : RUN pip install -r r.txt\n", "  ReadTimeoutError(...)\n"))
    assert line == "ReadTimeoutError(...)"


def test_missing_file_exits_2(tmp_path: Path) -> None:
    from click.testing import CliRunner

    r = CliRunner().invoke(v.verify_cmd, [str(tmp_path / "Dockerfile")])
    assert r.exit_code == 2


# ---------------------------------------------------------------- a result larger than the original fails


class GrowingDocker(FakeDocker):
    """The result image is larger than the original (a refactoring that copied too much)."""

    def inspect(self, ref: str) -> dict[str, Any] | None:
        if ref.endswith(":ms"):
            return {"Size": 1_200_000_000, "Config": cfg()}
        return super().inspect(ref)


def test_result_larger_than_the_original_fails(go_app: Path) -> None:
    report = v.verify_file(go_app / "Dockerfile", docker=GrowingDocker())
    assert not report.ok
    [failure] = report.failures
    assert failure.name == "size"
    assert "130.0 MB larger than the original" in failure.detail
    assert "verdict: FAILED (size)" in v.render_table(report)


def test_cli_exits_1_when_the_result_grows(go_app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    monkeypatch.setattr(v, "DockerCLI", lambda network="host", build_args=(): GrowingDocker())
    r = CliRunner().invoke(v.verify_cmd, [str(go_app / "Dockerfile")])
    assert r.exit_code == 1, r.output
    assert "FAIL: size: the result is 130.0 MB larger" in r.output


def test_same_size_is_not_a_failure() -> None:
    assert v.size_check(100, 100, 1.0).status is v.Verdict.OK
    assert v.size_check(100, None, None).status is v.Verdict.OK
    assert v.size_check(100, 101, 1.01).status is v.Verdict.FAIL


# ---------------------------------------------------------------- smoke.json beside the Dockerfile



def test_smoke_json_run_and_expect_are_used(go_app: Path) -> None:
    (go_app / "smoke.json").write_text(json.dumps({"run": ["hello", "--version"], "run_expect": "hello from",
                                                   "expect": "from go"}))
    docker = FakeDocker()
    report = v.verify_file(go_app / "Dockerfile", docker=docker)
    assert report.ok, v.render_table(report)
    runs = [c[2] for c in docker.calls if c[0] == "run"]
    assert runs == [("hello", "--version")] * 2 + [()] * 2
    names = [c.name for c in report.checks]
    assert "expect smoke" in names and "expect default" in names


def test_smoke_json_expectation_missing_in_the_result_fails(go_app: Path) -> None:
    (go_app / "smoke.json").write_text(json.dumps({"expect": "hello from go"}))
    report = v.verify_file(go_app / "Dockerfile", docker=FakeDocker(result_out="hello from rust"))
    assert {c.name for c in report.failures} == {"smoke default", "expect default"}
    expect = next(c for c in report.failures if c.name == "expect default")
    assert "the result did not print 'hello from go'" in expect.detail


def test_smoke_json_expectation_the_original_misses_is_named(go_app: Path) -> None:
    (go_app / "smoke.json").write_text(json.dumps({"expect": "bonjour"}))
    report = v.verify_file(go_app / "Dockerfile", docker=FakeDocker())
    [failure] = report.failures
    assert "the original fails its own smoke check" in failure.detail


def test_smoke_flags_win_over_smoke_json(go_app: Path) -> None:
    (go_app / "smoke.json").write_text(json.dumps({"run": ["nope"]}))
    docker = FakeDocker()
    v.verify_file(go_app / "Dockerfile", docker=docker, smoke="hello --version")
    assert [c[2] for c in docker.calls if c[0] == "run"] == [("hello", "--version")] * 2


def test_smoke_json_http_plan() -> None:
    spec = v.smoke_spec_from({"http": {"port": 8000, "path": "/healthz", "expect": "ok"}, "timeout": 40})
    assert v.smoke_plan(None, None, spec) == [v.PlannedRun(v.RunKind.HTTP, http=(8000, "/healthz"), expect="ok")]
    assert spec.timeout == 40
    assert v.smoke_plan(None, None, None) == [v.PlannedRun(v.RunKind.DEFAULT)]


@pytest.mark.parametrize("text,where", [
    ('{"run": ["x"],\n "http": {"port": 8000,}}', ":2:"),
    ('{"run": "echo hi"}', "run must be a list"),
    ('{"http": {"path": "/"}}', "http must be"),
    ('{"exepct": "x"}', "unknown key 'exepct'"),
    ('[1]', "a JSON object expected"),
    ('{"env": {"PORT": ["1"]}}', "env must be"),
    ('{"env": ["PORT=1"]}', "env must be"),
])
def test_bad_smoke_json_is_bad_input(go_app: Path, text: str, where: str) -> None:
    (go_app / "smoke.json").write_text(text)
    with pytest.raises(v.BadInput, match="smoke.json") as e:
        v.verify_file(go_app / "Dockerfile", docker=FakeDocker())
    assert where in str(e.value)


def test_cli_bad_smoke_json_exits_2(go_app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    (go_app / "smoke.json").write_text("{")
    monkeypatch.setattr(v, "DockerCLI", lambda network="host", build_args=(): FakeDocker())
    r = CliRunner().invoke(v.verify_cmd, [str(go_app / "Dockerfile")])
    assert r.exit_code == 2
    assert "smoke.json:1:2:" in r.output


def test_smoke_json_env_reaches_every_run(go_app: Path) -> None:
    (go_app / "smoke.json").write_text(json.dumps({"run": ["hello"], "expect": "from go", "env": {"PORT": 18080}}))
    docker = FakeDocker()
    report = v.verify_file(go_app / "Dockerfile", docker=docker)
    assert report.ok, v.render_table(report)
    assert docker.envs == [{"PORT": "18080"}] * 4


def test_env_flags_for_docker_run() -> None:
    assert v._env_flags({"B": "2", "A": "x=y"}) == ["-e", "A=x=y", "-e", "B=2"]
    assert v._env_flags(None) == []


# ---------------------------------------------------------------- the HTTP run's port (host network, shared)


def test_a_connection_in_time_wait_holds_the_port() -> None:
    """A server that closes first leaves its side in TIME_WAIT: nothing answers, yet a bind fails (60 s)."""
    import socket
    import time

    srv = socket.socket()
    srv.bind(("0.0.0.0", 0))
    srv.listen()
    port = srv.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port))
    conn, _ = srv.accept()
    assert v.port_state(port) is v.PortState.ANSWERS
    conn.close()  # the server closes first, as an HTTP/1.0 server does after its answer
    time.sleep(0.1)
    client.close()
    srv.close()
    time.sleep(0.1)
    assert not v._port_answers(port)
    assert v.port_state(port) is v.PortState.HELD


class HttpDocker(v.DockerCLI):
    """Starts "containers" whose behaviour each test scripts: (running after start, logs)."""

    def __init__(self, runs: Iterable[tuple[bool, str]]) -> None:
        super().__init__()
        self.runs = list(runs)
        self.started: list[str] = []
        self.state: dict[str, tuple[bool, str]] = {}

    def start(self, image: str, *, name: str, env: dict[str, str] | None = None) -> v.Proc:
        self.started.append(name)
        self.state[name] = self.runs.pop(0)
        return v.Proc(0, "cid", "")

    def is_running(self, name: str) -> bool:
        return self.state[name][0]

    def logs(self, name: str) -> str:
        return self.state[name][1]

    def remove_container(self, name: str) -> None:
        self.state[name] = (False, self.state.get(name, (False, ""))[1])


def verifier(docker: v.DockerCLI, probes: Sequence[v.PortState], answers: Sequence[tuple[int, str] | Exception], *,
             port_wait: float = 2.0) -> tuple[v.Verifier, list[float]]:
    """A Verifier whose port probe and GET follow the given lists (the last entry repeats)."""
    left_probes, left_answers = list(probes), list(answers)
    slept: list[float] = []

    def probe(port: int) -> v.PortState:
        return left_probes.pop(0) if len(left_probes) > 1 else left_probes[0]

    def get(url: str) -> tuple[int, str]:
        answer = left_answers.pop(0) if len(left_answers) > 1 else left_answers[0]
        if isinstance(answer, Exception):
            raise answer
        return answer

    ver = v.Verifier(docker, timeout=5, port_wait=port_wait, probe=probe, get=get, sleep=slept.append)
    return ver, slept


def test_http_run_waits_until_the_port_can_be_bound() -> None:
    held, free = v.PortState.HELD, v.PortState.FREE
    docker = HttpDocker([(True, "listening")])
    ver, slept = verifier(docker, [held, held, held, free], [(200, "hi")])
    run = ver.http_run("app:ms", 8080, "/")
    assert (run.state, run.body) == ("answered", "hi")
    assert len(slept) == 3 and len(docker.started) == 1


def test_http_run_port_that_stays_busy_is_bad_input() -> None:
    docker = HttpDocker([])
    ver, slept = verifier(docker, [v.PortState.ANSWERS], [(200, "theirs")], port_wait=2.0)
    with pytest.raises(v.BadInput, match="port 8080 answers .* for 2 s"):
        ver.http_run("app:ms", 8080, "/")
    assert docker.started == [] and len(slept) == 4


def test_http_run_again_when_another_program_answered_in_its_place() -> None:
    """The image's server could not bind (it exited), and another program's server answered the GET."""
    free, answers = v.PortState.FREE, v.PortState.ANSWERS
    docker = HttpDocker([(False, "Error: listen EADDRINUSE: address already in use :::8080"), (True, "up")])
    ver, _ = verifier(docker, [free, answers, free], [(200, "another app"), (200, "ours")])
    run = ver.http_run("app:ms", 8080, "/ping")
    assert (run.state, run.body, run.output) == ("answered", "ours", "up")
    assert len(docker.started) == 2


def test_http_run_again_when_the_port_was_taken_before_the_server_bound() -> None:
    refused = ConnectionRefusedError()
    docker = HttpDocker([(False, "Error with binding to the socket: Address already in use"), (True, "")])
    ver, _ = verifier(docker, [v.PortState.FREE], [refused, (200, "ok")])
    run = ver.http_run("app:ms", 8080, "/")
    assert run.state == "answered" and len(docker.started) == 2


def test_http_run_gives_up_when_every_run_is_disturbed() -> None:
    docker = HttpDocker([(False, "EADDRINUSE")] * v.HTTP_ATTEMPTS)
    ver, _ = verifier(docker, [v.PortState.FREE], [ConnectionRefusedError()])
    with pytest.raises(v.BadInput, match="another program took it"):
        ver.http_run("app:ms", 8080, "/")
    assert len(docker.started) == v.HTTP_ATTEMPTS


def test_http_run_server_that_crashes_is_not_run_again() -> None:
    """A server that dies by itself (no other program on the port) is the result's failure: reported once."""
    docker = HttpDocker([(False, "panic: html/template: pattern matches no files")])
    ver, _ = verifier(docker, [v.PortState.FREE], [ConnectionRefusedError()])
    run = ver.http_run("app:ms", 8080, "/")
    assert run.state == "exited" and "panic" in run.output
    assert len(docker.started) == 1


def test_http_run_waits_for_another_process_verifying_on_the_same_port() -> None:
    """Two verifications (batch -j, tests in parallel) smoke-checking a server on one host port take turns."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from transformer.verify import port_lock\n"
         "with port_lock(8080):\n print('held', flush=True); time.sleep(1.5)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    docker = HttpDocker([(True, "listening")])
    ver, _ = verifier(docker, [v.PortState.FREE], [(200, "hi")])
    started = time.monotonic()
    run = ver.http_run("app:ms", 8080, "/")
    waited = time.monotonic() - started
    holder.wait(timeout=10)
    assert run.state == "answered" and waited > 1.0



def test_build_arguments_go_to_every_build_and_name_the_base() -> None:
    """`verify --build-arg GO_VERSION=1.19`: a FROM whose tag a build argument with no default sets builds, and the
    base image whose config tells what the images inherit is the one the argument names."""
    seen: list[list[str]] = []

    class Recorded(v.DockerCLI):
        def _run(self, args: list[str], timeout: float | None = 120, env: dict[str, str] | None = None) -> v.Proc:
            seen.append(args)
            return v.Proc(0, "", "")

    docker = Recorded(build_args=("GO_VERSION=1.19",))
    docker.build("Dockerfile", "ctx", "app:orig")
    assert seen[0][:7] == ["build", "--network", "host", "-f", "Dockerfile", "-t", "app:orig"]
    assert seen[0][7:] == ["--build-arg", "GO_VERSION=1.19", "ctx"]
    text = "ARG GO_VERSION\nARG VARIANT=bookworm\nFROM golang:${GO_VERSION}-$VARIANT\nCMD [\"x\"]\n"
    assert v.final_base(text, ("GO_VERSION=1.19",)) == "golang:1.19-bookworm"
    assert v.final_base(text) is None  # no value: not an image to inspect


def test_cli_build_arguments_reach_the_engine(go_app: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    given: list[tuple[str, ...]] = []

    def engine(network: str = "host", build_args: tuple[str, ...] = ()) -> FakeDocker:
        given.append(build_args)
        return FakeDocker()

    monkeypatch.setattr(v, "DockerCLI", engine)
    r = CliRunner().invoke(v.verify_cmd, [str(go_app / "Dockerfile"), "--build-arg", "A=1", "--build-arg", "B=2"])
    assert r.exit_code == 0, r.output
    assert given == [("A=1", "B=2")]
