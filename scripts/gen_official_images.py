#!/usr/bin/env python3
"""Generate transformer/data/official_images.json from the official images' own sources.

What an image built ``FROM python:3.11-slim`` inherits (ENV, WORKDIR, CMD, ENTRYPOINT, USER,
SHELL, EXPOSE, STOPSIGNAL, VOLUME) is written in the official image's Dockerfile and in those of
its own bases; which tags were ever published is written in docker-library/official-images'
``library/<repo>`` files.  This script reads both from local bare git mirrors (``--mirror-root``,
one ``<owner>+<name>/repo`` directory per GitHub repository, as the ``fetch`` tool leaves them)
and needs no network.  The repositories and commits it read are recorded in the output's
``_source``; ``SOURCES`` below lists which repository holds which image's Dockerfiles.

Method
------
1. Every version of every ``library/<repo>`` file (``git log`` of docker-library/official-images)
   is parsed, in both formats: 2014-2016 lines (``tag: git://github.com/o/n@commit directory``) and
   RFC 2822-like paragraphs (``Tags``, ``SharedTags``, ``Architectures``, ``GitRepo``, ``GitFetch``,
   ``GitCommit``, ``Directory``, ``File``, ``Builder``, ``Constraints`` and their ``amd64-``
   overrides; the first paragraph gives defaults).  Every tag ever listed for a Linux image is a
   published tag; tags listed for Windows images only are counted but not recorded.  A tag's
   *source* is its last linux/amd64 listing: repository, commit and file.
2. A Dockerfile source is read from its repository's mirror at that commit and parsed with
   msrefactor's BuildKit-faithful parser (RUN instructions, which cannot change the image
   configuration, are dropped first to save time).  Its last stage is replayed as BuildKit does:
   ``ARG`` defaults and ``ENV`` values substituted (an unset variable reads as empty), ``WORKDIR``
   joined to the previous one, ``ENTRYPOINT`` clearing a ``CMD`` not set in the same stage,
   shell-form commands wrapped in the current ``SHELL``.  Its ``FROM`` is resolved in turn: an
   earlier stage, an official image (that tag's own source, recursively), ``scratch`` (Docker's
   default ``PATH`` only) or anything else (nothing known: the profile's ``from`` says which).
   ``Builder: oci-import`` sources are OCI layouts whose image config is read directly.
3. When a source cannot be read (the commit is not in the mirror: force-pushed ``dist-*``
   branches, history rewritten), the same file is read at the head of its ``GitFetch`` branch,
   else the tag's newest readable earlier listing (of any file), else the newest readable tag of the same
   variant, else of the repository, stands in; ``_stats`` counts each case per repository
   (``read``, ``branch``, ``earlier``, ``substituted``, ``unknown``).
4. Per repository, an ENV name whose value changes with each release (``PYTHON_VERSION``,
   ``PHP_SHA256``: more than RELEASE_VALUES distinct values per configuration setting it) is
   *versioned*: it keeps one value, the newest tag's.  Every other value (``JAVA_HOME``,
   ``GPG_KEY``, ``PGDATA``) is kept as the tag's own.  Tags whose configurations differ only in
   versioned values and in the release of their base share a *profile*, described by its most
   recently listed tag.
5. mcr.microsoft.com/dotnet/{runtime-deps,runtime,aspnet,sdk} (and their older names
   mcr.microsoft.com/dotnet/core/* and microsoft/dotnet): every version of dotnet/dotnet-docker's
   ``manifest.json`` on its default branch, with ``manifest.versions.json``'s ``$(variables)``,
   gives tags, Dockerfile paths and build arguments, read as above.

Schema
------
``{"_source": {"mirrors": {REPOSITORY: COMMIT}, "missing": {...}}, "_stats": {REPO: {...}},
"repos": {REPO: {"versioned": {NAME: VALUE}, "values": [...], "profiles": [ROW...],
"heads": [HEADS...], "tags": {VARIANT: "H PIDS [|NEWEST]"}}}}``

* ``REPO``: ``python`` ... for Docker Hub's library images; ``microsoft/dotnet``;
  ``mcr.microsoft.com/dotnet/aspnet`` (other registries with their host).
* ``values``: the repository's distinct JSON values, ``values[0]`` is null.
* ``ROW``: ``[ENV, FROM, CMD, ENTRYPOINT, WORKDIR, USER, SHELL, STOPSIGNAL, EXPOSE, VOLUMES]``,
  indices into ``values`` (0: unset), trailing unset fields left out.  ENV's value is a list of
  indices of ``[name, value]`` pairs in image order (``[name]``: versioned, value in
  ``versioned``); FROM is the image the profile's tags are built on (``~/x`` stands for
  ``x`` in the repository's own namespace); CMD, ENTRYPOINT, SHELL, EXPOSE (``"80/tcp"``) and
  VOLUMES are lists.
* Tags: a tag is ``HEAD`` or ``HEAD-VARIANT`` (``3.11.4-slim-bookworm``: head ``3.11.4``,
  variant ``slim-bookworm``; see transformer.official.split_tag).  ``H`` indexes ``heads``, a
  space-separated list of heads in which ``STEM`` + ``A~B,C,+D`` stands for STEM+A ... STEM+B,
  STEM+C and STEM+(C+D) (``3.11.0~9`` is 3.11.0 to 3.11.9).  ``PIDS`` gives each head's profile
  in that order, run-length coded (``7*3`` is three 7s; the last run fills the rest; ``-``: no
  known configuration).  ``NEWEST`` is the profile of the variant's most recently listed tag
  when it is not the first of PIDS.

Usage::

    python scripts/gen_official_images.py [--mirror-root /work/.mirror] [-o FILE]
"""

