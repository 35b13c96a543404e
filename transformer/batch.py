"""``msrefactor batch PATH...``: refactor every Dockerfile under some folders, in parallel.

Files are found by name (Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, Dockerfile-*, Dockerfile_*), run
in worker processes a chunk at a time, and reported by :class:`report.Reporter`:
a summary table, ``--report`` JSON, ``--markdown`` pull-request bodies. ``--write``
replaces files atomically; ``--git-branch`` commits each repository's changes on a
new branch and leaves the user's branch and work tree as they were. One bad file is
an error in the report and never stops the others.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

import click

from .config import Config, ConfigError, Resolver, config_flags, resolver_from_flags
from .errors import DockerfileSyntaxError
from .fileio import decode, write_text_atomic
from .outcome import ExitCode, Status, describe
from .refactor import Options, Result, refactor
from .report import (
    Outcome,
    RepoOutcome,
    Reporter,
    RepoStatus,
    binary_position,
    commit_message,
    print_out,
    renamed_diff,
    unified_diff,
)

if TYPE_CHECKING:  # verify (docker) is imported only when --verify asks for it
    from .verify import VerifyReport

SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "vendor", ".tox", ".venv", "__pycache__"})
NOT_DOCKERFILE_SUFFIXES = (
    ".dockerignore", ".md", ".rst", ".txt", ".orig", ".rej", ".bak", ".swp", ".tmp", ".patch", ".diff",
    ".sh", ".py", ".yml", ".yaml", ".json", ".toml", ".j2", ".jinja", ".jinja2", ".tmpl", ".template", ".tpl",
)


# --- finding the files ------------------------------------------------------------------------------------------

def is_dockerfile_name(name: str) -> bool:
    """Dockerfile, Containerfile, x.Dockerfile, Dockerfile.x, Dockerfile-x and Dockerfile_x (any case: a project's
    Dockerfile-dev and Dockerfile-prod beside its Dockerfile); not .dockerignore, notes or templates."""
    low = name.lower()
    if low in ("dockerfile", "containerfile") or low.endswith((".dockerfile", ".containerfile")):
        return True
    if low.startswith(tuple(f"{base}{sep}" for base in ("dockerfile", "containerfile") for sep in "-_")):
        return "." not in low  # (dockerfile_test.go, dockerfile-parser.js: a program's sources, not a Dockerfile)
    if low.startswith(("dockerfile.", "containerfile.")):
        return not low.endswith(NOT_DOCKERFILE_SUFFIXES)
    return False


@dataclass(frozen=True)
class Found:
    path: str  # as the user will read it
    group: str  # repository root, or top folder under the PATH argument
    relpath: str  # path inside group, with /


def find_repo_root(folder: str, cache: dict[str, str | None]) -> str | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder or a worktree's file)."""
    seen: list[str] = []
    current = os.path.abspath(folder)
    root: str | None = None
    while True:
        if current in cache:
            root = cache[current]
            break
        seen.append(current)
        if os.path.exists(os.path.join(current, ".git")):
            root = current
            break
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    for f in seen:
        cache[f] = root
    return root


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _inside(path: str, root: str) -> str:
    """``path`` from ``root`` (a plain cut when it lies below it: no system call)."""
    return path[len(root) + 1:] if path.startswith(root + os.sep) else os.path.relpath(path, root)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    """The folder's entries by name (the same order on every run and every file system); none if unreadable."""
    try:
        with os.scandir(folder) as it:
            entries = list(it)
    except OSError:
        return []
    if len(entries) > 1:
        entries.sort(key=_name)
    return entries


