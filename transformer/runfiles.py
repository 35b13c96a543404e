"""The files of the build context a compiled program may read at run time.

A Go, Rust or C build copies its context into the build folder (``ADD . /app``), compiles, and the
runtime copies only the binary. But the program may read files beside it (templates/, banner .txt
files, config/): the runtime needs them too. Everything the context copy brings that is not a build
input of the language (sources, manifests, vendored modules) nor a file of the repository's own
(Dockerfile, README, .git) is repeated in the runtime: a few kilobytes, and the program finds what it
read in the original image.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .analysis import ContextReader
from .claims import Artifact, Role
from .walk import Decision, inside

KINDS = frozenset({"go", "rust", "native"})
_MAX_ENTRIES = 500

# every repository's own files: not read by the program
_REPOSITORY = ("Dockerfile", "Dockerfile.*", "*.Dockerfile", "Containerfile", ".dockerignore", ".git", ".git*",
               ".github", ".gitlab-ci.yml", ".travis.yml", ".vscode", ".idea", ".editorconfig", "*.md", "*.rst",
               "LICENSE*", "LICENCE*", "COPYING*", "AUTHORS*", "docker-compose*.yml", "docker-compose*.yaml",
               "compose.yml", "compose.yaml", "Makefile", "makefile", "GNUmakefile", "*.mk",
               # continuous integration and repository tooling (rp13 kiet-asmara/jenkins-test: its Jenkinsfile)
               "Jenkinsfile", "Jenkinsfile.*", ".circleci", ".drone.yml", ".gitlab", "azure-pipelines.yml",
               "bitbucket-pipelines.yml", "cloudbuild.yaml", "cloudbuild.yml", "skaffold.yaml", ".golangci.yml",
               ".golangci.yaml", ".goreleaser.yml", ".goreleaser.yaml", ".pre-commit-config.yaml", "renovate.json",
               ".codecov.yml", "codecov.yml", "sonar-project.properties")
_BUILD_INPUTS: dict[str, tuple[str, ...]] = {
    "go": ("*.go", "*.proto", "go.mod", "go.sum", "go.work", "go.work.sum", "vendor"),
    "rust": ("*.rs", "*.proto", "Cargo.toml", "Cargo.lock", "target", "rust-toolchain", "rust-toolchain.toml",
             ".cargo"),
    "native": ("*.c", "*.proto", "*.h", "*.cc", "*.cpp", "*.cxx", "*.hpp", "*.hh", "*.o", "*.a", "CMakeLists.txt",
               "*.cmake", "configure", "configure.ac", "configure.in", "*.am", "Makefile.in", "meson.build"),
}
_PLAIN = re.compile(r"^[\w.+@-]+$")  # a name a COPY line can carry as written


@dataclass(frozen=True, slots=True)
class RunTimeFiles:
    """What the runtime repeats of the context COPY at ``index``: the whole instruction, or these
    (context path, absolute target) pairs (a target ending in ``/`` is a folder the file goes into)."""

    index: int
    whole: bool = False
    entries: tuple[tuple[str, str], ...] = ()
    # the build may write over them (a Cargo build script, build.rs, that generates a site into the folder the
    # program serves): the runtime takes the entries from the builder, not from the build context
    from_builder: bool = False
    # the build context cannot be read, and the program runs in the folder the COPY fills: the COPY as written (whole)
    unread: bool = False
    # the program runs in the folder the COPY fills, which brings files besides the sources (``entries``, as the
    # context has them now): the COPY as written (whole), which also brings what the repository leaves out and a
    # user puts there before building (a configuration made from an example, read from the program's folder)
    read_there: tuple[str, ...] = ()
    # the program runs in the folder the COPY fills, which brings build inputs alone now, and its sources read these
    # files there (path, by which source file), which the context does not hold: the COPY as written (whole), which
    # brings them where a user puts them before building (a .env the repository leaves out)
    absent: tuple[tuple[str, str], ...] = ()


def run_time_files(decisions: Sequence[Decision], kind: str, last_build: int, artifacts: Sequence[Artifact],
                   read_context: ContextReader, reads: Sequence[tuple[str, str]] = ()) -> tuple[RunTimeFiles, ...]:
    """For each context COPY into a folder a compiled build reads (before the last build step), the files
    that are not build inputs; where the context cannot be read, those the program runs in the folder of, whole
    (:func:`_unread_where_run`); where it brings build inputs alone, whole too when the program runs in that folder
    and reads there (``reads``: path from the working folder, by which source) a file the context lacks."""
    if kind not in KINDS:
        return ()
    if read_context("./") is None:
        return tuple(RunTimeFiles(k, whole=True, unread=True)
                     for k, _ in _into_build_folders(decisions, last_build, artifacts)
                     if _unread_where_run(decisions, k))
    out: list[RunTimeFiles] = []
    scripts = kind == "rust" and _build_scripts(read_context)
    for k, dest in _into_build_folders(decisions, last_build, artifacts):
        found = _of_copy(k, decisions[k].group.inst.value[:-1], dest, kind, read_context)
        where_run = _unread_where_run(decisions, k)
        if found is not None and found.entries and not scripts and where_run:
            found = RunTimeFiles(k, whole=True, read_there=tuple(src for src, _ in found.entries))
        if found is None and where_run:
            absent = _absent(decisions, k, dest, reads, read_context)
            found = RunTimeFiles(k, whole=True, absent=absent) if absent else None
        if found is not None:
            out.append(dataclasses.replace(found, from_builder=scripts and not found.whole))
    return tuple(out)


def _absent(decisions: Sequence[Decision], k: int, dest: str, reads: Sequence[tuple[str, str]],
            read_context: ContextReader) -> tuple[tuple[str, str], ...]:
    """The files of ``reads`` (paths from the program's working folder) that the context COPY ``k`` of one folder
    would bring into ``dest`` and the build context does not hold now."""
    sources = decisions[k].group.inst.value[:-1]
    root = _source(sources[0]) if len(sources) == 1 else None
    if root is None or read_context(_listing(sources[0])) is None:
        return ()
    below = posixpath.relpath(decisions[-1].workdir, dest)
    out = []
    for path, where in reads:
        context_path = posixpath.normpath(posixpath.join(root, below, path))
        if not context_path.startswith("..") and read_context(context_path) is None:
            out.append((context_path, where))
    return tuple(out)


def _build_scripts(read_context: ContextReader) -> bool:
    """Whether the Rust project has a build script (build.rs at the root or in a workspace member's folder), which
    Cargo runs with the build and which may write anywhere in the sources (rp13 maplant/my-website: its server's
    build.rs renders the site into ../site, which the program serves)."""
    if read_context("build.rs") is not None:
        return True
    folders = [e.rstrip("/") for e in _entries(read_context("./")) if e.endswith("/")]
    return any(read_context(f"{f}/build.rs") is not None for f in folders[:_MAX_ENTRIES])


def _unread_where_run(decisions: Sequence[Decision], k: int) -> bool:
    """Whether the program runs in the folder the context COPY ``k`` fills (the stage's last WORKDIR is in its
    destination, not /): there it may read files of the context beside the sources by relative paths (templates/*,
    ./assets: read27 4607c25c, calavera/gh-rel, whose binary panics without them), which the tool cannot list."""
    inst = decisions[k].group.inst
    dest = posixpath.normpath(posixpath.join(decisions[k].workdir, inst.value[-1]))
    return dest != "/" and "$" not in dest and inside(decisions[-1].workdir, dest)


def unread_copies(decisions: Sequence[Decision], kind: str, last_build: int, artifacts: Sequence[Artifact],
                  read_context: ContextReader) -> tuple[int, ...]:
    """The lines of the context COPYs into a folder a compiled build reads whose files :func:`run_time_files`
    would repeat, when the context cannot be read (a file alone, stdin): the runtime gets none of them, but where
    the program runs in that folder (:func:`_unread_where_run`: the COPY as written)."""
    if kind not in KINDS or read_context("./") is not None:
        return ()
    return tuple(decisions[k].group.inst.start_line for k, _ in _into_build_folders(decisions, last_build, artifacts)
                 if not _unread_where_run(decisions, k))


def copies_without_data(decisions: Sequence[Decision], kind: str, last_build: int, artifacts: Sequence[Artifact],
                        read_context: ContextReader, repeated: Sequence[RunTimeFiles]) -> tuple[int, ...]:
    """The lines of the context COPYs into a folder a compiled build reads that bring nothing but build inputs in the
    build context as it is now (``repeated``, what :func:`run_time_files` found, holds none of them): a file put there
    later (a configuration the program reads from its folder, which the repository leaves out) would not reach the
    runtime."""
    if kind not in KINDS or read_context("./") is None:
        return ()
    found = {f.index for f in repeated}
    return tuple(decisions[k].group.inst.start_line for k, _ in _into_build_folders(decisions, last_build, artifacts)
                 if k not in found and not build_inputs_only(decisions[k].group.inst.value[:-1], kind))


def _into_build_folders(decisions: Sequence[Decision], last_build: int,
                        artifacts: Sequence[Artifact]) -> list[tuple[int, str]]:
    """The context COPYs (their indexes, with their destinations) into a folder a build step works in, before the
    last build step, whose destination no whole-folder build output holds."""
    build_dirs = {d.workdir for d in decisions if d.role is Role.BUILD}
    out = []
    for k, d in enumerate(decisions[:max(last_build, 0)]):
        inst = d.group.inst
        if inst.cmd not in ("copy", "add") or inst.flag("from") is not None or len(inst.value) < 2:
            continue
        dest = posixpath.normpath(posixpath.join(d.workdir, inst.value[-1]))
        if any(inside(dest, w) for w in build_dirs) and not any(a.whole_dir and inside(dest, a.path)
                                                                for a in artifacts):
            out.append((k, dest))
    return out


def _of_copy(k: int, sources: Sequence[str], dest: str, kind: str, read_context: ContextReader) -> RunTimeFiles | None:
    plain = all(_source(s) is not None for s in sources)
    folders = [s for s in sources if plain and read_context(_listing(s)) is not None]
    ignored = _ignore_patterns(read_context)
    if not plain or ignored is None or (folders and len(sources) > 1):
        # a name the tool cannot copy alone (a wildcard, a variable, an exception in .dockerignore): as written
        return RunTimeFiles(k, whole=True) if any(_data_source(s, kind, read_context) for s in sources) else None
    if not folders:
        return RunTimeFiles(k, whole=True) if any(_data(posixpath.basename(s.rstrip("/")), False, "", kind,
                                                        read_context) for s in sources) else None
    root = _source(sources[0]) or ""
    entries: list[tuple[str, str]] = []
    for entry in _entries(read_context(_listing(sources[0]))):
        name = entry.rstrip("/")
        path = posixpath.join(root, name) if root else name
        if _data(name, entry.endswith("/"), path, kind, read_context) and not _ignored(path, ignored):
            if not _PLAIN.match(name):
                return RunTimeFiles(k, whole=True)
            entries.append((path, posixpath.join(dest, name) if entry.endswith("/") else dest.rstrip("/") + "/"))
    return RunTimeFiles(k, entries=tuple(entries)) if entries else None


def build_inputs_only(sources: Sequence[str], kind: str) -> bool:
    """Whether every source of a context COPY is a build input of ``kind`` by its name (``COPY main.go /``)."""
    names = [posixpath.basename(s.rstrip("/")) for s in sources]
    return kind in KINDS and bool(names) and all(
        _PLAIN.match(n) and any(fnmatch.fnmatchcase(n, p) for p in _BUILD_INPUTS[kind]) for n in names)


def _ignore_patterns(read_context: ContextReader) -> tuple[str, ...] | None:
    """The patterns of the context's .dockerignore (None: it has exceptions, ``!``, the tool does not follow)."""
    lines = [ln.strip() for ln in _entries(read_context(".dockerignore"))]
    patterns = [posixpath.normpath(ln.lstrip("/")) for ln in lines if ln and not ln.startswith("#")]
    return None if any(p.startswith("!") for p in patterns) else tuple(patterns)


def _ignored(path: str, patterns: Sequence[str]) -> bool:
    """Whether .dockerignore leaves a context path (or a folder above it) out of the context."""
    parts = path.split("/")
    prefixes = ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]
    return any(fnmatch.fnmatchcase(x, p) or (p.startswith("**/") and fnmatch.fnmatchcase(posixpath.basename(x), p[3:]))
               for p in patterns for x in prefixes)


def _source(s: str) -> str | None:
    """A COPY source as a context path ("" for the root), or None for what is no plain path."""
    if s.startswith(("/", "..", "http://", "https://", "git@")) or any(c in s for c in "$*?[\\"):
        return None
    rel = posixpath.normpath(s.strip("/"))
    return "" if rel == "." else rel


def _listing(s: str) -> str:
    rel = _source(s)
    return f"{rel}/" if rel else "./"


def _data_source(s: str, kind: str, read_context: ContextReader) -> bool:
    rel = _source(s)
    if rel is None:
        return _glob_has_data(s, kind, read_context)
    if not rel:
        return _folder_has_data("", kind, read_context)
    return _data(posixpath.basename(rel), read_context(f"{rel}/") is not None, rel, kind, read_context)


def _glob_has_data(s: str, kind: str, read_context: ContextReader) -> bool:
    """Whether a wildcard source (``*.go``, ``src/*.c``) may bring a file read at run time: what it matches in the
    context's folder, when only its last part has wildcards; True when that is not known (a variable, a deeper
    wildcard, no listing)."""
    folder, pattern = posixpath.split(s.strip("/"))
    root = _source(folder) if folder else ""
    listing = read_context(_listing(folder)) if root is not None else None
    if root is None or listing is None or any(c in pattern for c in "$[\\"):
        return True
    matched = [e for e in _entries(listing) if _matches(e.rstrip("/"), (pattern,))]
    return any(_data(e.rstrip("/"), e.endswith("/"), posixpath.join(root, e.rstrip("/")) if root else e.rstrip("/"),
                     kind, read_context) for e in matched)


def _matches(name: str, patterns: Sequence[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def _entries(listing: str | None) -> list[str]:
    """The lines of a context listing or of .dockerignore: only ``\n`` ends one (``str.splitlines`` also splits
    a name at ``\x1e``, ``\x85``...: see lexer.split_lines)."""
    return [line for line in (listing or "").split("\n") if line]


def _data(name: str, folder: bool, path: str, kind: str, read_context: ContextReader) -> bool:
    """Whether a context entry may be read at run time: not a build input, not a repository file; a folder
    when something inside it is."""
    if _matches(name, _REPOSITORY) or _matches(name, _BUILD_INPUTS[kind]):
        return False
    return _folder_has_data(path, kind, read_context) if folder else True


def _folder_has_data(path: str, kind: str, read_context: ContextReader, budget: list[int] | None = None) -> bool:
    budget = budget if budget is not None else [_MAX_ENTRIES]
    listing = read_context(f"{path}/" if path else "./")
    if listing is None:
        return True
    for entry in _entries(listing):
        budget[0] -= 1
        if budget[0] < 0:
            return True  # too large to read through: taken as data
        name = entry.rstrip("/")
        if _matches(name, _REPOSITORY) or _matches(name, _BUILD_INPUTS[kind]):
            continue
        if not entry.endswith("/") or _folder_has_data(posixpath.join(path, name) if path else name, kind,
                                                       read_context, budget):
            return True
    return False