from __future__ import annotations

import argparse
import base64
import json
import posixpath
import re
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from transformer.arguments import evaluate_word  # noqa: E402
from transformer.errors import DockerfileSyntaxError  # noqa: E402
from transformer.official import decode_heads, repository, split_tag  # noqa: E402
from transformer.parser import parse  # noqa: E402
from transformer.tree import Instruction, Stage  # noqa: E402

OFFICIAL_IMAGES = "docker-library/official-images"
DOTNET = "dotnet/dotnet-docker"
DEFAULT_OUTPUT = Path(__file__).resolve().parents[1] / "transformer" / "data" / "official_images.json"

# library repository -> the GitHub repositories holding its Dockerfiles (older GitRepo
# names, such as docker-library/docker-python or joyent/docker-node, are the same
# repositories renamed, so their commits are looked for here too).
SOURCES: dict[str, tuple[str, ...]] = {
    "adoptopenjdk": ("AdoptOpenJDK/openjdk-docker",),  # deprecated in 2021; bases of old maven, gradle, tomcat
    "alpine": ("alpinelinux/docker-alpine",),
    "buildpack-deps": ("docker-library/buildpack-deps",),
    "centos": ("CentOS/sig-cloud-instance-images",),
    "debian": ("debuerreotype/docker-debian-artifacts",),
    "eclipse-temurin": ("adoptium/containers",),
    "elixir": ("erlef/docker-elixir",),
    "erlang": ("erlang/docker-erlang-otp",),
    "fedora": ("fedora-cloud/docker-brew-fedora",),
    "gcc": ("docker-library/gcc",),
    "golang": ("docker-library/golang",),
    "gradle": ("gradle/docker-gradle", "keeganwitt/docker-gradle"),
    "httpd": ("docker-library/httpd",),
    "java": ("docker-library/openjdk",),
    "maven": ("carlossg/docker-maven",),
    "mongo": ("docker-library/mongo",),
    "mysql": ("docker-library/mysql",),
    "nginx": ("nginx/docker-nginx", "nginxinc/docker-nginx"),
    "node": ("nodejs/docker-node",),
    "openjdk": ("docker-library/openjdk",),
    "oraclelinux": ("oracle/container-images",),  # base of mysql and openjdk's oraclelinux variants
    "perl": ("Perl/docker-perl",),
    "php": ("docker-library/php",),
    "postgres": ("docker-library/postgres",),
    "python": ("docker-library/python",),
    "redis": ("redis/docker-library-redis", "docker-library/redis"),
    "ruby": ("docker-library/ruby",),
    "rust": ("rust-lang/docker-rust",),
    "tomcat": ("docker-library/tomcat",),
    "ubuntu": ("tianon/docker-brew-ubuntu-core",),
}
# Repositories the fetch store could not give when the committed file was made.
MISSING = {
    "docker-library/gcc": "snapshot over the store's 500 MiB limit: gcc's tags are recorded, its configuration is not",
    "git.launchpad.net/cloud-images/+oci/ubuntu-base": "not on GitHub: ubuntu tags listed from it (2021-) take"
    " their earlier tianon/docker-brew-ubuntu-core configuration",
}

# What Docker's builder gives an image built FROM scratch (moby's DefaultPathEnvUnix).
SCRATCH_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
DEFAULT_SHELL = ("/bin/sh", "-c")
# An ENV name with more distinct values than this per configuration setting it changes with each
# release (python: PYTHON_VERSION 0.18, PYTHON_PIP_VERSION 0.037, GPG_KEY 0.005; openjdk:
# JAVA_VERSION 0.21, JAVA_HOME 0.018).
RELEASE_VALUES = 0.03
WORD_INSTRUCTIONS = frozenset({"workdir", "user", "stopsignal"})
OLD_LINE = re.compile(r"^([^\s:#]+):\s*(\S+)@([0-9a-f]{7,40})(?:\s+(\S+))?\s*$")


class SourceKind(Enum):
    DOCKERFILE = "dockerfile"
    OCI = "oci"


class Resolution(Enum):
    READ = "read"  # the tag's own source was read
    BRANCH = "branch"  # its commit is gone; the same file at the head of its branch was read
    EARLIER = "earlier"  # the tag's file as listed earlier (its newest readable commit) stood in
    SUBSTITUTED = "substituted"  # another tag's of the same variant stood in
    UNKNOWN = "unknown"  # nothing readable in the repository


# --------------------------------------------------------------------------- git


class Mirror:
    """A bare mirror read through one ``git cat-file --batch`` process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._proc = subprocess.Popen(
            ["git", "-C", str(path), "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )

    def read(self, spec: str) -> tuple[str, bytes] | None:
        """(object id, content) of the blob named ``rev:path`` (or by its id), or None when absent."""
        assert self._proc.stdin and self._proc.stdout
        self._proc.stdin.write(spec.encode() + b"\n")
        self._proc.stdin.flush()
        header = self._proc.stdout.readline().split()
        if len(header) != 3:
            return None
        data = self._proc.stdout.read(int(header[2]))
        self._proc.stdout.read(1)
        return header[0].decode(), data if header[1] == b"blob" else b""

    def text(self, spec: str) -> str | None:
        found = self.read(spec)
        return None if found is None else found[1].decode("utf-8", "replace")

    def git(self, *args: str) -> str:
        return subprocess.run(["git", "-C", str(self.path), *args], check=True, capture_output=True, text=True).stdout

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def close(self) -> None:
        if self._proc.stdin:
            self._proc.stdin.close()
        self._proc.wait()


class Store:
    """The mirrors under a root directory, opened on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._open: dict[str, Mirror | None] = {}

    def mirror(self, repo: str) -> Mirror | None:
        if repo not in self._open:
            path = self.root / repo.replace("/", "+", 1) / "repo"
            self._open[repo] = Mirror(path) if path.is_dir() else None
        return self._open[repo]

    def blob(self, src: Source) -> tuple[Mirror, str, bytes] | None:
        """The mirror, object id and content of a source's file, at its commit or else at its branch."""
        for rev in (src.commit, src.branch):
            for repo in src.repos if rev else ():
                mirror = self.mirror(repo)
                found = mirror.read(f"{rev}:{src.path}") if mirror else None
                if mirror is not None and found is not None:
                    return mirror, *found
        return None

    def used(self) -> dict[str, str]:
        return {name: m.head() for name, m in sorted(self._open.items()) if m is not None}

    def close(self) -> None:
        for m in self._open.values():
            if m is not None:
                m.close()