@dataclass
class _Walk:
    """One batch's walk: the files met so far (when the arguments may overlap) and the repository roots of
    the folders seen."""

    dedupe: bool
    seen: set[str] = field(default_factory=set)
    roots: dict[str, str | None] = field(default_factory=dict)

    def argument(self, arg: str, missing: list[str]) -> Iterator[Found]:
        """The Dockerfiles one PATH argument names: the file itself, or those under the folder."""
        if os.path.isfile(arg):
            real = os.path.realpath(arg)
            folder_abs = os.path.dirname(real)
            found = self.found(real if os.path.basename(real) != os.path.basename(arg) else arg, folder_abs,
                               folder_abs)
            if found is not None:
                yield found
        elif not os.path.isdir(arg):
            missing.append(arg)
        else:
            top = os.path.realpath(arg)
            yield from self.folder(os.path.normpath(arg), top, top)

    def folder(self, folder: str, folder_abs: str, top: str) -> Iterator[Found]:
        """The Dockerfiles of ``folder``, then those of its subfolders (no link followed, vendor folders left)."""
        subdirs = []
        for entry in _entries(folder):
            if entry.is_symlink():
                continue
            if entry.is_dir():
                if entry.name not in SKIP_DIRS:
                    subdirs.append(entry)
            elif is_dockerfile_name(entry.name):
                found = self.found(entry.path, folder_abs, top)
                if found is not None:
                    yield found
        for entry in subdirs:
            yield from self.folder(entry.path, os.path.join(folder_abs, entry.name), top)

    def found(self, path: str, folder_abs: str, top: str) -> Found | None:
        """The Found for ``path`` (in ``folder_abs``, walked from ``top``); None for a file met before."""
        abs_path = os.path.join(folder_abs, os.path.basename(path))  # a real path: walks follow no link
        if self.dedupe:  # one folder walked without following links cannot meet a file twice
            if abs_path in self.seen:
                return None
            self.seen.add(abs_path)
        group = sys.intern(self.group(abs_path, folder_abs, top))  # one string per repository
        return Found(path, group, _inside(abs_path, group).replace(os.sep, "/"))

    def group(self, abs_path: str, folder_abs: str, top: str) -> str:
        """The file's repository root, else the top folder under the argument (the argument for a file in it)."""
        if len(self.roots) > 4096:
            self.roots.clear()  # folders are walked one after another: a bounded cache keeps memory flat
        repo = find_repo_root(folder_abs, self.roots)
        if repo is not None:
            return repo
        first, sep, _ = _inside(abs_path, top).partition(os.sep)
        return os.path.join(top, first) if sep else top


def iter_discover(paths: Iterable[str], missing: list[str]) -> Iterator[Found]:
    """The Dockerfiles under ``paths`` (each once), as the walk finds them; arguments that name
    nothing are appended to ``missing``.

    Folders are walked with os.scandir (no symlinks followed, no extra stat per file). Batch
    hands each file to the workers as soon as it is found, so the walk overlaps the work.
    """
    paths = list(paths)
    walk = _Walk(dedupe=len(paths) > 1)
    for arg in paths:
        yield from walk.argument(arg, missing)


def discover(paths: Iterable[str]) -> tuple[list[Found], list[str]]:
    """The Dockerfiles under ``paths`` (each once) and the arguments that name nothing."""
    missing: list[str] = []
    found = list(iter_discover(paths, missing))
    return found, missing


