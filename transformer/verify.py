"""``msrefactor verify``: build the original and the refactored Dockerfile for real, and compare.

    msrefactor verify Dockerfile [--context DIR] [--result FILE] [--smoke CMD] [--http PORT/PATH]
                                 [--network host] [--build-arg KEY=VALUE]... [--timeout S] [--json]
                                 [--keep-images]

Both files are built from the same context (the result is written to a temporary folder
outside the context, so ``COPY . .`` sees the same files) with the same build arguments, tagged
``msrefactor-verify/<name>:orig`` and ``:ms``, and compared:

* image size before/after and the ratio;
* runtime metadata from ``docker image inspect`` (inherited values included): Cmd,
  Entrypoint, User, WorkingDir, ExposedPorts, Healthcheck, Labels, StopSignal and Volumes
  must be equal; Env differences are reported, but variables that only the builder image
  family sets (GOPATH, GOFLAGS, a base image's SSL_CERT_FILE, PATH entries such as
  /go/bin) are notes, not failures;
* the files under WORKDIR (with no WORKDIR, under the folders the last stage COPYs into):
  the ones the result lacks are listed (usually build inputs, such as go.mod or src/);
  they fail nothing by themselves -- the smoke run decides;
* a smoke run in both images: the image's own command killed after --timeout (a server
  still running then counts as "started"), or ``--smoke CMD``, or ``--http PORT/PATH``
  (GET http://127.0.0.1:PORT/PATH until it answers); exit status and output (or HTTP
  status and body) must match.

Exit status: 0 the result builds and behaves as the original did; 1 it does not; 2 no
Docker engine, or bad input (including an original that does not build).

Why the docker CLI (through subprocess) rather than the PyPI ``docker`` SDK: the CLI
honours DOCKER_HOST, DOCKER_CONTEXT, ``docker context use``, credential helpers and
the user's config exactly as their own ``docker build`` does, so a verification builds
the way the user's builds build (same builder, same engine); it adds no dependency to
msrefactor; and every step is a command the user can copy and rerun by hand. All engine
access goes through the small :class:`DockerCLI` class, which tests replace by a fake.
"""

from __future__ import annotations

import fcntl
import http.client
import json
import os
import posixpath
import re
import shlex
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import click

from .cachemount import needs_buildkit
from .config import ConfigError, Resolver, config_flags, resolver_from_flags
from .errors import DockerfileSyntaxError
from .outcome import ExitCode
from .refactor import Options
from .tree import Instruction, Stage

EXIT_OK, EXIT_FAILED, EXIT_ERROR = ExitCode.OK, ExitCode.FOUND, ExitCode.ERROR  # the one table is outcome.py's
DEFAULT_TIMEOUT = 15.0
BUILD_TIMEOUT = 1800
FILE_LIST_CAP = 5000

# Metadata that must be equal in both images (inspect's Config keys).
STRICT_KEYS = ("Cmd", "Entrypoint", "User", "WorkingDir", "ExposedPorts", "Healthcheck", "Labels",
               "StopSignal", "Volumes")

# Variables only a builder image family sets (or a build reads): their loss in the runtime is a note.
BUILDER_ENV = frozenset({
    "GOPATH", "GOROOT", "GOOS", "GOARCH", "GOFLAGS", "GOPROXY", "GOPRIVATE", "GONOSUMDB", "GOSUMDB",
    "GO111MODULE", "GOCACHE", "GOMODCACHE", "GOTOOLCHAIN", "GOLANG_VERSION", "GOAMD64", "GOBIN",
    "CGO_ENABLED", "CGO_CFLAGS", "CGO_LDFLAGS",
    "RUST_VERSION", "RUSTUP_HOME", "CARGO_HOME", "CARGO_HTTP_CAINFO", "RUSTFLAGS",
    "YARN_VERSION", "NPM_CONFIG_LOGLEVEL", "NPM_CONFIG_PREFIX",
    "PYTHON_PIP_VERSION", "PYTHON_SETUPTOOLS_VERSION", "PYTHON_GET_PIP_URL", "PYTHON_GET_PIP_SHA256",
    "PIP_NO_CACHE_DIR", "PIP_DISABLE_PIP_VERSION_CHECK", "PIP_CERT", "PIP_INDEX_URL",
    "MAVEN_HOME", "MAVEN_CONFIG", "GRADLE_HOME", "GRADLE_VERSION",
    "GPG_KEY", "DEBIAN_FRONTEND", "CC", "CXX", "CFLAGS", "CXXFLAGS", "LDFLAGS", "MAKEFLAGS",
})
BUILDER_ENV_PREFIXES = ("CGO_", "CARGO_", "RUSTUP_", "NPM_CONFIG_", "PIP_", "MAVEN_", "GRADLE_")
# Volumes only a builder image declares (the gradle image's, for Gradle's downloads): a runtime without them is a note.
BUILDER_VOLUMES = frozenset({"/home/gradle/.gradle"})
BUILDER_PATH_DIRS = frozenset({"/usr/local/go/bin", "/go/bin", "/root/go/bin", "/usr/local/cargo/bin",
                               "/root/.cargo/bin", "/usr/share/maven/bin", "/opt/gradle/bin"})


def _as_text(data: object) -> str:
    """A timed-out run's partial output: bytes, or str when the run was in text mode (typeshed says bytes)."""
    if isinstance(data, bytes):
        return data.decode(errors="replace")
    return data if isinstance(data, str) else ""


def _env_flags(env: dict[str, str] | None) -> list[str]:
    return [flag for key, value in sorted((env or {}).items()) for flag in ("-e", f"{key}={value}")]


class NoEngine(Exception):
    """No Docker engine answers."""


class BadInput(Exception):
    """The input cannot be verified (no such file, original does not build, port busy...)."""


# --------------------------------------------------------------------------- docker access