# ------------------------------------------------------------- library/<repo> files


@dataclass(frozen=True, slots=True)
class Source:
    repos: tuple[str, ...]  # GitHub repositories to look for the commit in
    commit: str
    path: str  # Dockerfile (or OCI index.json) inside the commit
    kind: SourceKind
    args: tuple[tuple[str, str], ...] = ()  # build arguments (dotnet's manifest gives REPO)
    branch: str = ""  # GitFetch's branch: read when the commit is gone (force-pushed dist branches)

    @property
    def at_branch(self) -> Source:
        return replace(self, commit="")


@dataclass(frozen=True, slots=True)
class Entry:
    tags: tuple[str, ...]
    source: Source | None  # None: not a linux/amd64 image
    windows: bool = False  # a Windows image (its tags are not recorded)


def github_repo(url: str) -> str | None:
    m = re.search(r"github\.com[/:]([^/\s]+)/([^/\s@]+?)(?:\.git)?/?$", url)
    return f"{m.group(1)}/{m.group(2)}" if m else None


def candidates(url: str, library: str) -> tuple[str, ...]:
    named = github_repo(url)
    known = SOURCES.get(library, ())
    if named is None or named.lower() in (k.lower() for k in known):
        return known
    return (named, *known)


def source_path(directory: str, file: str) -> str:
    joined = posixpath.normpath(posixpath.join(directory.strip("/") or ".", file))
    return joined.removeprefix("./")


def parse_old_format(text: str, library: str) -> list[Entry]:
    entries = []
    for line in text.splitlines():
        m = OLD_LINE.match(line.strip())
        if m:
            tag, url, commit, directory = m.groups()
            path = source_path(directory or "", "Dockerfile")
            src = Source(candidates(url, library), commit, path, SourceKind.DOCKERFILE)
            entries.append(Entry((tag,), src))
    return entries


def paragraphs(text: str) -> Iterator[dict[str, str]]:
    fields: dict[str, str] = {}
    last = ""
    for raw in text.splitlines() + [""]:
        line = raw.rstrip()
        if line.lstrip().startswith("#"):
            continue
        if not line:
            if fields:
                yield fields
            fields, last = {}, ""
        elif line[0] in " \t" and last:
            fields[last] += " " + line.strip()
        elif ":" in line:
            key, value = line.split(":", 1)
            last = key.strip()
            fields[last] = value.strip()


def split_list(value: str) -> tuple[str, ...]:
    return tuple(t.strip() for t in value.split(",") if t.strip())


def amd64_field(fields: dict[str, str], name: str, default: str = "") -> str:
    return fields.get(f"amd64-{name}", fields.get(name, default))


def is_windows(fields: dict[str, str]) -> bool:
    constraints = fields.get("Constraints", "")
    arches = split_list(fields.get("Architectures", "amd64"))
    return "windows" in constraints or "nanoserver" in constraints or all(a.startswith("windows-") for a in arches)


def entry_source(fields: dict[str, str], library: str) -> Source | None:
    arches = split_list(fields.get("Architectures", "amd64"))
    commit = amd64_field(fields, "GitCommit")
    if "amd64" not in arches or is_windows(fields) or not commit:
        return None
    oci = fields.get("Builder", "") == "oci-import"
    path = source_path(amd64_field(fields, "Directory"), amd64_field(fields, "File", "Dockerfile"))
    kind = SourceKind.OCI if oci else SourceKind.DOCKERFILE
    branch = amd64_field(fields, "GitFetch").removeprefix("refs/heads/")
    branch = "" if branch.startswith("refs/") else branch
    return Source(candidates(amd64_field(fields, "GitRepo"), library), commit, path, kind, (), branch)


def parse_new_format(text: str, library: str) -> list[Entry]:
    defaults: dict[str, str] = {}
    entries = []
    for fields in paragraphs(text):
        if "Tags" not in fields and "SharedTags" not in fields:
            defaults.update(fields)
            continue
        merged = {**defaults, **fields}
        tags = split_list(merged.get("Tags", "")) + split_list(merged.get("SharedTags", ""))
        entries.append(Entry(tags, entry_source(merged, library), is_windows(merged)))
    return entries


def parse_library(text: str, library: str) -> list[Entry]:
    if re.search(r"^(?:Shared)?Tags:", text, re.M):
        return parse_new_format(text, library)
    return parse_old_format(text, library)