def diff_name(path: str) -> str:
    """The name ``batch --diff`` gives a file: its path from the current folder, so that the diff of many
    repositories says which file each hunk is for and `git apply` (or `patch -p1`) run here applies it, as black's
    and ruff's --diff name files; a file outside the current folder by its absolute path without the leading /
    (as `git diff --no-index` does)."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        rel = full.lstrip(os.sep)
    return rel.replace(os.sep, "/")


# --- one file -----------------------------------------------------------------------------------------------------

def refactor_text(name: str, text: str, options: Options, context_dir: str | None, *,
                  diff_names: tuple[str, str] | None = None) -> tuple[Outcome, Result | None]:
    """Refactor ``text`` (a file called ``name``) into an Outcome and the Result (None on bad input).

    Never raises for a bad file: syntax errors and binary data become an ERROR Outcome, and so does
    a crash of the tool (``FILE: internal error: ...``), never a skip.
    """
    from .fileio import context_reader

    where = binary_position(text)
    if where is not None:
        return Outcome(name, Status.ERROR, error=f"{name}:{where[0]}:{where[1]}: binary data, not a Dockerfile"), None
    try:
        result = refactor(text, read_context=context_reader(context_dir), options=options)
    except DockerfileSyntaxError as e:
        return Outcome(name, Status.ERROR, error=e.located(name)), None
    except RecursionError:
        return Outcome(name, Status.ERROR, error=f"{name}: too deeply nested"), None
    except Exception as e:  # a bug in the parser must not cost the other files
        return Outcome(name, Status.ERROR, error=f"{name}: internal error: {describe(e)}"), None
    changes = tuple((c.kind, c.line, c.message) for c in result.changes)
    if result.status is Status.ERROR:
        return Outcome(name, Status.ERROR, error=f"{name}: internal error: {result.error}"), result
    if result.status is Status.SKIPPED:
        return Outcome(name, Status.SKIPPED, changes, skipped=result.skipped), result
    if result.status is Status.UNCHANGED:
        return Outcome(name, Status.UNCHANGED, changes), result
    diff = ""
    if diff_names is not None:
        diff = unified_diff(text, result.text, *diff_names)
    return Outcome(name, Status.CHANGED, changes, diff=diff), result


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know, sent once per worker."""

    overrides: dict[str, Any]
    config_file: str | None
    want_diff: bool
    keep_text: bool
    write: bool


_settings: Settings | None = None
_resolver: Resolver | None = None


def _init_worker(settings: Settings, in_worker: bool = True) -> None:
    global _settings, _resolver
    _settings = settings
    _resolver = None
    if in_worker:
        # The parent process handles Ctrl-C and SIGTERM; a worker finishes its chunk (atomic writes).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _process(found: Found) -> Outcome:
    global _resolver
    assert _settings is not None
    s = _settings
    name = found.path
    try:
        data = open(found.path, "rb").read()
    except OSError as e:
        return Outcome(name, Status.ERROR, error=f"{name}: {e.strerror or e}", group=found.group, relpath=found.relpath)
    try:
        if _resolver is None:
            _resolver = Resolver(Config.from_plain(s.overrides), explicit=s.config_file)
        options = _resolver.options_for(found.path)
    except ConfigError as e:
        return Outcome(name, Status.ERROR, error=f"{name}: {e}", group=found.group, relpath=found.relpath)
    text = decode(data)
    outcome, result = refactor_text(
        name, text, options, os.path.dirname(os.path.abspath(found.path)),
        diff_names=(f"a/{found.relpath}", f"b/{found.relpath}") if s.want_diff else None)
    outcome.group, outcome.relpath = found.group, found.relpath
    if outcome.status is Status.CHANGED and result is not None:
        if s.keep_text:
            outcome.text = result.text
        if s.write:
            try:
                write_text_atomic(os.path.realpath(found.path), result.text)
                outcome.written = True
            except OSError as e:
                outcome.status, outcome.error = Status.ERROR, f"{name}: cannot write: {e.strerror or e}"
    return outcome


def _warm_up() -> None:
    """Build the Lark parser and the shell parser once, before the workers fork."""
    from .parser import parse
    from .shell import parse_shell

    parse("FROM scratch\n")
    parse_shell("true")


def _process_chunk(chunk: Sequence[Found]) -> list[Outcome]:
    return [_process(f) for f in chunk]


FIRST_CHUNK, LAST_CHUNK = 2, 32
IN_FLIGHT_PER_WORKER = 4


def _chunks(items: Iterable[Found], on_found: Any) -> Iterator[list[Found]]:
    """Chunks of files from a stream: small at first (the workers start at once), then up to 32."""
    size, chunk = FIRST_CHUNK, []
    for f in items:
        on_found()
        chunk.append(f)
        if len(chunk) >= size:
            yield chunk
            chunk, size = [], min(LAST_CHUNK, size * 2)
    if chunk:
        yield chunk