@dataclass
class Proc:
    returncode: int
    stdout: str
    stderr: str
    timed_out: bool = False

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _build_env(dockerfile: str) -> dict[str, str] | None:
    """The environment of a build: BuildKit's (DOCKER_BUILDKIT=1) when only BuildKit builds the file (a cache mount
    msrefactor added, a heredoc), so that a docker whose default is the classic builder builds it too; else
    docker's own default."""
    from .parser import parse

    try:
        needs = needs_buildkit(parse(Path(dockerfile).read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, DockerfileSyntaxError):
        return None
    return {**os.environ, "DOCKER_BUILDKIT": "1"} if needs else None


class DockerCLI:
    """Every call to the Docker engine, through the ``docker`` command (see the module docstring)."""

    def __init__(self, network: str = "host", binary: str = "docker", build_args: tuple[str, ...] = ()) -> None:
        self.network = network
        self.binary = binary
        self.build_args = build_args  # KEY=VALUE, given to every build (`--build-arg GO_VERSION=1.19`)

    def _run(self, args: list[str], timeout: float | None = 120, env: dict[str, str] | None = None) -> Proc:
        try:
            p = subprocess.run([self.binary, *args], capture_output=True, text=True, errors="replace",
                               timeout=timeout, stdin=subprocess.DEVNULL, env=env)
        except subprocess.TimeoutExpired as e:
            return Proc(-1, _as_text(e.stdout), _as_text(e.stderr), timed_out=True)
        except FileNotFoundError:
            raise NoEngine(f"the {self.binary!r} command is not installed") from None
        return Proc(p.returncode, p.stdout, p.stderr)

    def ping(self) -> None:
        """Raise NoEngine unless an engine answers."""
        p = self._run(["info", "--format", "{{.ServerVersion}}"], timeout=30)
        if p.returncode != 0 or not p.stdout.strip():
            raise NoEngine(p.stderr.strip().splitlines()[-1] if p.stderr.strip() else "docker info failed")

    def build(self, dockerfile: str, context: str, tag: str, target: str | None = None) -> Proc:
        stage = ["--target", target] if target else []
        arguments = [word for pair in self.build_args for word in ("--build-arg", pair)]
        return self._run(["build", "--network", self.network, "-f", dockerfile, "-t", tag, *arguments, *stage,
                          context], timeout=BUILD_TIMEOUT, env=_build_env(dockerfile))

    def layers(self, ref: str) -> list[tuple[int, str]] | None:
        """(size in bytes, the instruction that made it) for each layer of an image, newest first."""
        p = self._run(["history", "--human=false", "--no-trunc", "--format", "{{.Size}}\t{{.CreatedBy}}", ref],
                      timeout=60)
        if p.returncode != 0:
            return None
        out: list[tuple[int, str]] = []
        for line in p.stdout.splitlines():
            size, _, created = line.partition("\t")
            out.append((int(size) if size.isdigit() else 0, created))
        return out

    def inspect(self, ref: str) -> dict[str, Any] | None:
        p = self._run(["image", "inspect", ref], timeout=60)
        if p.returncode != 0:
            return None
        data = json.loads(p.stdout)
        return data[0] if data else None

    def run(self, image: str, args: list[str], *, name: str, timeout: float,
            entrypoint: str | None = None, user: str | None = None, env: dict[str, str] | None = None) -> Proc:
        """``docker run --rm``; after ``timeout`` seconds the container is removed (timed_out=True)."""
        cmd = ["run", "--rm", "--network", self.network, "--name", name, *_env_flags(env)]
        if entrypoint is not None:
            cmd += ["--entrypoint", entrypoint]
        if user is not None:
            cmd += ["--user", user]
        p = self._run([*cmd, image, *args], timeout=timeout)
        if p.timed_out:
            self.remove_container(name)
        return p

    def start(self, image: str, *, name: str, env: dict[str, str] | None = None) -> Proc:
        return self._run(["run", "-d", "--network", self.network, "--name", name, *_env_flags(env), image],
                         timeout=60)

    def logs(self, name: str) -> str:
        return self._run(["logs", name], timeout=60).output

    def is_running(self, name: str) -> bool:
        p = self._run(["inspect", "--format", "{{.State.Running}}", name], timeout=30)
        return p.stdout.strip() == "true"

    def remove_container(self, name: str) -> None:
        self._run(["rm", "-f", name], timeout=60)

    def remove_image(self, tag: str) -> None:
        self._run(["rmi", tag], timeout=120)

    def list_files(self, image: str, root: str) -> list[str] | None:
        """Paths (files and links, relative to root) under root, or None when root does not exist."""
        script = 'cd "$1" 2>/dev/null || exit 3; find . \\( -type f -o -type l \\) -print'
        name = f"msrefactor-verify-ls-{uuid.uuid4().hex[:10]}"
        p = self.run(image, ["-c", script, "sh", root], name=name, timeout=120, entrypoint="/bin/sh", user="0")
        if p.returncode == 3:
            return None
        if p.returncode == 0:
            return sorted(line[2:] for line in p.stdout.splitlines() if line.startswith("./"))
        return self.export_files(image, root)  # no shell or no find: read the file system as a tar

    def export_files(self, image: str, root: str) -> list[str] | None:
        """The same list through ``docker create`` + ``docker export`` (works for distroless and scratch)."""
        p = self._run(["create", "--network", self.network, "--entrypoint", "/nonexistent", image], timeout=60)
        if p.returncode != 0:
            return None
        cid = p.stdout.strip()
        prefix = root.strip("/")
        found: list[str] = []
        seen_root = not prefix
        try:
            with subprocess.Popen([self.binary, "export", cid], stdout=subprocess.PIPE) as proc:
                assert proc.stdout is not None
                with tarfile.open(fileobj=proc.stdout, mode="r|") as tar:
                    for member in tar:
                        name = member.name.removeprefix("./").strip("/")
                        if prefix and name == prefix:
                            seen_root = True
                            continue
                        if prefix and not name.startswith(prefix + "/"):
                            continue
                        seen_root = True
                        if member.isfile() or member.issym() or member.islnk():
                            found.append(name[len(prefix) + 1:] if prefix else name)
        finally:
            self.remove_container(cid)
        return sorted(found) if seen_root else None


# --------------------------------------------------------------------------- the report


class Verdict(str, Enum):
    """The verdict of one check: its value is what the table and the JSON report show."""

    OK = "ok"
    NOTE = "note"  # worth knowing, not a difference (an added variable, what stays in the builder)
    FAIL = "FAIL"

    def __str__(self) -> str:
        return self.value


@dataclass
class Check:
    """One row of the verdict table."""

    name: str
    original: str
    result: str
    status: Verdict
    detail: str = ""


class RunKind(str, Enum):
    """What a smoke run runs in both images (the words of the progress lines and the check names)."""

    SMOKE = "smoke"  # a command (--smoke, smoke.json run)
    HTTP = "http"  # the image's server, asked over HTTP (--http, smoke.json http)
    DEFAULT = "default"  # the image's own command

    def __str__(self) -> str:
        return self.value


class RunState(str, Enum):
    """How a smoke run ended (the words of the report's table and of its JSON)."""

    EXITED = "exited"
    STARTED = "started"  # still running at the timeout
    ANSWERED = "answered"  # the server answered over HTTP
    NO_ANSWER = "no answer"
    ERROR = "error"  # the container did not start

    def __str__(self) -> str:
        return self.value


@dataclass
class SmokeRun:
    kind: RunKind
    command: str
    state: RunState
    exit_code: int | None = None
    output: str = ""
    http_status: int | None = None
    body: str = ""


@dataclass
class VerifyReport:
    dockerfile: str
    context: str
    changed: bool = False
    built_original: bool = False
    built_result: bool = False
    build_error: str = ""
    size_original: int | None = None
    size_result: int | None = None
    ratio: float | None = None
    metadata: dict[str, list[Any]] = field(default_factory=dict)
    env_notes: list[str] = field(default_factory=list)
    workdir: str = ""
    files_original: int | None = None
    files_result: int | None = None
    missing_files: list[str] = field(default_factory=list)
    added_files: list[str] = field(default_factory=list)
    smoke: list[list[SmokeRun]] = field(default_factory=list)  # pairs [original, result]
    checks: list[Check] = field(default_factory=list)
    images: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.built_result and not any(c.status is Verdict.FAIL for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if c.status is Verdict.FAIL]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ok"] = self.ok
        return data


# --------------------------------------------------------------------------- comparison logic (pure)


def _env_dict(env: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in env or []:
        key, _, value = item.partition("=")
        out[key] = value
    return out


def is_builder_var(key: str) -> bool:
    return key in BUILDER_ENV or key.startswith(BUILDER_ENV_PREFIXES)


def compare_env(orig: list[str] | None, result: list[str] | None, orig_base: list[str] | None = None,
                result_base: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(failures, notes) for the Env of both images.

    orig_base/result_base: the Env of each image's base image, when known. A variable the
    original inherited from its base (or that a builder family sets) may go; one the
    Dockerfile set must reach the result with the same value. Added variables are notes.
    """
    a, b = _env_dict(orig), _env_dict(result)
    base_a, base_b = _env_dict(orig_base), _env_dict(result_base)
    fails: list[str] = []
    notes: list[str] = []
    for key in sorted(set(a) | set(b)):
        va, vb = a.get(key), b.get(key)
        if va == vb:
            continue
        if key == "PATH":
            f, n = _compare_path(va or "", vb or "", base_a.get("PATH", ""))
            fails += f
            notes += n
            continue
        inherited = key in base_a and base_a[key] == va
        if va is None:
            notes.append(f"{key}={vb} added in the result" + (" (its base image sets it)" if key in base_b else ""))
        elif vb is None:
            if is_builder_var(key) or inherited:
                why = "a builder variable" if is_builder_var(key) else "inherited from the original's base image"
                notes.append(f"{key}={va} is gone ({why})")
            else:
                fails.append(f"{key}={va} is missing in the result")
        elif is_builder_var(key) or (inherited and base_b.get(key) == vb):
            notes.append(f"{key}: {va} -> {vb} (base image value)")
        else:
            fails.append(f"{key}: {va} -> {vb}")
    return fails, notes


def _compare_path(orig: str, result: str, orig_base: str) -> tuple[list[str], list[str]]:
    pa = [p for p in orig.split(":") if p]
    pb = [p for p in result.split(":") if p]
    base = set(orig_base.split(":"))
    fails, notes = [], []
    for entry in pa:
        if entry in pb:
            continue
        if entry in BUILDER_PATH_DIRS or entry in base:
            notes.append(f"PATH entry {entry} is gone (builder image)")
        else:
            fails.append(f"PATH entry {entry} is missing in the result")
    extra = [p for p in pb if p not in pa]
    if extra:
        notes.append("PATH entries added: " + ":".join(extra))
    if not extra and set(pa) <= set(pb) and [p for p in pb if p in pa] != pa:
        notes.append(f"PATH order changed: {orig} -> {result}")
    return fails, notes


def _normal(key: str, value: Any) -> Any:
    if key in ("ExposedPorts", "Volumes"):
        return sorted((value or {}).keys())
    if key == "Labels":
        return dict(sorted((value or {}).items()))
    if key in ("User", "WorkingDir", "StopSignal"):
        return value or ""
    return value or None


def metadata(config: dict[str, Any] | None) -> dict[str, Any]:
    """The compared fields of an inspect ``Config`` (missing ones normalised)."""
    cfg = config or {}
    out = {k: _normal(k, cfg.get(k)) for k in STRICT_KEYS}
    out["Env"] = sorted(cfg.get("Env") or [])
    return out


def compare_metadata(orig_cfg: dict[str, Any] | None, result_cfg: dict[str, Any] | None,
                     orig_base_cfg: dict[str, Any] | None = None,
                     result_base_cfg: dict[str, Any] | None = None) -> list[Check]:
    """Checks for the runtime metadata of both images (inspect ``Config`` dicts)."""
    a, b = metadata(orig_cfg), metadata(result_cfg)
    checks: list[Check] = []
    for key in STRICT_KEYS:
        va, vb = a[key], b[key]
        if va == vb:
            checks.append(Check(key, _short(va), _short(vb), Verdict.OK))
        elif key == "Volumes" and set(vb) <= set(va) and set(va) - set(vb) <= BUILDER_VOLUMES:
            checks.append(Check(key, _short(va), _short(vb), Verdict.NOTE,
                                f"the runtime declares no volume {', '.join(sorted(set(va) - set(vb)))}, which only "
                                "the builder's image declares, for its build tool's downloads"))
        else:
            checks.append(Check(key, _short(va), _short(vb), Verdict.FAIL, f"{key} differs: {va!r} -> {vb!r}"))
    fails, notes = compare_env(a["Env"], b["Env"], (orig_base_cfg or {}).get("Env"),
                               (result_base_cfg or {}).get("Env"))
    env_status = Verdict.FAIL if fails else Verdict.NOTE if notes else Verdict.OK
    detail = "; ".join(fails + notes)
    checks.append(Check("Env", f"{len(a['Env'])} vars", f"{len(b['Env'])} vars", env_status, detail))
    return checks


def compare_files(orig: list[str] | None, result: list[str] | None) -> tuple[list[str], list[str]]:
    """(missing in the result, added in the result)."""
    sa, sb = set(orig or []), set(result or [])
    return sorted(sa - sb), sorted(sb - sa)


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


# where a Python package lies: the prefix before lib/pythonX.Y/site-packages is the one thing a refactoring
# moves on purpose (/usr/local -> the virtual environment /opt/venv), and a warning or traceback prints it
_SITE_PACKAGES = re.compile(r"/[^\s\"':]*?(/lib/python\d+(?:\.\d+)?/site-packages/)")


# what differs between two runs of the same program: the moment it ran (dates, clock times, how long a step
# took), the process ids the kernel gave it and the addresses its objects got; a log line holds them
# (gunicorn's `[2026-12-02 03:04:05 +0000] [7] [INFO] Booting worker with pid: 7`, NestJS's
# `[Nest] 18  - 12/02/2026, 3:04:05 AM ... +2ms`), so they are read as placeholders
_VOLATILE = (
    (re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?(?:Z|\s?[+-]\d\d:?\d\d)?"), "<time>"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d\d-\d\d\b"), "<date>"),
    (re.compile(r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? +|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                r"[a-z]* +\d{1,2}\b(?:,? +\d{4})?"), "<date>"),
    (re.compile(r"\b\d{1,2}:\d\d:\d\d(?:[.,]\d+)?(?:\s?[AP]M)?\b"), "<time>"),
    (re.compile(r"\+?\b\d+(?:\.\d+)?\s?(?:ms|µs|us|ns)\b|\b\d+\.\d+\s?s\b"), "<duration>"),
    (re.compile(r"\b(pid|PID|process)(\s*[:=]?\s*\[?)\d+"), r"\1\2<pid>"),
    (re.compile(r"\[\d+\](?=\s*\[)|(?<=\[Nest\] )\d+\b"), "<pid>"),
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "<address>"),
)


def _steady(text: str) -> str:
    """The text with its run-dependent parts (times, durations, process ids, addresses) as placeholders."""
    for pattern, placeholder in _VOLATILE:
        text = pattern.sub(placeholder, text)
    return text


def moved_command_dirs(orig_cfg: dict[str, Any] | None, result_cfg: dict[str, Any] | None) -> tuple[str, ...]:
    """The folders of commands both runs may name, when the refactoring moved the installed commands: the PATH
    entries the result added (/opt/venv/bin, a user base's bin) and the original's PATH entries, where its
    commands lay (/usr/local/bin); none when the result added no PATH entry (nothing was moved)."""
    def path(cfg: dict[str, Any] | None) -> list[str]:
        return [d.rstrip("/") for d in _env_dict((cfg or {}).get("Env")).get("PATH", "").split(":")
                if d.startswith("/") and d.rstrip("/")]
    orig, result = path(orig_cfg), path(result_cfg)
    added = [d for d in result if d not in orig]
    return tuple(sorted(set(added + orig), key=lambda d: (-len(d), d))) if added else ()


def _command_paths(dirs: tuple[str, ...]) -> re.Pattern[str] | None:
    """A command's path in one of ``dirs`` (``/opt/venv/bin/gunicorn``), its folder a group; None for no dirs."""
    if not dirs:
        return None
    return re.compile(r"(?<![\w./-])(" + "|".join(re.escape(d) for d in dirs) + r")/(?=[\w.-])")


def _same_output(orig: str, result: str, moved: tuple[str, ...] = ()) -> bool:
    """Whether two runs printed the same, reading every package's path without the prefix of the Python
    installation it lies in (the Python version in it still counts), a command's path without its folder when
    the refactoring moved the commands (``moved``: see moved_command_dirs), and without what changes from one
    run of the same program to the next (times, durations, process ids, addresses)."""
    return _plain(orig, moved) == _plain(result, moved)


def _plain(text: str, moved: tuple[str, ...] = ()) -> str:
    """The text as _same_output compares it."""
    commands = _command_paths(moved)
    text = _SITE_PACKAGES.sub(r"<prefix>\1", _clean(text))
    return _steady(commands.sub("<bin>/", text) if commands is not None else text)


_TRACEBACK = "Traceback (most recent call last):"


def without_frames(text: str) -> str:
    """The text with the frames of each Python traceback (the indented lines after ``Traceback (most recent call
    last):``) left out: the exception each ends in stays."""
    lines: list[str] = []
    in_frames = False
    for line in text.splitlines():
        if in_frames and line.startswith(" "):
            continue
        in_frames = line.strip() == _TRACEBACK
        lines.append(line)
    return "\n".join(lines)


def _same_but_frames(orig: str, result: str, moved: tuple[str, ...]) -> bool:
    """Whether two outputs that differ are the same but for the frames of their Python tracebacks: the way a program
    came to the same exception can differ from one run to the next (Django runs its system checks in the order
    of a set of functions, so two runs of one image fail the same import through different checks)."""
    a, b = _plain(orig, moved), _plain(result, moved)
    return _TRACEBACK in a and without_frames(a) == without_frames(b)


def compare_smoke(orig: SmokeRun, result: SmokeRun, moved: tuple[str, ...] = ()) -> Check:
    """One smoke run in both images: same state, exit status and output (or HTTP status and body); ``moved``:
    the folders of commands the refactoring moved (moved_command_dirs)."""
    name = f"smoke {orig.kind}" + (f" {orig.command}" if orig.command else "")
    left, right = describe_run(orig), describe_run(result)
    if orig.kind is RunKind.HTTP:
        if orig.state is not RunState.ANSWERED:
            return Check(name, left, right, Verdict.FAIL,
                         f"the original did not answer {orig.command}: nothing to compare; {_tail(orig.output)}")
        if result.state is not RunState.ANSWERED:
            return Check(name, left, right, Verdict.FAIL, f"the result did not answer: {_tail(result.output)}")
        if orig.http_status != result.http_status or not _same_output(orig.body, result.body, moved):
            return Check(name, left, right, Verdict.FAIL,
                         f"HTTP {orig.http_status} {_tail(orig.body, 200)!r} -> "
                         f"HTTP {result.http_status} {_tail(result.body, 200)!r}")
        return Check(name, left, right, Verdict.OK, _set_aside(orig.body, result.body))
    if orig.state != result.state:
        return Check(name, left, right, Verdict.FAIL,
                     f"the original {left}, the result {right}: {_tail(result.output)}")
    if orig.state is RunState.STARTED:
        return Check(name, left, right, Verdict.OK)
    if orig.exit_code != result.exit_code:
        return Check(name, left, right, Verdict.FAIL,
                     f"exit {orig.exit_code} -> exit {result.exit_code}; the result printed: {_tail(result.output)}")
    if not _same_output(orig.output, result.output, moved):
        if _same_but_frames(orig.output, result.output, moved):
            return Check(name, left, right, Verdict.NOTE,
                         "the same output but for the frames of a Python traceback, which ends in the same exception "
                         f"(the way to it may differ between runs of one image): {_tail(result.output, 200)!r}")
        return Check(name, left, right, Verdict.FAIL,
                     f"output differs: {_tail(orig.output, 300)!r} -> {_tail(result.output, 300)!r}")
    return Check(name, left, right, Verdict.OK, _set_aside(orig.output, result.output))


def _set_aside(orig: str, result: str) -> str:
    """What an OK check says when the texts were equal only once the run-dependent parts were set aside."""
    if _clean(orig) == _clean(result):
        return ""
    return ("the same once the parts that differ between runs (times, process ids, addresses, Python's prefix, "
            "the folder of moved commands) are set aside")


def describe_run(run: SmokeRun) -> str:
    if run.state is RunState.EXITED:
        first = _clean(run.output).splitlines()
        return f"exit {run.exit_code}" + (f" {first[-1][:40]!r}" if first else "")
    if run.state is RunState.ANSWERED:
        return f"HTTP {run.http_status} ({len(run.body)} B)"
    return str(run.state)


def _tail(text: str, n: int = 600) -> str:
    text = _clean(text)
    return text if len(text) <= n else "..." + text[-n:]


def _short(value: Any, n: int = 30) -> str:
    text = "-" if value in (None, "", [], {}) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= n else text[: n - 3] + "..."


def _size(n: int | None) -> str:
    if n is None:
        return "-"
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n = n / 1000  # type: ignore[assignment]
    return str(n)  # pragma: no cover


def size_check(size_original: int | None, size_result: int | None, ratio: float | None) -> Check:
    """A result larger than the original fails: the refactoring exists to make images smaller."""
    shown = _size(size_result) + (f" (x{ratio:.3f})" if ratio is not None else "")
    if size_original is not None and size_result is not None and size_result > size_original:
        grown = _size(size_result - size_original)
        return Check("size", _size(size_original), shown, Verdict.FAIL,
                     f"the result is {grown} larger than the original")
    return Check("size", _size(size_original), shown, Verdict.OK)


def expect_check(kind: str, expected: str, orig: SmokeRun, result: SmokeRun) -> Check:
    """smoke.json's expected text must be in the result's output (or HTTP body), as in the original's."""
    def seen(run: SmokeRun) -> bool:
        return expected in (run.body if run.kind is RunKind.HTTP else run.output)

    name = f"expect {kind}"
    shown = repr(expected if len(expected) <= 24 else expected[:21] + "...")
    if seen(result):
        return Check(name, shown, "found", Verdict.OK)
    if not seen(orig):
        return Check(name, "not found", "not found", Verdict.FAIL,
                     f"neither image printed {expected!r}: the original fails its own smoke check")
    where = result.body if result.kind is RunKind.HTTP else result.output
    return Check(name, "found", "not found", Verdict.FAIL,
                 f"the result did not print {expected!r}: {_tail(where, 300)}")


# --------------------------------------------------------------------------- smoke.json


SMOKE_FILE = "smoke.json"


@dataclass(frozen=True)
class SmokeSpec:
    """What a smoke.json beside the Dockerfile asks for (the keys of shared/e2e/run.py's files).

    run: a command run in both images (run_expect: text its output must hold); http: a port and path to
    GET (http_expect: text the body must hold); expect: text the image's own command must print;
    timeout: seconds a run or a server's start may take; env: variables set in every run (a server that
    reads its port from the environment can be moved off a port other programs use).
    """

    run: tuple[str, ...] = ()
    run_expect: str = ""
    http: tuple[int, str] | None = None
    http_expect: str = ""
    expect: str | None = None
    timeout: float | None = None
    env: tuple[tuple[str, str], ...] = ()
    source: str = ""


def load_smoke_spec(path: str | os.PathLike[str]) -> SmokeSpec:
    """Read a smoke.json; BadInput (``file:line:col: why``) when it is not one."""
    name = str(path)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(f"{name}: {getattr(e, 'strerror', None) or e}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(f"{name}:{e.lineno}:{e.colno}: {e.msg}") from None
    return smoke_spec_from(data, name)


def smoke_spec_from(data: Any, name: str = SMOKE_FILE) -> SmokeSpec:
    if not isinstance(data, dict):
        raise BadInput(f"{name}:1:1: a JSON object expected")
    # "aliases" (zoo tags the test harness makes) and keys starting with "_" (comments) are not verify's
    unknown = sorted(k for k in set(data) - {"run", "run_expect", "http", "expect", "timeout", "env", "unchanged",
                                             "aliases"} if not str(k).startswith("_"))
    if unknown:
        raise BadInput(f"{name}:1:1: unknown key {unknown[0]!r}")
    run = data.get("run", [])
    if not (isinstance(run, list) and all(isinstance(a, str) for a in run)):
        raise BadInput(f"{name}:1:1: run must be a list of strings")
    http = data.get("http")
    port_path: tuple[int, str] | None = None
    if http is not None:
        port = http.get("port") if isinstance(http, dict) else None
        if not isinstance(port, int) or not 0 < port < 65536:
            raise BadInput(f"{name}:1:1: http must be {{\"port\": P, \"path\": \"/x\", \"expect\": \"...\"}}")
        port_path = (port, str(http.get("path") or "/"))
    timeout = data.get("timeout")
    if timeout is not None and not (isinstance(timeout, (int, float)) and timeout > 0):
        raise BadInput(f"{name}:1:1: timeout must be a positive number of seconds")
    env = data.get("env", {})
    if not (isinstance(env, dict) and all(isinstance(k, str) and k and "=" not in k and isinstance(val, (str, int))
                                          for k, val in env.items())):
        raise BadInput(f"{name}:1:1: env must be {{\"NAME\": \"value\", ...}}")
    return SmokeSpec(run=tuple(run), run_expect=str(data.get("run_expect", "")), http=port_path,
                     http_expect=str((http or {}).get("expect", "")),
                     expect=None if data.get("expect") is None else str(data["expect"]),
                     timeout=float(timeout) if timeout is not None else None,
                     env=tuple((k, str(val)) for k, val in sorted(env.items())), source=name)


def find_smoke_spec(dockerfile: str) -> SmokeSpec | None:
    """The smoke.json beside ``dockerfile``, if there is one."""
    path = os.path.join(os.path.dirname(os.path.abspath(dockerfile)), SMOKE_FILE)
    return load_smoke_spec(path) if os.path.isfile(path) else None


# --------------------------------------------------------------------------- the verification


def parse_http(spec: str) -> tuple[int, str]:
    """``8000/healthz`` -> (8000, "/healthz")."""
    m = re.fullmatch(r":?(\d{1,5})(/.*)?", spec.strip())
    if not m or not 0 < int(m.group(1)) < 65536:
        raise BadInput(f"--http wants PORT/PATH (e.g. 8000/healthz), not {spec!r}")
    return int(m.group(1)), m.group(2) or "/"


def image_name(path: str) -> str:
    folder = Path(path).resolve().parent.name or "root"
    name = re.sub(r"[^a-z0-9._-]+", "-", folder.lower()).strip("._-")
    return name or "app"


def final_base(text: str, build_args: tuple[str, ...] = ()) -> str | None:
    """The image the last stage starts from (following stage names), its build arguments replaced by their values
    (``build_args``, KEY=VALUE, else the defaults of the ARGs before the first FROM); None: scratch, an argument with
    no value, unparsable."""
    from .arguments import evaluate_word
    from .parser import parse

    try:
        tree = parse(text)
    except Exception:
        return None
    given = [pair for i in tree.preamble if isinstance(i, Instruction) and i.cmd == "arg" for pair in i.value]
    values = dict(pair.partition("=")[::2] for pair in (*given, *build_args) if "=" in pair)
    names = {s.name.lower(): s for s in tree.stages if s.name}
    stage = tree.stages[-1] if tree.stages else None
    for _ in range(len(tree.stages) + 1):
        if stage is None:
            return None
        base = stage.base_image
        if base.lower() in names and names[base.lower()] is not stage:
            stage = names[base.lower()]
            continue
        base = evaluate_word(base, {k: evaluate_word(v, {}) for k, v in values.items()})
        return None if base == "scratch" or "$" in base else base
    return None


PORT_WAIT = 90.0  # seconds a busy port is waited for: a closed connection stays in TIME_WAIT 60 s on Linux
PORT_POLL = 0.5
HTTP_ATTEMPTS = 3  # runs of one HTTP smoke check when another program takes its port meanwhile
ADDRESS_IN_USE = re.compile(r"address already in use|EADDRINUSE|bind\(\) to \S+ failed", re.IGNORECASE)


class PortState(Enum):
    """What a server about to start would find on its port (host network: the machine's ports)."""

    FREE = "free"  # nothing answers and a server that does not set SO_REUSEADDR can bind it
    ANSWERS = "answers"  # a program listens on it
    HELD = "held"  # nothing answers, yet bind fails: a closed connection in TIME_WAIT, or a socket not listening


def port_state(port: int) -> PortState:
    if _port_answers(port):
        return PortState.ANSWERS
    return PortState.FREE if _port_bindable(port) else PortState.HELD


@contextmanager
def port_lock(port: int) -> Iterator[None]:
    """Hold the machine's lock of ``port`` while a server is smoke-checked on it: the verifications of other
    processes (``batch --verify -j``, tests run in parallel) that use the same host port wait their turn
    instead of answering each other's requests. The lock is released when the process ends, however it ends."""
    path = Path(tempfile.gettempdir()) / f"msrefactor-port-{port}.lock"
    with open(path, "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


def _port_answers(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _port_bindable(port: int) -> bool:
    """Whether a server that does not set SO_REUSEADDR could bind every IPv4 address on the port now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:  # Python sets no SO_REUSEADDR by default
        try:
            s.bind(("0.0.0.0", port))
        except OSError:
            return False
    return True


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=3) as r:  # loopback only
            return r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except (ConnectionResetError, http.client.HTTPException) as e:
        answer = _get_plain(url)
        if answer is None:
            raise OSError(f"the connection broke before an answer: {e!r}") from e
        return answer


def _get_plain(url: str) -> tuple[int, str] | None:
    """An HTTP/1.0 GET read until the server closes or resets the connection: a server that answers without reading
    the request and then closes (rp24rust m3rryqold/dockerized-apps-templates' Rust server) resets it, and urllib
    loses the answer it had received; curl and browsers show it. None when no status line came."""
    parts = urllib.parse.urlsplit(url)
    received = b""
    with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80), timeout=3) as s:
        s.sendall(f"GET {parts.path or '/'} HTTP/1.0\r\nHost: {parts.netloc}\r\n\r\n".encode())
        try:
            while chunk := s.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass  # what came before the reset is the answer
    head, _, body = received.partition(b"\r\n\r\n")
    status = re.match(rb"HTTP/\d(?:\.\d)? (\d{3})", head)
    return (int(status.group(1)), body.decode(errors="replace")) if status else None


class Verifier:
    """The smoke runs of one verification; ``probe``, ``get`` and ``sleep`` are replaced in tests."""

    def __init__(self, docker: DockerCLI, timeout: float = DEFAULT_TIMEOUT, *, env: dict[str, str] | None = None,
                 port_wait: float = PORT_WAIT, probe: Callable[[int], PortState] = port_state,
                 get: Callable[[str], tuple[int, str]] = _get, sleep: Callable[[float], None] = time.sleep) -> None:
        self.docker = docker
        self.timeout = timeout
        self.env = dict(env or {})
        self.port_wait = port_wait
        self.probe, self.get, self.sleep = probe, get, sleep
        self.containers: list[str] = []

    def _name(self, role: str) -> str:
        name = f"msrefactor-verify-{role}-{uuid.uuid4().hex[:10]}"
        self.containers.append(name)
        return name

    def default_run(self, image: str) -> SmokeRun:
        p = self.docker.run(image, [], name=self._name("run"), timeout=self.timeout, env=self.env)
        if p.timed_out:
            return SmokeRun(RunKind.DEFAULT, "", RunState.STARTED, output=p.output)
        return SmokeRun(RunKind.DEFAULT, "", RunState.EXITED, p.returncode, p.output)

    def smoke_run(self, image: str, command: list[str]) -> SmokeRun:
        p = self.docker.run(image, command, name=self._name("smoke"), timeout=self.timeout, env=self.env)
        text = shlex.join(command)
        if p.timed_out:
            return SmokeRun(RunKind.SMOKE, text, RunState.STARTED, output=p.output)
        return SmokeRun(RunKind.SMOKE, text, RunState.EXITED, p.returncode, p.output)

    def http_run(self, image: str, port: int, path: str) -> SmokeRun:
        """Start the image and GET the port until it answers.

        The port is the machine's (host network), which other programs may use: a port that answers or
        cannot be bound yet (a connection of the previous run in TIME_WAIT) is waited for, and a run that
        another program disturbed (it held the port when the image's server tried to bind, or answered
        in its place) is made again; BadInput when the port never comes free.
        """
        with port_lock(port):
            for _ in range(HTTP_ATTEMPTS):
                self.wait_for_port(port)
                run, disturbed = self._http_once(image, port, path)
                if not disturbed:
                    return run
        raise BadInput(f"port {port}: another program took it during each of {HTTP_ATTEMPTS} runs of {image}: "
                       "free it, or move the server to another port (smoke.json env)")

    def wait_for_port(self, port: int) -> None:
        """Return once a server can bind ``port``; BadInput after ``port_wait`` seconds."""
        tries = max(1, int(self.port_wait / PORT_POLL))
        state = self.probe(port)
        for _ in range(tries):
            if state is PortState.FREE:
                return
            self.sleep(PORT_POLL)
            state = self.probe(port)
        if state is not PortState.FREE:
            why = "answers" if state is PortState.ANSWERS else "cannot be bound (a connection in TIME_WAIT?)"
            raise BadInput(f"port {port} {why} on 127.0.0.1 and stayed so for {self.port_wait:.0f} s: free it first")

    def _http_once(self, image: str, port: int, path: str) -> tuple[SmokeRun, bool]:
        """One run: (what happened, whether another program disturbed it)."""
        label = f"{port}{path}"
        name = self._name("http")
        p = self.docker.start(image, name=name, env=self.env)
        if p.returncode != 0:
            return SmokeRun(RunKind.HTTP, label, RunState.ERROR, p.returncode, p.output), False
        try:
            deadline = time.monotonic() + self.timeout
            while time.monotonic() < deadline:
                try:
                    status, body = self.get(f"http://127.0.0.1:{port}{path}")
                except (OSError, urllib.error.URLError):
                    if not self.docker.is_running(name):
                        logs = self.docker.logs(name)
                        return SmokeRun(RunKind.HTTP, label, RunState.EXITED, output=logs), self._taken(port, logs)
                    self.sleep(0.5)
                    continue
                logs = self.docker.logs(name)
                stolen = not self.docker.is_running(name) and self._taken(port, logs)  # who answered, then?
                answer = SmokeRun(RunKind.HTTP, label, RunState.ANSWERED, http_status=status, body=body, output=logs)
                return answer, stolen
            logs = self.docker.logs(name)
            return SmokeRun(RunKind.HTTP, label, RunState.NO_ANSWER, output=logs), bool(ADDRESS_IN_USE.search(logs))
        finally:
            self.docker.remove_container(name)

    def _taken(self, port: int, logs: str) -> bool:
        """The image's server has stopped: did another program hold its port (it said so, or still answers)?"""
        return bool(ADDRESS_IN_USE.search(logs)) or self.probe(port) is PortState.ANSWERS

    def cleanup(self) -> None:
        for name in self.containers:
            self.docker.remove_container(name)
        self.containers.clear()


def _read_input(path: str, context: str | os.PathLike[str] | None) -> tuple[str, str]:
    """The build context (the Dockerfile's folder by default) and the Dockerfile's text; BadInput when either
    cannot be read."""
    from .fileio import read_text

    context = str(context) if context is not None else os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(context):
        raise BadInput(f"{context}: no such context folder")
    try:
        return context, read_text(path)
    except OSError as e:
        raise BadInput(f"{path}: {e.strerror or e}") from None


def _refactored(path: str, original: str, context: str, options: Options | None) -> str:
    """msrefactor's own refactoring of the file, with ``options`` or those of its configuration."""
    from .fileio import context_reader
    from .refactor import refactor

    result = refactor(original, read_context=context_reader(context), options=options or Resolver().options_for(path))
    if result.error is not None:
        raise BadInput(f"{path}: internal error: {result.error}")
    return result.text


@dataclass(frozen=True)
class _Runs:
    """The smoke runs of one verification, the seconds each may take and the variables they are given."""

    plan: list[PlannedRun]
    timeout: float
    env: dict[str, str] | None


def _chosen_runs(path: str, smoke: str | list[str] | None, http: str | tuple[int, str] | None,
                 smoke_spec: SmokeSpec | None, timeout: float) -> _Runs:
    """The flags' runs when given (no smoke.json read then); else ``smoke_spec``'s or the smoke.json's beside the
    Dockerfile; else the image's own command. A smoke.json's timeout counts when it is the longer."""
    if isinstance(smoke, str):
        smoke = shlex.split(smoke)
    http_spec = parse_http(http) if isinstance(http, str) else http
    if smoke or http_spec:
        smoke_spec = None
    elif smoke_spec is None:
        smoke_spec = find_smoke_spec(path)
    if smoke_spec is not None and smoke_spec.timeout:
        timeout = max(timeout, smoke_spec.timeout)
    env = dict(smoke_spec.env) if smoke_spec is not None else None
    return _Runs(smoke_plan(smoke, http_spec, smoke_spec), timeout, env)


def _build_both(report: VerifyReport, docker: DockerCLI, result_text: str, tags: dict[str, str], builder_tag: str,
                built: list[str], say: Callable[[str], None]) -> None:
    """Build the original (BadInput when it does not build) and the result (written outside the context, so that
    ``COPY . .`` sees the same files), and from the result's cache the builder stage it copies from."""
    with tempfile.TemporaryDirectory(prefix="msrefactor-verify-") as tmp:
        result_file = os.path.join(tmp, "Dockerfile.ms")
        with open(result_file, "w", encoding="utf-8", newline="") as f:
            f.write(result_text)
        say(f"building the original ({tags['original']})")
        p = _build_once_more(report, docker, os.path.abspath(report.dockerfile), tags["original"], say)
        _need_buildkit(p, "the original")
        if p.returncode != 0:
            raise BadInput(f"the original does not build:\n{_build_error(p)}")
        built.append(tags["original"])
        report.built_original = True
        say(f"building the result ({tags['result']})")
        p = _build_once_more(report, docker, result_file, tags["result"], say)
        left = _left_behind(docker, result_file, report.context, result_text, builder_tag, built) \
            if p.returncode == 0 else None
    _result_built(report, p, left, tags, built)


# what a package manager prints when a download, or its cache, failed for a reason of the moment rather than of
# the file: npm's EEXIST on a temporary file of its cache (npm/cli#7308, seen in this project's CI on a step the
# original had just built), a connection reset or timed out, a name the resolver could not answer, pip's read
# timeout, apt's hash mismatch while a mirror syncs
_TRANSIENT = re.compile(r"EEXIST: file already exists, open '[^']*/_cacache/tmp/|\bECONNRESET\b|\bETIMEDOUT\b"
                        r"|\bEAI_AGAIN\b|ReadTimeoutError|Temporary failure resolving|Hash Sum mismatch")


def transient_failure(p: Proc) -> str | None:
    """The line of the failed build ``p`` that names a failure of the moment (a download's), if one does."""
    if p.returncode == 0:
        return None
    return next((line.strip() for line in p.output.splitlines() if _TRANSIENT.search(line)), None)


def _build_once_more(report: VerifyReport, docker: DockerCLI, dockerfile: str, tag: str,
                     say: Callable[[str], None]) -> Proc:
    """Build ``dockerfile`` as ``tag``; when the build failed for a reason of the moment (transient_failure), build
    it a second time, and say so in a note. A failure that the file causes fails twice: the second build is the
    verdict."""
    p = docker.build(dockerfile, report.context, tag)
    line = transient_failure(p)
    if line is None:
        return p
    say(f"the build of {tag} failed for a reason of the moment ({line}); building it once more")
    again = docker.build(dockerfile, report.context, tag)
    outcome = "built the second time" if again.returncode == 0 else "failed again"
    report.checks.append(Check("build again", "", "", Verdict.NOTE,
                               f"the first build of {tag} failed for a reason of the moment ({line}), and {outcome}"))
    return again


# what docker (23 and later) prints when DOCKER_BUILDKIT=1 and its buildx plugin is not installed
_NO_BUILDKIT = "BuildKit is enabled but the buildx component is missing or broken"


def _need_buildkit(p: Proc, which: str) -> None:
    """BadInput when the build ``p`` of ``which`` failed for want of BuildKit, which docker could not use: the file
    cannot be verified here, which says nothing of it."""
    if p.returncode != 0 and _NO_BUILDKIT in p.output:
        raise BadInput(f"{which} needs BuildKit (a RUN flag such as a cache mount, a heredoc, COPY --link...), and "
                       "this docker cannot build with it (no buildx component): install buildx, or refactor with "
                       "--no-buildkit")


def _result_built(report: VerifyReport, p: Proc, left: Check | None, tags: dict[str, str], built: list[str]) -> None:
    """The build check of the result (its build ``p``), and what it leaves in the builder stage."""
    _need_buildkit(p, "the result")
    if p.returncode != 0:
        report.build_error = _build_error(p)
        report.checks.append(Check("build", "ok", "FAIL", Verdict.FAIL, f"the result does not build:\n"
                                   f"{report.build_error}"))
        return
    built.append(tags["result"])
    report.built_result = True
    report.checks.append(Check("build", "ok", "ok", Verdict.OK))
    if left is not None:
        report.checks.append(left)


def verify_file(path: str | os.PathLike[str], context: str | os.PathLike[str] | None = None,
                result_text: str | None = None, smoke: str | list[str] | None = None,
                http: str | tuple[int, str] | None = None, timeout: float = DEFAULT_TIMEOUT, *,
                docker: DockerCLI | None = None, network: str = "host", keep_images: bool = False,
                log: Any = None, options: Options | None = None,
                smoke_spec: SmokeSpec | None = None, build_args: tuple[str, ...] = ()) -> VerifyReport:
    """Build ``path`` and its refactoring (``result_text``, or msrefactor's own) and compare them.

    msrefactor's own refactoring uses ``options``, by default those of the file's configuration
    (``.msrefactor.toml`` / ``[tool.msrefactor]``), as ``msrefactor FILE`` does. The smoke runs:
    ``smoke`` and ``http`` when given; else ``smoke_spec``, or the smoke.json beside the Dockerfile;
    else the image's own command. Raises NoEngine when no Docker engine answers, BadInput when the
    input cannot be verified (unreadable file, a bad smoke.json, an original that does not build, a
    busy --http port). ``build_args`` (KEY=VALUE) go to both builds, as ``docker build --build-arg`` (a FROM whose
    tag a build argument with no default sets). The images are removed afterwards unless keep_images.
    """
    docker = docker or DockerCLI(network=network, build_args=build_args)
    path = str(path)
    context, original = _read_input(path, context)
    docker.ping()
    report = VerifyReport(dockerfile=path, context=context)
    if result_text is None:
        result_text = _refactored(path, original, context, options)
    report.changed = result_text != original
    runs = _chosen_runs(path, smoke, http, smoke_spec, timeout)
    say = log or (lambda _msg: None)
    repo = f"msrefactor-verify/{image_name(path)}"
    tags = {"original": f"{repo}:orig", "result": f"{repo}:ms"}
    report.images = dict(tags)
    verifier = Verifier(docker, runs.timeout, env=runs.env)
    built: list[str] = []
    try:
        _build_both(report, docker, result_text, tags, f"{repo}:builder", built, say)
        if report.built_result:
            _compare_images(report, docker, verifier, tags, original, result_text, runs.plan, say)
        return report
    finally:
        verifier.cleanup()
        if not keep_images:
            for tag in built:
                docker.remove_image(tag)


def copied_stage(text: str) -> Stage | None:
    """The stage the last stage copies from (``COPY --from=builder``), or None."""
    from .parser import parse

    try:
        tree = parse(text)
    except Exception:
        return None
    stages = {s.name.lower(): s for s in tree.stages[:-1] if s.name}
    for inst in tree.stages[-1].instructions if tree.stages else ():
        source = next((f.split("=", 1)[1] for f in inst.flags if f.lower().startswith("--from=")), None) \
            if inst.cmd == "copy" else None
        if source is not None and source.lower() in stages:
            return stages[source.lower()]
    return None


def left_behind_check(builder: list[tuple[int, str]], base: list[tuple[int, str]] | None, base_name: str) -> Check:
    """What the runtime leaves in the builder stage: the builder's base image and the layers the build added
    (the three largest named with the instruction that made them)."""
    added = builder[:len(builder) - len(base)] if base is not None else builder
    largest = sorted((layer for layer in added if layer[0] > 0), key=lambda layer: -layer[0])[:3]
    shown = "; ".join(f"{_size(n)} {_instruction(created)}" for n, created in largest)
    base_size = sum(n for n, _ in base) if base is not None else None
    base_text = f"{base_name} ({_size(base_size)})" if base_size is not None else base_name
    total = sum(n for n, _ in added)
    detail = f"the builder stage stays behind: its base image {base_text} and {_size(total)} the build added" + \
        (f"; the largest: {shown}" if shown else "")
    return Check("left in the builder", "-", _size(total + (base_size or 0)), Verdict.NOTE, detail)


def _instruction(created: str) -> str:
    """An image history's CreatedBy as the instruction it was (``RUN pip install ...``), shortened."""
    text = " ".join(created.replace("/bin/sh -c #(nop) ", "").split())
    if text.startswith("/bin/sh -c "):
        text = "RUN " + text[len("/bin/sh -c "):]
    return text if len(text) <= 70 else text[:67] + "..."


def _left_behind(docker: DockerCLI, result_file: str, context: str, result_text: str, tag: str,
                 built: list[str]) -> Check | None:
    """The builder stage, built again from the result's cache with --target, measured layer by layer."""
    stage = copied_stage(result_text)
    if stage is None or stage.name is None or \
            docker.build(result_file, context, tag, target=stage.name).returncode != 0:
        return None
    built.append(tag)
    layers = docker.layers(tag)
    if layers is None:
        return None
    return left_behind_check(layers, docker.layers(stage.base_image), stage.base_image)


def _build_error(p: Proc) -> str:
    lines = [line for line in p.output.splitlines() if "legacy builder" not in line and "buildx" not in line
             and "BuildKit" not in line]
    return "\n".join(lines[-25:])


@dataclass(frozen=True)
class PlannedRun:
    """One smoke run to make in both images, and the text its output must hold (if any)."""

    kind: RunKind
    command: tuple[str, ...] = ()
    http: tuple[int, str] | None = None
    expect: str = ""


def smoke_plan(smoke: list[str] | None, http: tuple[int, str] | None, spec: SmokeSpec | None) -> list[PlannedRun]:
    """The runs to make: the flags' when given, else the smoke.json's, else the image's own command."""
    runs: list[PlannedRun] = []
    if smoke:
        runs.append(PlannedRun(RunKind.SMOKE, tuple(smoke)))
    if http:
        runs.append(PlannedRun(RunKind.HTTP, http=http))
    if spec is not None and not runs:
        if spec.run:
            runs.append(PlannedRun(RunKind.SMOKE, spec.run, expect=spec.run_expect))
        if spec.http:
            runs.append(PlannedRun(RunKind.HTTP, http=spec.http, expect=spec.http_expect))
        if spec.expect is not None:
            runs.append(PlannedRun(RunKind.DEFAULT, expect=spec.expect))
    return runs or [PlannedRun(RunKind.DEFAULT)]


def _compare_images(report: VerifyReport, docker: DockerCLI, verifier: Verifier, tags: dict[str, str],
                    original: str, result_text: str, plan: list[PlannedRun], say: Callable[[str], None]) -> None:
    """Compare the two built images: their sizes, their metadata, the files under the WORKDIR, the smoke runs."""
    ia, ib = docker.inspect(tags["original"]) or {}, docker.inspect(tags["result"]) or {}
    _compare_sizes(report, ia.get("Size"), ib.get("Size"))
    cfg_a, cfg_b = ia.get("Config") or {}, ib.get("Config") or {}
    _compare_config(report, docker, cfg_a, cfg_b, original, result_text)
    _compare_workdir(report, docker, tags, cfg_a.get("WorkingDir") or "", say, original)
    moved = moved_command_dirs(cfg_a, cfg_b)
    for planned in plan:
        _compare_runs(report, verifier, tags, planned, say, moved)


def _compare_sizes(report: VerifyReport, size_original: int | None, size_result: int | None) -> None:
    """The two sizes, their ratio and the size check (a result larger than the original fails)."""
    report.size_original, report.size_result = size_original, size_result
    if report.size_original and report.size_result is not None:
        report.ratio = round(report.size_result / report.size_original, 4)
    report.checks.append(size_check(report.size_original, report.size_result, report.ratio))


def _compare_config(report: VerifyReport, docker: DockerCLI, cfg_a: dict[str, Any], cfg_b: dict[str, Any],
                    original: str, result_text: str) -> None:
    """The metadata checks (each image's base image's config says what is inherited), the metadata that differ
    and the Env notes."""
    arguments = getattr(docker, "build_args", ())
    bases = [final_base(original, arguments), final_base(result_text, arguments)]
    base_cfgs = [((docker.inspect(b) or {}).get("Config") if b else None) for b in bases]
    meta_checks = compare_metadata(cfg_a, cfg_b, base_cfgs[0], base_cfgs[1])
    report.checks += meta_checks
    ma, mb = metadata(cfg_a), metadata(cfg_b)
    report.metadata = {k: [ma[k], mb[k]] for k in ma if ma[k] != mb[k]}
    env_check = next(c for c in meta_checks if c.name == "Env")
    report.env_notes = [d for d in env_check.detail.split("; ") if d] if env_check.status is Verdict.NOTE else []


def _compare_workdir(report: VerifyReport, docker: DockerCLI, tags: dict[str, str], workdir: str,
                     say: Callable[[str], None], original: str = "") -> None:
    """The files under the original's WORKDIR that the result lacks (a note: the smoke runs decide); with no
    WORKDIR (/), the files under the folders the original's last stage COPYs into (listing / is too much)."""
    report.workdir = workdir
    if workdir and workdir != "/":
        say(f"listing the files under {workdir}")
        fa, fb = docker.list_files(tags["original"], workdir), docker.list_files(tags["result"], workdir)
        name = f"files {workdir}"
    else:
        listed = _copied_roots(docker, tags["original"], copied_destinations(original))
        if not listed:
            report.checks.append(Check("files", "no WORKDIR", "-", Verdict.OK,
                                       "no WORKDIR, and no COPY into a folder other than /: file lists not compared"))
            return
        say(f"listing the files under {', '.join(listed)}")
        fa = _joined(listed)
        fb = _joined({root: docker.list_files(tags["result"], root) for root in listed})
        name = f"files {', '.join(listed)}"
    report.files_original = len(fa) if fa is not None else None
    report.files_result = len(fb) if fb is not None else None
    missing, added = compare_files(fa, fb)
    report.missing_files, report.added_files = missing[:FILE_LIST_CAP], added[:FILE_LIST_CAP]
    detail = ""
    if missing:
        shown = ", ".join(missing[:8]) + (f", ... ({len(missing)} in all)" if len(missing) > 8 else "")
        detail = f"missing in the result: {shown}"
    report.checks.append(Check(name, f"{report.files_original} files", f"{report.files_result} files",
                               Verdict.NOTE if missing else Verdict.OK, detail))


COPIED_ROOTS_CAP = 6


def copied_destinations(text: str) -> list[str]:
    """Where the last stage's COPYs and ADDs from the build context write (absolute, resolved against the
    stage's WORKDIR then, from /), in their order; not /, nor a destination that names a variable."""
    from .parser import parse

    try:
        tree = parse(text)
    except Exception:
        return []
    cwd, found = "/", []
    for inst in tree.stages[-1].instructions if tree.stages else ():
        if inst.cmd == "workdir" and inst.value and "$" not in inst.value[0]:
            cwd = posixpath.normpath(posixpath.join(cwd, inst.value[0]))
        elif inst.cmd in ("copy", "add") and inst.flag("from") is None and len(inst.value) >= 2 \
                and "$" not in inst.value[-1]:
            dest = posixpath.normpath(posixpath.join(cwd, inst.value[-1]))
            if dest != "/" and dest not in found:
                found.append(dest)
    return found


def _copied_roots(docker: DockerCLI, image: str, destinations: list[str]) -> dict[str, list[str] | None]:
    """The folders to list in ``image`` for the COPYs' ``destinations``, with their files: a destination that is a
    folder there, else (a file) its folder, unless that is /; a folder inside another is listed with it."""
    roots: dict[str, list[str] | None] = {}
    for dest in destinations:
        if len(roots) >= COPIED_ROOTS_CAP:
            break
        for root in (dest, posixpath.dirname(dest)):
            if root == "/" or any(root == r or root.startswith(r.rstrip("/") + "/") for r in roots):
                break
            files = docker.list_files(image, root)
            if files is not None:
                for inner in [r for r in roots if r.startswith(root + "/")]:
                    del roots[inner]
                roots[root] = files
                break
    return roots


def _joined(listed: dict[str, list[str] | None]) -> list[str] | None:
    """The files of each listed folder as absolute paths (None when no folder exists)."""
    if all(files is None for files in listed.values()):
        return None
    return sorted(posixpath.join(root, f) for root, files in listed.items() for f in files or [])


def _compare_runs(report: VerifyReport, verifier: Verifier, tags: dict[str, str], planned: PlannedRun,
                  say: Callable[[str], None], moved: tuple[str, ...] = ()) -> None:
    """One planned run in the original, then in the result; their comparison (``moved``: the folders of commands
    the refactoring moved), and the expected text's check."""
    pair = [_smoke_run(verifier, planned, role, tags[role], say) for role in ("original", "result")]
    report.smoke.append(pair)
    check = compare_smoke(pair[0], pair[1], moved)
    if check.status is Verdict.FAIL and report.missing_files:
        where = f"under {report.workdir} " if report.workdir not in ("", "/") else ""
        check.detail += f"\n  (files {where}the result lacks: {', '.join(report.missing_files[:8])})"
    report.checks.append(check)
    if planned.expect:
        report.checks.append(expect_check(planned.kind, planned.expect, pair[0], pair[1]))


def _smoke_run(verifier: Verifier, planned: PlannedRun, role: str, image: str, say: Callable[[str], None]) -> SmokeRun:
    """The planned run in ``image`` (the ``role`` image: original or result)."""
    say(f"smoke run ({planned.kind}) in the {role}")
    if planned.kind is RunKind.SMOKE:
        return verifier.smoke_run(image, list(planned.command))
    if planned.kind is RunKind.HTTP and planned.http is not None:
        return verifier.http_run(image, *planned.http)
    return verifier.default_run(image)


# --------------------------------------------------------------------------- output and the command


def render_table(report: VerifyReport) -> str:
    rows = [("check", "original", "result", "verdict")]
    rows += [(c.name, c.original, c.result, str(c.status)) for c in report.checks]
    widths = [min(max(len(r[i]) for r in rows), 36) for i in range(3)]
    lines = [f"msrefactor verify {report.dockerfile} (context {report.context})"
             + ("" if report.changed else " -- the refactoring left the file unchanged")]
    for r in rows:
        lines.append("  ".join(cell[:36].ljust(w) for cell, w in zip(r[:3], widths, strict=True)) + "  " + r[3])
    for c in report.checks:
        if c.detail and c.status is not Verdict.OK:
            lines.append(f"{c.status}: {c.name}: " + c.detail.replace("; ", "\n    "))
    ratio = f", size x{report.ratio:.3f}" if report.ratio is not None else ""
    if report.ok:
        lines.append(f"verdict: OK: the result builds and behaves as the original did{ratio}")
    else:
        names = ", ".join(c.name for c in report.failures)
        lines.append(f"verdict: FAILED ({names})")
    return "\n".join(lines)


def _engine_message(why: str) -> str:
    host = os.environ.get("DOCKER_HOST") or "unset"
    ctx = os.environ.get("DOCKER_CONTEXT")
    extra = f", DOCKER_CONTEXT={ctx}" if ctx else ""
    return f"no Docker engine found (is dockerd running? DOCKER_HOST={host}{extra}): {why}"


def _read_result(result_file: str | None) -> str | None:
    """--result: the refactoring made elsewhere (BadInput when it cannot be read); None for msrefactor's own."""
    from .fileio import read_text

    if result_file is None:
        return None
    try:
        return read_text(result_file)
    except OSError as e:
        raise BadInput(f"{result_file}: {e.strerror or e}") from None


def _options(file: str, config_file: str | None, stage_names: tuple[str, ...], image_map: tuple[str, ...],
             disable: tuple[str, ...], runtime_user: str | None, buildkit: bool | None) -> Options:
    """The configuration ``msrefactor FILE`` would use, under the same flags; ConfigError when one is wrong."""
    return resolver_from_flags(config_file, stage_names, image_map, disable, runtime_user, buildkit).options_for(file)


def _progress(as_json: bool) -> Callable[[str], None]:
    """Where verify_file's progress lines go: stderr, or nowhere under --json."""
    def log(msg: str) -> None:
        if not as_json:
            click.echo(f"... {msg}", err=True)

    return log


@click.command("verify")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--context", "context_dir", type=click.Path(file_okay=False),
              help="The build context (default: the Dockerfile's folder).")
@click.option("--result", "result_file", type=click.Path(dir_okay=False),
              help="A refactoring made elsewhere, to verify instead of msrefactor's own.")
@click.option("--smoke", help="Run this command in both images (instead of their own command) and compare.")
@click.option("--http", "http", help="PORT/PATH: start both images, GET http://127.0.0.1:PORT/PATH, compare.")
@click.option("--network", default="host", show_default=True, help="Network for every build and run.")
@click.option("--build-arg", "build_args", multiple=True, metavar="KEY=VALUE",
              help="A build argument for both builds, as docker build's (repeatable).")
@click.option("--timeout", type=float, default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds a smoke run may take (a server still running then counts as started).")
@click.option("--json", "as_json", is_flag=True, help="Print every figure as JSON.")
@click.option("--keep-images", is_flag=True, help="Keep the msrefactor-verify/* images.")
@config_flags
def verify_cmd(file: str, context_dir: str | None, result_file: str | None, smoke: str | None, http: str | None,
               network: str, build_args: tuple[str, ...], timeout: float, as_json: bool, keep_images: bool,
               config_file: str | None,
               stage_names: tuple[str, ...], image_map: tuple[str, ...], disable: tuple[str, ...],
               runtime_user: str | None, buildkit: bool | None = None) -> None:
    """Build FILE and its refactoring for real and check that they behave alike.

    Exit 0 when the result builds and behaves as the original did, 1 when not, 2 when
    no Docker engine answers or the input is bad (e.g. the original does not build).

    \b
    Examples:
      msrefactor verify Dockerfile
      msrefactor verify Dockerfile --http 8000/healthz
      msrefactor verify Dockerfile --result Dockerfile.ms --smoke "python -c 'import app'"
      msrefactor verify Dockerfile --build-arg GO_VERSION=1.19
    """
    try:
        result_text = _read_result(result_file)
        options = _options(file, config_file, stage_names, image_map, disable, runtime_user, buildkit)
        report = verify_file(file, context_dir, result_text=result_text, smoke=smoke, http=http, timeout=timeout,
                             network=network, keep_images=keep_images, log=_progress(as_json), options=options,
                             build_args=build_args)
    except NoEngine as e:
        click.echo(f"msrefactor: {_engine_message(str(e))}", err=True)
        sys.exit(EXIT_ERROR)
    except (BadInput, ConfigError) as e:
        click.echo(f"msrefactor: {e}", err=True)
        sys.exit(EXIT_ERROR)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_table(report))
    sys.exit(EXIT_OK if report.ok else EXIT_FAILED)