@dataclass(slots=True)
class History:
    """What a repository's library file said over time."""

    tags: set[str] = field(default_factory=set)
    source: dict[str, Source] = field(default_factory=dict)  # last linux/amd64 listing
    seen: dict[str, int] = field(default_factory=dict)  # index of the last version listing the tag
    by_path: dict[str, list[Source]] = field(default_factory=dict)  # every source of a path, oldest first
    paths: dict[str, list[str]] = field(default_factory=dict)  # every path a tag was listed with, oldest first

    windows: set[str] = field(default_factory=set)  # tags listed for Windows images only

    def note(self, tags: Sequence[str], index: int, source: Source | None, windows: bool = False) -> None:
        if windows:
            self.windows.update(t for t in tags if t not in self.tags)
            return
        self.tags.update(tags)
        self.windows.difference_update(tags)
        for tag in tags:
            self.seen[tag] = index
            if source is not None:
                self.source[tag] = source
                paths = self.paths.setdefault(tag, [])
                if not paths or paths[-1] != source.path:
                    paths.append(source.path)
        if source is not None and tags:
            past = self.by_path.setdefault(source.path, [])
            if not past or past[-1] != source:
                past.append(source)


def library_versions(oi: Mirror, library: str) -> list[str]:
    """Blob ids of every version of library/<library>, oldest first."""
    out = oi.git("log", "--reverse", "--raw", "--no-abbrev", "--format=", "--", f"library/{library}")
    blobs = []
    for line in out.splitlines():
        parts = line.split("\t")[0].split()
        if line.startswith(":") and len(parts) >= 4 and parts[3].strip("0"):
            blobs.append(parts[3])
    return blobs


def read_history(oi: Mirror, library: str) -> History:
    hist = History()
    for index, blob in enumerate(library_versions(oi, library)):
        for entry in parse_library(oi.text(blob) or "", library):
            hist.note(entry.tags, index, entry.source, entry.windows)
    return hist


# ------------------------------------------------------------ image configuration


@dataclass(frozen=True, slots=True)
class Config:
    """The parts of an image's configuration that an image built FROM it inherits."""

    env: tuple[tuple[str, str], ...] = (("PATH", SCRATCH_PATH),)
    workdir: str = ""
    cmd: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    user: str = ""
    shell: tuple[str, ...] | None = None
    stopsignal: str = ""
    expose: tuple[str, ...] = ()
    volumes: tuple[str, ...] = ()
    chain: tuple[str, ...] = ()

    def with_env(self, name: str, value: str) -> Config:
        if any(k == name for k, _ in self.env):  # a variable set again keeps its place
            return replace(self, env=tuple((k, value if k == name else v) for k, v in self.env))
        return replace(self, env=(*self.env, (name, value)))


UNKNOWN_BASE = Config(env=())  # an image built on something we know nothing about


@dataclass(slots=True)
class BuiltStage:
    name: str | None
    config: Config


@dataclass(slots=True)
class StageState:
    """What one stage's replay carries from instruction to instruction."""

    global_args: dict[str, str]
    args: dict[str, str] = field(default_factory=dict)
    cmd_set: bool = False  # CMD was set in this stage (a later ENTRYPOINT keeps it)


class Resolver:
    """Reads sources and resolves their FROM chains, caching every result."""

    def __init__(self, store: Store, histories: dict[str, History]) -> None:
        self.store = store
        self.histories = histories
        self._sources: dict[Source, Config | None] = {}
        self._blobs: dict[tuple[str, tuple[tuple[str, str], ...]], Config | None] = {}
        self._tags: dict[tuple[str, str], tuple[Config | None, Resolution]] = {}
        self._stand_ins: dict[tuple[str, str | None], Config | None] = {}
        self._busy: set[tuple[str, str]] = set()
        self._order: dict[str, list[str]] = {}

    # ---- tags

    def tag(self, repo: str, tag: str) -> tuple[Config | None, Resolution]:
        key = (repo, tag)
        if key not in self._tags:
            if key in self._busy:  # a cycle through bad data: give up on it
                return None, Resolution.UNKNOWN
            self._busy.add(key)
            self._tags[key] = self._resolve_tag(repo, tag)
            self._busy.discard(key)
        return self._tags[key]

    def _resolve_tag(self, repo: str, tag: str) -> tuple[Config | None, Resolution]:
        src = self.histories[repo].source.get(tag)
        if src is not None:
            for how, candidate in ((Resolution.READ, src), (Resolution.BRANCH, src.at_branch)):
                cfg = self.source(candidate)
                if cfg is not None:
                    return cfg, how
            for path in reversed(self.histories[repo].paths.get(tag, [])):
                cfg = self._earlier(repo, path)
                if cfg is not None:
                    return cfg, Resolution.EARLIER
        for variant in (split_tag(tag)[1], None):
            cfg = self._stand_in(repo, variant)
            if cfg is not None:
                return cfg, Resolution.SUBSTITUTED
        return None, Resolution.UNKNOWN

    def _earlier(self, repo: str, path: str) -> Config | None:
        """The configuration of the newest readable listing of the same file."""
        key = (repo, f"/{path}")
        if key not in self._stand_ins:
            found = (self.source(src) for src in reversed(self.histories[repo].by_path.get(path, ())))
            self._stand_ins[key] = next((cfg for cfg in found if cfg is not None), None)
        return self._stand_ins[key]

    def _stand_in(self, repo: str, variant: str | None) -> Config | None:
        """The configuration of the most recently listed readable tag of a variant (None: any)."""
        key = (repo, variant)
        if key not in self._stand_ins:
            self._stand_ins[key] = None
            hist = self.histories[repo]
            if repo not in self._order:
                self._order[repo] = newest_first(hist.source, hist.seen)
            for other in self._order[repo]:
                if variant is None or split_tag(other)[1] == variant:
                    cfg = self.source(hist.source[other])
                    if cfg is not None:
                        self._stand_ins[key] = cfg
                        break
        return self._stand_ins[key]

    # ---- sources

    def source(self, src: Source) -> Config | None:
        if src not in self._sources:
            self._sources[src] = self._read_source(src) if src.commit or src.branch else None
        return self._sources[src]

    def _read_source(self, src: Source) -> Config | None:
        found = self.store.blob(src)
        if found is None:
            return None
        mirror, oid, data = found
        key = (oid, src.args)
        if key not in self._blobs:
            text = data.decode("utf-8", "replace")
            if src.kind is SourceKind.OCI:
                self._blobs[key] = oci_config(mirror, src, text)
            else:
                self._blobs[key] = self.dockerfile(text, dict(src.args))
        return self._blobs[key]

    def dockerfile(self, text: str, build_args: dict[str, str]) -> Config | None:
        try:
            tree = parse(without_run(text))
        except DockerfileSyntaxError:
            return None
        if not tree.stages:
            return None
        preamble = (i for i in tree.preamble if isinstance(i, Instruction) and i.cmd == "arg")
        global_args = {**arg_defaults(preamble, {}), **build_args}
        stages: list[BuiltStage] = []
        for stage in tree.stages:
            stages.append(self._stage(stage, stages, global_args))
        return stages[-1].config

    def _stage(self, stage: Stage, done: list[BuiltStage], global_args: dict[str, str]) -> BuiltStage:
        config = self._base(evaluate(stage.base_image, global_args), done)
        state = StageState(global_args)
        for inst in stage.instructions:
            config = apply(inst, config, state)
        return BuiltStage(stage.name, config)

    def _base(self, base: str, done: list[BuiltStage]) -> Config:
        for earlier in reversed(done):
            if earlier.name is not None and earlier.name.lower() == base.lower():
                return earlier.config
        if base.isdigit() and int(base) < len(done):
            return done[int(base)].config
        if base == "scratch":
            return Config()
        repo, tag = repository(base) or (base, "")
        tag = tag or "latest"
        parent = self.tag(repo, tag)[0] if repo in self.histories else None
        inherited = parent if parent is not None else UNKNOWN_BASE
        return replace(inherited, chain=(f"{repo}:{tag}", *inherited.chain))