def _run_here(files: Iterable[Found], settings: Settings, on_done: Any, on_found: Any, warm: bool) -> None:
    """Process ``files`` one after another in this process (-j1, or a single file)."""
    _init_worker(settings, in_worker=False)
    if warm:
        _warm_up()
    gc.freeze()  # the collector skips the modules, grammar and tables built so far
    for f in files:
        on_found()
        on_done(_process(f))


@dataclass
class _InOrder:
    """The chunks sent to a pool of workers, and their outcomes handed on in the order the walk found the files
    (a chunk that finishes early waits for those before it), so every run reports the same order, whatever -j is.

    A chunk lost with its worker gives no outcome here: its files go to ``retry``.
    """

    pool: ProcessPoolExecutor
    on_done: Any
    pending: dict[Future[list[Outcome]], tuple[int, list[Found]]] = field(default_factory=dict)
    ready: dict[int, list[Outcome]] = field(default_factory=dict)
    retry: list[Found] = field(default_factory=list)
    next_index: int = 0
    broken: bool = False  # a worker died: the pool takes no more chunks

    def send(self, index: int, chunk: list[Found], in_flight: int) -> None:
        """Give the chunk to the pool, then wait until at most ``in_flight`` chunks are under way."""
        if not self.broken:
            try:
                self.pending[self.pool.submit(_process_chunk, chunk)] = (index, chunk)
            except BrokenProcessPool:
                self.broken = True
        if self.broken:
            self._lost(index, chunk)
        else:
            self.drain(in_flight)

    def drain(self, down_to: int) -> None:
        """Wait for chunks to finish until at most ``down_to`` are under way, handing on what is in order."""
        while len(self.pending) > down_to:
            done, _ = wait(self.pending, return_when=FIRST_COMPLETED)
            for future in done:
                index, chunk = self.pending.pop(future)
                try:
                    self.ready[index] = future.result()
                except BrokenProcessPool:
                    self._lost(index, chunk)
            self.deliver()

    def deliver(self) -> None:
        """Hand on the outcomes of the chunks that are next in order."""
        while self.next_index in self.ready:
            for outcome in self.ready.pop(self.next_index):
                self.on_done(outcome)
            self.next_index += 1

    def _lost(self, index: int, chunk: list[Found]) -> None:
        self.broken = True
        self.retry.extend(chunk)
        self.ready[index] = []


def _run_pool(files: Iterable[Found], settings: Settings, jobs: int, on_done: Any, on_found: Any) -> list[Found]:
    """Process ``files`` in ``jobs`` worker processes; the files of chunks whose worker died are returned."""
    _warm_up()  # forked workers inherit the built grammar and shell parser
    gc.freeze()  # and the collector leaves those inherited objects alone (no copy-on-write of their pages)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        # A few chunks per worker in flight: the workers never wait, and memory does not grow with the
        # number of files (results are handed on, and their futures dropped, as they come).
        chunks = _InOrder(pool, on_done)
        try:
            for index, chunk in enumerate(_chunks(files, on_found)):
                chunks.send(index, chunk, IN_FLIGHT_PER_WORKER * jobs)
            chunks.drain(0)
            chunks.deliver()
        except BaseException:
            unfed = _unfed_workers(pool)  # (before the shutdown, which forgets them)
            pool.shutdown(wait=False, cancel_futures=True)
            for process in unfed:
                process.terminate()
            raise
    return chunks.retry


def _unfed_workers(pool: ProcessPoolExecutor) -> list[Any]:
    """The pool's workers where no thread feeds them, to stop: a signal during the pool's start (its first submit forks
    the workers, then starts the thread that hands them work and, at shutdown, their stop) left workers waiting for
    work no one would send, and the interpreter's exit waited for them for ever (seen under load: `batch` hung after
    SIGTERM). They have no work, so nothing is half-written; a fed pool stops its workers itself, after their chunk."""
    thread = getattr(pool, "_executor_manager_thread", None)
    if thread is not None and thread.is_alive():
        return []
    return list((getattr(pool, "_processes", None) or {}).values())


def _run_one_by_one(files: list[Found], settings: Settings, on_done: Any) -> None:
    """Process each file in a fresh worker of its own, so that a file that kills its worker is the only one lost."""
    for f in files:
        with ProcessPoolExecutor(max_workers=1, initializer=_init_worker, initargs=(settings,)) as pool:
            try:
                on_done(pool.submit(_process, f).result())
            except BrokenProcessPool:
                on_done(Outcome(f.path, Status.ERROR, error=f"{f.path}: the worker process died on this file",
                                group=f.group, relpath=f.relpath))


def run_all(files: Iterable[Found], settings: Settings, jobs: int, on_done: Any,
            on_found: Any = lambda: None) -> None:
    """Process ``files`` (a list or a stream), calling ``on_found()`` when a file is taken from it and
    ``on_done(outcome)`` for each as it finishes."""
    stream = iter(files)
    head = list(itertools.islice(stream, 2))
    if jobs <= 1 or len(head) <= 1:
        _run_here(itertools.chain(head, stream), settings, on_done, on_found, warm=bool(head))
        return
    retry = _run_pool(itertools.chain(head, stream), settings, jobs, on_done, on_found)
    # A worker died (killed, out of memory, a crash in a C extension): run those files one at a time,
    # each in a fresh worker, so only the culprit is reported.
    _run_one_by_one(retry, settings, on_done)


# --- git ----------------------------------------------------------------------------------------------------------

class GitError(Exception):
    pass