def evaluate(word: str, env: dict[str, str]) -> str:
    """BuildKit's reading of an ENV value, WORKDIR, USER ... (plain words need no parser)."""
    if not any(c in word for c in "$'\"\\"):
        return word
    return evaluate_word(word, env)


def without_run(text: str) -> str:
    """The Dockerfile without its RUN instructions (nothing they do reaches the image's config),
    which makes parsing several times faster; files with heredocs or an escape directive are kept whole."""
    if "<<" in text or re.search(r"^\s*#\s*escape\s*=", text, re.M | re.I):
        return text
    out = []
    continued = skipping = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if continued and (not stripped or stripped.startswith("#")):
            pass  # blank and comment lines inside a continuation belong to the instruction
        elif not continued:
            skipping = re.match(r"run(\s|$)", stripped, re.I) is not None
            continued = stripped.endswith("\\") and not stripped.startswith("#")
        else:
            continued = stripped.endswith("\\")
        if not skipping:
            out.append(line)
    return "".join(out)


def arg_defaults(insts: Iterable[Instruction], env: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for inst in insts:
        for word in inst.value:
            name, eq, value = word.partition("=")
            if eq:
                out[name] = evaluate(value, {**env, **out})
    return out


class Scope(dict[str, str]):
    """Variables in scope for a substitution: as in BuildKit, an unset one reads as empty."""

    def get(self, key: str, default: str | None = None) -> str:  # type: ignore[override]
        return super().get(key, "")


def scope(config: Config, args: dict[str, str]) -> dict[str, str]:
    return Scope({**args, **dict(config.env)})


def apply(inst: Instruction, config: Config, state: StageState) -> Config:
    """The configuration after one instruction of a stage (``state`` is updated in place)."""
    cmd = inst.cmd
    if cmd == "arg":
        for word in inst.value:
            name, eq, value = word.partition("=")
            if eq:
                state.args[name] = evaluate(value, scope(config, state.args))
            elif name in state.global_args:
                state.args[name] = state.global_args[name]
        return config
    if cmd == "env":
        values = inst.value
        for i in range(0, len(values) - 1, 2):
            config = config.with_env(values[i], evaluate(values[i + 1], scope(config, state.args)))
        return config
    if cmd == "cmd":
        state.cmd_set = True
        return replace(config, cmd=command(inst, config))
    if cmd == "entrypoint":
        kept = config.cmd if state.cmd_set else None
        return replace(config, entrypoint=command(inst, config), cmd=kept)
    return apply_other(inst, config, scope(config, state.args))


def apply_other(inst: Instruction, config: Config, env: dict[str, str]) -> Config:
    cmd = inst.cmd
    word = evaluate(inst.value[0], env) if inst.value and cmd in WORD_INSTRUCTIONS else ""
    if cmd == "workdir":
        return replace(config, workdir=posixpath.normpath(posixpath.join(config.workdir or "/", word)))
    if cmd == "user":
        return replace(config, user=word)
    if cmd == "stopsignal":
        return replace(config, stopsignal=word)
    if cmd == "shell":
        return replace(config, shell=inst.value)
    if cmd == "expose":
        ports = [port(evaluate(w, env)) for w in inst.value]
        return replace(config, expose=merged(config.expose, ports))
    if cmd == "volume":
        return replace(config, volumes=merged(config.volumes, [evaluate(w, env) for w in inst.value]))
    return config


def command(inst: Instruction, config: Config) -> tuple[str, ...]:
    if inst.json:
        return inst.value
    return (*(config.shell or DEFAULT_SHELL), inst.value[0]) if inst.value else ()


def port(word: str) -> str:
    return word if "/" in word else f"{word}/tcp"


def merged(old: tuple[str, ...], new: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(old) | {w for w in new if w}, key=natural))


def oci_blob(mirror: Mirror, src: Source, descriptor: dict[str, Any]) -> Any:
    data = descriptor.get("data")
    if isinstance(data, str):
        return json.loads(base64.b64decode(data))
    digest = str(descriptor.get("digest", "")).replace(":", "/", 1)
    rev = src.commit or src.branch
    text = mirror.text(f"{rev}:{posixpath.join(posixpath.dirname(src.path), 'blobs', digest)}")
    return json.loads(text) if text else {}


def oci_config(mirror: Mirror, src: Source, text: str) -> Config | None:
    index = json.loads(text or "{}")
    manifests = [m for m in index.get("manifests", []) if m.get("platform", {}).get("architecture") in (None, "amd64")]
    if not manifests:
        return None
    manifest = oci_blob(mirror, src, manifests[0])
    if not isinstance(manifest, dict) or "config" not in manifest:
        return None
    blob = oci_blob(mirror, src, manifest["config"])
    conf = blob.get("config", {}) if isinstance(blob, dict) else {}
    return config_from_oci(conf)


def config_from_oci(conf: dict[str, Any]) -> Config:
    """The inherited parts of an OCI image config's ``config`` object."""
    pairs = (str(e).split("=", 1) for e in conf.get("Env") or [])
    env = tuple((p[0], p[1]) for p in pairs if len(p) == 2)

    def strings(key: str) -> tuple[str, ...] | None:
        value = conf.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list) else None

    return Config(
        env=env,
        workdir=str(conf.get("WorkingDir") or ""),
        cmd=strings("Cmd"),
        entrypoint=strings("Entrypoint"),
        user=str(conf.get("User") or ""),
        shell=strings("Shell"),
        stopsignal=str(conf.get("StopSignal") or ""),
        expose=merged((), conf.get("ExposedPorts") or {}),
        volumes=merged((), conf.get("Volumes") or {}),
    )


# ------------------------------------------------------------------------- tags


def natural(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p)


def number_lists(numbers: Iterable[int]) -> str:
    """``1,2,3,5,20210816,20210902`` -> ``1~3,5,20210816,+86``: runs become ``A~B``; a number
    written ``+D`` is D more than the number before it, when that is shorter."""
    nums = sorted(set(numbers))
    out: list[str] = []
    prev: int | None = None
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        item = relative(nums[i], prev)
        out.append(item if i == j else f"{item}~{relative(nums[j], nums[i])}")
        prev, i = nums[j], j + 1
    return ",".join(out)


def relative(n: int, prev: int | None) -> str:
    delta = f"+{n - prev}" if prev is not None else ""
    return delta if delta and len(delta) < len(str(n)) else str(n)


def encode_heads(heads: Iterable[str]) -> str:
    stems: dict[str, list[int]] = defaultdict(list)
    literal = []
    for head in heads:
        m = re.match(r"^(.*?)(\d+)$", head)
        if m and (m.group(2) == "0" or not m.group(2).startswith("0")):
            stems[m.group(1)].append(int(m.group(2)))
        else:
            literal.append(head)
    grouped = [stem + number_lists(nums) for stem, nums in sorted(stems.items(), key=lambda kv: natural(kv[0]))]
    return " ".join(sorted(literal, key=natural) + grouped)


# ----------------------------------------------------------------- dotnet (mcr)

DOTNET_IMAGES = ("runtime-deps", "runtime", "aspnet", "sdk")
DOTNET_VARIABLE = re.compile(r"\$\(([^()]+)\)")


@dataclass(slots=True)
class DotnetListing:
    repo: str
    tags: tuple[str, ...]
    source: Source | None
    windows: bool = False


def dotnet_versions(mirror: Mirror) -> list[str]:
    """Commits of the default branch that changed the manifest, oldest first."""
    files = ("manifest.json", "manifest.versions.json")
    return mirror.git("log", "--first-parent", "--reverse", "--format=%H", "--", *files).split()


def dotnet_manifest(mirror: Mirror, commit: str) -> dict[str, Any] | None:
    """The manifest at a commit, its included files' ``variables`` merged into its own."""
    try:
        manifest = json.loads(mirror.text(f"{commit}:manifest.json") or "null")
        if not isinstance(manifest, dict):
            return None
        variables = dict(manifest.get("variables") or {})
        for include in manifest.get("includes") or []:
            included = json.loads(mirror.text(f"{commit}:{include}") or "{}")
            variables.update(included.get("variables") or {})
    except json.JSONDecodeError:
        return None
    manifest["variables"] = variables
    return manifest


def dotnet_substitute(text: str, variables: dict[str, str]) -> str | None:
    """``$(name)`` replaced, recursively; None when one is left unknown."""

    def one(m: re.Match[str]) -> str:
        return str(variables.get(m.group(1), m.group(0)))

    for _ in range(10):
        new = DOTNET_VARIABLE.sub(one, text)
        if new == text:
            break
        text = new
    return None if "$(" in text else text


def names(tags: Any) -> list[str]:
    """Tag names from a list (2017) or an object whose keys they are."""
    return [str(t) for t in tags] if isinstance(tags, (list, dict)) else []


def platforms(image: dict[str, Any]) -> list[dict[str, Any]]:
    plats = image.get("platforms") or []
    if isinstance(plats, dict):  # 2017: {"linux": {...}, "windows": {...}}
        return [{"os": os_name, **spec} for os_name, spec in plats.items()]
    return list(plats)