def git(root: str, *args: str, stdin: str | None = None) -> str:
    proc = subprocess.run(["git", "-C", root, *args], input=stdin, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [line for line in (proc.stderr or proc.stdout).strip().splitlines() if line.strip()]
        raise GitError(lines[-1] if lines else f"git {args[0]} failed (exit {proc.returncode})")
    return proc.stdout


class _Progress(Enum):
    """How far the commit on the new branch got: what there is to undo."""

    NOTHING = "nothing done"
    BRANCH_MADE = "the branch made, files maybe written"  # a failure: put the files back, remove the branch
    COMMITTED = "committed"


@dataclass(frozen=True)
class _Start:
    """Where the user's repository was before: its branch ("" with a detached HEAD) and its commit."""

    branch: str
    head: str

    @classmethod
    def of(cls, root: str) -> _Start:
        head = git(root, "rev-parse", "--verify", "HEAD").strip()
        current = subprocess.run(["git", "-C", root, "symbolic-ref", "--quiet", "--short", "HEAD"],
                                 capture_output=True, text=True).stdout.strip()
        return cls(current, head)

    def checkout(self) -> list[str]:
        """The git arguments that go back there."""
        return ["checkout", "--quiet", self.branch] if self.branch else ["checkout", "--quiet", "--detach", self.head]


def _refusal(root: str, branch: str) -> str | None:
    """Why nothing may be written in the repository at ``root`` (a dirty work tree, the branch exists), or None."""
    if git(root, "status", "--porcelain"):
        return "the work tree has uncommitted changes: nothing written"
    if subprocess.run(["git", "-C", root, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                      capture_output=True).returncode == 0:
        return f"branch {branch} already exists: nothing written"
    return None


@dataclass
class _BranchCommit:
    """One commit of ``outcomes`` on a new branch, and how to undo it when it does not happen."""

    root: str
    branch: str
    outcomes: Sequence[Outcome]
    progress: _Progress = _Progress.NOTHING
    originals: dict[str, bytes] = field(default_factory=dict)

    def make(self) -> str:
        """Make the branch, write the files and commit them; the commit's hash. Raises GitError or OSError."""
        git(self.root, "checkout", "--quiet", "-b", self.branch)
        self.progress = _Progress.BRANCH_MADE
        for o in self.outcomes:
            path = os.path.realpath(os.path.join(self.root, o.relpath))
            with open(path, "rb") as f:
                self.originals[path] = f.read()
            write_text_atomic(path, o.text or "")
            o.written = True
        git(self.root, "add", "--", *(o.relpath for o in self.outcomes))
        git(self.root, "commit", "--quiet", "-F", "-", stdin=commit_message(self.outcomes))
        self.progress = _Progress.COMMITTED
        return git(self.root, "rev-parse", "HEAD").strip()

    def finish(self, start: _Start) -> None:
        """Put back what a failed commit changed, and go back to where the user was."""
        if self.progress is not _Progress.COMMITTED:
            for path, data in self.originals.items():
                write_text_atomic(path, decode(data))
            for o in self.outcomes:
                o.written = False
            if self.progress is _Progress.BRANCH_MADE:
                subprocess.run(["git", "-C", self.root, "reset", "--quiet"], capture_output=True)
        try:
            git(self.root, *start.checkout())
            if self.progress is _Progress.BRANCH_MADE:
                git(self.root, "branch", "--quiet", "-D", self.branch)
        except GitError as e:
            print(f"msrefactor: {self.root}: could not switch back to {start.branch or start.head}: {e}",
                  file=sys.stderr)


def commit_on_branch(root: str, branch: str, outcomes: Sequence[Outcome]) -> RepoOutcome:
    """Write ``outcomes`` (changed files with their new text) on a new branch of the repository at ``root``.

    Refuses a dirty work tree or an existing branch; always goes back to where the user was, and on a
    failure puts the files back and removes the branch it made.
    """
    files = [o.relpath for o in outcomes]
    try:
        refusal = _refusal(root, branch)
        if refusal is not None:
            return RepoOutcome(root, RepoStatus.REFUSED, refusal, files=files)
        git(root, "check-ref-format", "--branch", branch)
        start = _Start.of(root)
    except GitError as e:
        return RepoOutcome(root, RepoStatus.ERROR, f"git: {e}", files=files)
    attempt = _BranchCommit(root, branch, outcomes)
    try:
        commit = attempt.make()
    except (GitError, OSError) as e:
        message = f"git: {e}" if isinstance(e, GitError) else f"{e.strerror or e}"
        return RepoOutcome(root, RepoStatus.ERROR, f"{message}: nothing committed", files=files)
    finally:
        attempt.finish(start)
    n = len(files)
    return RepoOutcome(root, RepoStatus.COMMITTED, f"{n} file{'s' if n != 1 else ''} committed on branch {branch} "
                       f"({commit[:12]})", branch=branch, commit=commit, files=files)


# --- the command --------------------------------------------------------------------------------------------------

def verify_changed(reporter: Reporter, quiet: bool) -> None:
    """batch --verify: `msrefactor verify` on every changed file, one build at a time.

    A smoke.json beside a Dockerfile says how to check its images (see verify.SmokeSpec); a result
    that is larger than the original, or fails a check, counts as a failed verification.
    """
    from .verify import SMOKE_FILE, BadInput, NoEngine, verify_file

    for o in reporter.outcomes:
        if o.status is not Status.CHANGED or o.text is None:
            continue
        if not quiet:
            click.echo(f"verifying {o.path} ...", err=True)
        try:
            report = verify_file(o.path, os.path.dirname(os.path.abspath(o.path)), result_text=o.text)
        except NoEngine as e:
            reporter.fail(f"--verify: {e}")
            return
        except BadInput as e:
            o.verify = {"ok": False, "error": str(e)}
            continue
        o.verify = _verify_record(report, os.path.join(os.path.dirname(os.path.abspath(o.path)), SMOKE_FILE))


def _verify_record(report: VerifyReport, smoke_file: str) -> dict[str, Any]:
    """What the batch report says of one file's verification (``smoke_file``: where its smoke.json would be)."""
    return {
        "ok": report.ok,
        "smoke_file": smoke_file if os.path.isfile(smoke_file) else None,
        "size_original": report.size_original,
        "size_result": report.size_result,
        "ratio": report.ratio,
        "failed_checks": [c.name for c in report.failures],
        "checks": report.to_json()["checks"],
    }


def _default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Feed(Enum):
    """How the files reach the workers."""

    STREAM = "as the walk finds them"  # CI, scripts, -q: the walk overlaps the work
    BAR = "after the walk, under a progress bar"  # at a terminal: a progress bar needs the total


def _feed(files: Iterator[Found], quiet: bool) -> tuple[Iterable[Found], Feed]:
    """The files, and how they go to the workers: at a terminal the walk ends before the work starts (the
    progress bar needs the total); otherwise (CI, scripts, -q) the files go to the workers as the walk finds them."""
    if quiet or not sys.stderr.isatty():
        return files, Feed.STREAM
    walked = list(files)
    return walked, Feed.BAR if len(walked) > 1 else Feed.STREAM


@dataclass(frozen=True)
class _Request:
    """What the command line asks of a batch (--git-branch implies --write)."""

    check: bool
    write: bool
    git_branch: str | None
    show_diff: bool
    report_path: str | None
    markdown_path: str | None
    quiet: bool
    verbose: bool
    summary: bool
    verify: bool

    def reporter(self) -> Reporter:
        """The reporter of the run, its JSON entries spooled to a file when nothing else needs them all."""
        reporter = Reporter(check=self.check, quiet=self.quiet, verbose=self.verbose and not self.quiet,
                            write=self.write)
        if self.report_path and not (self.markdown_path or self.verify or self.git_branch):
            # The JSON report's entries wait in a temporary file, not in memory: a batch over any number of
            # files keeps only the changed ones and the errors (PR bodies, --verify and git need them all).
            reporter.spool = tempfile.TemporaryFile("w+", encoding="utf-8", errors="surrogateescape")
        return reporter

    def settings(self, resolver: Resolver, config_file: str | None) -> Settings:
        """What the workers need to know."""
        return Settings(overrides=resolver.overrides.to_plain(), config_file=config_file,
                        want_diff=bool(self.markdown_path or self.show_diff),
                        keep_text=self.git_branch is not None or self.verify,
                        write=self.write and self.git_branch is None)


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """While the block runs, SIGTERM stops it as Ctrl-C does (KeyboardInterrupt)."""
    def on_term(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(files: Iterable[Found], feed: Feed, settings: Settings, jobs: int, reporter: Reporter) -> None:
    """Refactor the files into the reporter, under a progress bar on stderr when the feed asks for one."""
    if feed is not Feed.BAR:
        run_all(files, settings, jobs, reporter.add)
        return
    assert isinstance(files, list)
    with click.progressbar(length=len(files), label="msrefactor", file=sys.stderr, show_pos=True) as bar:
        def done(outcome: Outcome) -> None:
            reporter.add(outcome)
            bar.update(1)

        run_all(files, settings, jobs, done)


def _commit_branches(reporter: Reporter, branch: str) -> None:
    """--git-branch: commit each repository's changed files on a new branch, repositories by name."""
    by_repo: dict[str, list[Outcome]] = {}
    for o in reporter.outcomes:
        if o.status is Status.CHANGED:
            by_repo.setdefault(o.group, []).append(o)
    for root, items in sorted(by_repo.items()):
        if not os.path.exists(os.path.join(root, ".git")):
            reporter.repo(RepoOutcome(root, RepoStatus.REFUSED, "not in a git repository: nothing written",
                                      files=[o.relpath for o in items]))
            continue
        reporter.repo(commit_on_branch(root, branch, items))


def _after_run(reporter: Reporter, request: _Request, missing: list[str]) -> None:
    """What follows the refactoring: the arguments that named nothing, the held lines, --verify, --git-branch."""
    for arg in missing:
        reporter.fail(f"{arg}: No such file or directory")
    reporter.flush()
    if request.verify:
        verify_changed(reporter, request.quiet)
    if request.git_branch is not None:
        _commit_branches(reporter, request.git_branch)


def _finish(reporter: Reporter, request: _Request) -> None:
    """The diff (stdout), the --report and --markdown files and the summary table (stderr after a diff)."""
    if request.show_diff:  # one stream over every repository: each file named as from here (a PR body: in its repo)
        print_out("".join(renamed_diff(o.diff, diff_name(o.path)) for o in reporter.outcomes
                          if o.status is Status.CHANGED))
    try:
        if request.report_path:
            reporter.write_json(request.report_path)
        if request.markdown_path:
            reporter.write_markdown(request.markdown_path)
    except OSError as e:
        reporter.fail(f"{e.filename}: {e.strerror or e}")
    if request.summary and not request.quiet:
        click.echo(reporter.summary(), err=request.show_diff)


@click.command("batch")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: all cores; 1 runs in this process).")
@click.option("--check", is_flag=True, help="Write nothing; exit 1 when a file would change.")
@click.option("--write", is_flag=True, help="Replace the files that change (atomically).")
@click.option("--git-branch", metavar="NAME",
              help="In every git repository with changes, commit them on a new branch NAME (implies --write; "
                   "the current branch and work tree stay as they are; a dirty work tree is refused).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the diff of every file that changes.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False),
              help="Write a JSON report: one entry per file (path, status, reasons, skip reason, error).")
@click.option("--markdown", "markdown_path", type=click.Path(dir_okay=False),
              help="Write pull-request descriptions, one per repository: what changed, why, the diff.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary; only errors.")
@click.option("-v", "--verbose", is_flag=True, help="A line for every file.")
@click.option("--summary/--no-summary", default=True, help="Print the summary table at the end (default: yes).")
@click.option("--verify", "verify", is_flag=True,
              help="Build every changed file before and after on the Docker engine and compare (slow; one at a time).")
@config_flags
def batch_cmd(paths: tuple[str, ...], jobs: int | None, check: bool, write: bool, git_branch: str | None,
              show_diff: bool, report_path: str | None, markdown_path: str | None, quiet: bool, verbose: bool,
              summary: bool, config_file: str | None, stage_names: tuple[str, ...], image_map: tuple[str, ...],
              disable: tuple[str, ...], runtime_user: str | None, buildkit: bool | None = None,
              verify: bool = False) -> None:
    """Refactor every Dockerfile under PATHS (folders or files), in parallel.

    Finds Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, Dockerfile-* and Dockerfile_* (not in .git,
    node_modules or vendor folders). Without --write nothing is written.

    \b
    Examples:
      msrefactor batch . --check                        exit 1 if a file would change
      msrefactor batch services/ --report report.json --markdown pr.md
      msrefactor batch ~/src/* --git-branch msrefactor  a branch with one commit per repository
    """
    if git_branch is not None:
        write = True
    if check and write:
        raise click.UsageError("--check writes nothing: it cannot go with --write or --git-branch")
    request = _Request(check, write, git_branch, show_diff, report_path, markdown_path, quiet, verbose, summary,
                       verify)
    reporter = request.reporter()
    try:
        resolver = resolver_from_flags(config_file, stage_names, image_map, disable, runtime_user, buildkit)
    except ConfigError as e:
        reporter.fail(str(e))
        sys.exit(reporter.exit_code)
    settings = request.settings(resolver, config_file)
    missing: list[str] = []
    files, feed = _feed(iter_discover(paths, missing), quiet)
    reporter.defer = feed is Feed.BAR
    with _sigterm_interrupts():
        try:
            _run(files, feed, settings, jobs or _default_jobs(), reporter)
            _after_run(reporter, request, missing)
        except KeyboardInterrupt:
            reporter.flush()
            click.echo("msrefactor: interrupted; files already written are complete, no file is half-written",
                       err=True)
            sys.exit(ExitCode.INTERRUPTED)
    _finish(reporter, request)
    sys.exit(reporter.exit_code)


__all__ = ["batch_cmd", "discover", "is_dockerfile_name", "refactor_text"]