def dotnet_listings(manifest: dict[str, Any], commit: str) -> Iterator[DotnetListing]:
    registry = str(manifest.get("registry") or "")
    repos = manifest.get("repos") or []
    variables: dict[str, str] = dict(manifest["variables"])
    for r in repos:  # $(Repo:sdk): a repository of the manifest by its id
        variables[f"Repo:{r.get('id') or r['name'].rsplit('/', 1)[-1]}"] = f"{registry}/{r['name']}".lstrip("/")
    for repo in repos:
        key = f"{registry}/{repo['name']}".lstrip("/")
        if repo["name"].rsplit("/", 1)[-1] not in DOTNET_IMAGES and repo["name"] != "microsoft/dotnet":
            continue
        for image in repo.get("images") or []:
            yield from image_listings(key, image, commit, {**variables, "System:Repo": key})


def image_listings(key: str, image: dict[str, Any], commit: str, variables: dict[str, str]) -> Iterator[DotnetListing]:
    def sub(texts: Iterable[str]) -> tuple[str, ...]:
        return tuple(t for t in (dotnet_substitute(x, variables) for x in texts) if t)

    shared = sub(names(image.get("sharedTags")))
    linux = any(plat.get("os") == "linux" for plat in platforms(image))
    yield DotnetListing(key, shared, None, not linux)
    for plat in platforms(image):
        tags = sub(names(plat.get("tags")))
        linux_amd64 = plat.get("os") == "linux" and plat.get("architecture", "amd64") == "amd64"
        src = platform_source(plat, commit, variables) if linux_amd64 else None
        yield DotnetListing(key, tags + (shared if linux_amd64 else ()), src, plat.get("os") == "windows")


def platform_source(plat: dict[str, Any], commit: str, variables: dict[str, str]) -> Source:
    build_args = dict(plat.get("buildArgs") or {})
    args = {str(k): dotnet_substitute(str(v), variables) or "" for k, v in build_args.items()}
    path = str(plat.get("dockerfile", "")).rstrip("/")
    path = path if path.endswith("Dockerfile") else f"{path}/Dockerfile"
    return Source((DOTNET,), commit, path, SourceKind.DOCKERFILE, tuple(sorted(args.items())))


def read_dotnet(store: Store) -> dict[str, History]:
    mirror = store.mirror(DOTNET)
    out: dict[str, History] = defaultdict(History)
    if mirror is None:
        return {}
    for index, commit in enumerate(dotnet_versions(mirror)):
        manifest = dotnet_manifest(mirror, commit)
        for listing in dotnet_listings(manifest, commit) if manifest else ():
            out[listing.repo].note(listing.tags, index, listing.source, listing.windows)
    return dict(out)


# ------------------------------------------------------------------ the data file


class Values:
    """A repository's table of distinct JSON values; index 0 is null."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {"null": 0}
        self.table: list[object] = [None]

    def ref(self, value: object) -> int:
        key = json.dumps(value, ensure_ascii=False)
        if key not in self._index:
            self._index[key] = len(self.table)
            self.table.append(value)
        return self._index[key]


# The fields of a profile, in the order the data file lists them.
PROFILE_FIELDS = ("from", "cmd", "entrypoint", "workdir", "user", "shell", "stopsignal", "expose", "volumes")


def short_base(ref: str, repo: str) -> str:
    """``mcr.microsoft.com/dotnet/runtime:8.0`` seen from ``mcr.microsoft.com/dotnet/aspnet`` is
    ``~/runtime:8.0``: ``~/`` stands for the repository's own namespace."""
    namespace = repo.rpartition("/")[0]
    return "~/" + ref[len(namespace) + 1 :] if namespace and ref.startswith(namespace + "/") else ref


def profile_row(config: Config, release: dict[str, str], values: Values, repo: str) -> list[int]:
    """``[ENV, FROM, CMD, ENTRYPOINT, WORKDIR, USER, SHELL, STOPSIGNAL, EXPOSE, VOLUMES]``, each an
    index into the values table (0: unset), trailing unset fields left out; ENV's value is a list of
    indices of ``[name, value]`` (``[name]``: a release value, in ``versioned``)."""
    env = values.ref([values.ref([k] if k in release else [k, v]) for k, v in config.env])
    fields: dict[str, object] = {
        "from": short_base(config.chain[0], repo) if config.chain else None,
        "cmd": list(config.cmd) if config.cmd else None,
        "entrypoint": list(config.entrypoint) if config.entrypoint else None,
        "workdir": config.workdir or None,
        "user": config.user or None,
        "shell": list(config.shell) if config.shell else None,
        "stopsignal": config.stopsignal or None,
        "expose": list(config.expose) or None,
        "volumes": list(config.volumes) or None,
    }
    row: list[int] = [env, *(values.ref(fields[name]) for name in PROFILE_FIELDS)]
    while row[-1] == 0:
        row.pop()
    return row


def release_names(configs: dict[str, Config]) -> set[str]:
    """ENV names whose value changes with each release (``PYTHON_VERSION``, ``PHP_SHA256``), as
    opposed to with the release line or the variant (``JAVA_HOME``, ``GPG_KEY``): those with more
    than RELEASE_VALUES distinct values per distinct configuration that sets them."""
    values: dict[str, set[str]] = defaultdict(set)
    holders: dict[str, set[Config]] = defaultdict(set)
    for config in set(configs.values()):
        for name, value in config.env:
            values[name].add(value)
            holders[name].add(config)
    return {n for n, vals in values.items() if len(vals) > 2 and len(vals) > RELEASE_VALUES * len(holders[n])}


def newest_values(configs: dict[str, Config], names: set[str], order: list[str]) -> dict[str, str]:
    """Each name's value in the newest tag that sets it (``order`` is newest first)."""
    newest: dict[str, str] = {}
    for tag in order:
        for name, value in configs[tag].env:
            if name in names:
                newest.setdefault(name, value)
    return dict(sorted(newest.items()))


def line(tag: str) -> str:
    """A tag's release line: ``3.11`` for 3.11.4-slim, ``8`` for 8u151-jdk, ``tip`` for tip-20250629."""
    head = split_tag(tag)[0]
    m = re.match(r"\d+(?:\.\d+)?|[A-Za-z]*", head)
    return m.group(0) if m else head


def chain_key(ref: str) -> str:
    """A base image by its line (``aspnet:8.0.30-bookworm-slim`` -> ``aspnet:8.0-bookworm-slim``)."""
    repo, _, tag = ref.rpartition(":")
    return f"{repo}:{line(tag)}-{split_tag(tag)[1]}"


def profile_key(config: Config, versioned: set[str]) -> Config:
    """What two tags of one profile share: everything but release values and base releases."""
    env = tuple((k, "" if k in versioned else v) for k, v in config.env)
    return replace(config, env=env, chain=tuple(chain_key(r) for r in config.chain[:1]))


@dataclass(slots=True)
class RepoData:
    versioned: dict[str, str]
    values: list[object]
    profiles: list[list[int]]
    heads: list[str]
    tags: dict[str, str]
    counts: dict[str, int]

    def json(self) -> dict[str, object]:
        return {
            "versioned": self.versioned,
            "values": self.values,
            "profiles": self.profiles,
            "heads": self.heads,
            "tags": self.tags,
        }


def newest_first(tags: Iterable[str], seen: dict[str, int]) -> list[str]:
    return sorted(tags, key=lambda t: (seen.get(t, -1), natural(split_tag(t)[0]), t), reverse=True)


def build_repo(resolver: Resolver, repo: str, hist: History) -> RepoData:
    configs: dict[str, Config] = {}
    counts: dict[str, int] = defaultdict(int)
    for tag in sorted(hist.source):
        config, how = resolver.tag(repo, tag)
        counts[how.value] += 1
        if config is not None:
            configs[tag] = config
    order = newest_first(configs, hist.seen)
    release = newest_values(configs, release_names(configs), order)
    groups: dict[Config, int] = {}
    known: dict[str, int] = {}
    values = Values()
    profiles: list[list[int]] = []
    pid: dict[str, int] = {}
    for tag in order:
        group = profile_key(configs[tag], set(release))
        if group not in groups:  # the group's newest tag stands for it
            profile = profile_row(configs[tag], release, values, repo)
            groups[group] = known.setdefault(json.dumps(profile), len(profiles))
            if groups[group] == len(profiles):
                profiles.append(profile)
        pid[tag] = groups[group]
    heads, tags = tag_table(hist, pid)
    return RepoData(release, values.table, profiles, heads, tags, dict(counts))


def run_lengths(values: Sequence[str]) -> str:
    """``a a a b c c`` -> ``a*3 b c``: the last run's length is left out (it runs to the end)."""
    out = []
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and values[j + 1] == values[i]:
            j += 1
        last = j == len(values) - 1
        out.append(values[i] if i == j or last else f"{values[i]}*{j - i + 1}")
        i = j + 1
    return " ".join(out)


def tag_table(hist: History, pid: dict[str, int]) -> tuple[list[str], dict[str, str]]:
    """The distinct head lists, and VARIANT -> ``"HEADS PIDS [|NEWEST]"``: the index of the
    variant's head list, its tags' profiles in the list's decoded order (run-length coded), and the
    profile of the variant's most recently listed tag when that is not the first of PIDS."""
    groups: dict[str, list[str]] = defaultdict(list)
    newest: dict[str, str] = {}
    for tag in newest_first(hist.tags, hist.seen):
        head, variant = split_tag(tag)
        groups[variant].append(head)
        if tag in pid:
            newest.setdefault(variant, str(pid[tag]))
    lists: dict[str, int] = {}
    table: dict[str, str] = {}
    for variant in sorted(groups, key=natural):
        heads = encode_heads(groups[variant])
        index = lists.setdefault(heads, len(lists))
        pids = [str(pid[join_tag(h, variant)]) if join_tag(h, variant) in pid else "-" for h in decode_heads(heads)]
        row = f"{index} {run_lengths(pids)}"
        if newest.get(variant, "-") != pids[0]:
            row += f" |{newest.get(variant, '-')}"
        table[variant] = row
    return list(lists), table


def join_tag(head: str, variant: str) -> str:
    return f"{head}-{variant}" if variant else head


def generate(root: Path) -> dict[str, Any]:
    store = Store(root)
    oi = store.mirror(OFFICIAL_IMAGES)
    if oi is None:
        raise SystemExit(f"no mirror of {OFFICIAL_IMAGES} under {root}")
    histories = {lib: read_history(oi, lib) for lib in sorted(SOURCES)}
    dotnet = read_dotnet(store)
    resolver = Resolver(store, {**histories, **dotnet})
    repos: dict[str, Any] = {}
    stats: dict[str, Any] = {}
    for repo, hist in sorted({**histories, **dotnet}.items()):
        data = build_repo(resolver, repo, hist)
        repos[repo] = data.json()
        stats[repo] = {
            "tags": len(hist.tags),
            "windows_tags": len(hist.windows),
            "profiles": len(data.profiles),
            **data.counts,
        }
    source = {"mirrors": store.used(), "missing": MISSING, "generator": "scripts/gen_official_images.py"}
    store.close()
    return {"_source": source, "_stats": stats, "repos": repos}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mirror-root", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    args = ap.parse_args(argv)
    data = generate(args.mirror_root)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n"
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {len(text.encode()):,} bytes, {len(data['repos'])} repositories", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
