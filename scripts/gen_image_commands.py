#!/usr/bin/env python3
"""Generate transformer/data/image_commands.json: which commands a runtime image has,
and which Debian/Ubuntu package provides a command.

When msrefactor repeats a command in the runtime stage (``sed``, ``locale-gen``,
``useradd``, ``a2enmod``, ``envsubst``, ``curl`` ...), that command must exist in the
runtime image, or the runtime must install the package that provides it.  Both facts
come from the distributions' own indices and from the recipes of the images, so
nothing here is guessed; the few hand-written tables below say where they come from.

Sources
-------
* Package indices (Priority, Section, Depends, Pre-Depends, Provides): the same
  ``Packages.xz`` files as scripts/gen_debian_runtime_map.py (its ``RELEASES``:
  Debian bullseye, bookworm, trixie: main; Ubuntu xenial, bionic, focal, jammy,
  noble, resolute: main + universe; release, -updates and -security suites).
* File lists: ``Contents-amd64.gz`` of each release (Debian: ``main/Contents-amd64.gz``
  plus ``main/Contents-all.gz``, since Debian lists Architecture: all packages there;
  Ubuntu: ``Contents-amd64.gz`` of the release pocket, all components, of which only
  main and universe packages are used).  An executable is any file directly in
  ``bin/``, ``usr/bin/``, ``sbin/`` or ``usr/sbin/``; its name is the command.
* Base images' package sets (``BASE_MANIFESTS``): debuerreotype/docker-debian-artifacts,
  branch dist-amd64, ``<release>/slim/rootfs.manifest`` (the packages of the official
  debian:<release>-slim image; the non-slim image has the same packages, slim only
  deletes documentation and locales); tianon/docker-brew-ubuntu-core, branch dist-amd64,
  the ``ubuntu-<release>-oci-amd64-root.manifest`` (or ``...-core-cloudimg-...``) of
  the official ubuntu:<release> image.  A release without a manifest (Ubuntu noble, resolute) is
  computed the way those images are built (debootstrap ``--variant=minbase`` plus apt):
  every ``Priority: required`` package and apt, with their Depends and Pre-Depends.
  The script checks that computation against the releases that have a manifest and
  records the differences under ``_source.base_check``.
* Layers of the language images (``LAYERS``): the Debian packages that the official
  Dockerfiles install and keep (docker-library/python, nodejs/docker-node,
  docker-library/ruby, docker-library/php; repository, commit and file recorded in
  ``_source.layers``), with their dependencies, plus the programs the Dockerfiles put
  in /usr/local/bin and /usr/local/sbin.  ``--mirrors DIR`` checks each listed
  package against the Dockerfile text in a local bare mirror of the repository.
* Alternatives (``ALTERNATIVES``): commands that no package ships as a file, because
  the package's maintainer script makes them with ``update-alternatives`` (``awk`` from
  mawk, ``nc`` from netcat-openbsd, ``which`` from debianutils' which.debianutils,
  ``convert`` from imagemagick ...), and a few wrappers (``psql`` of
  postgresql-client-common runs postgresql-client's).  This hand-written table wins
  over the Contents files: its first package present in a release is the provider.

Choosing one package for a command
----------------------------------
When several packages ship the same command, the first by this order wins:
Ubuntu main before universe; ``Priority`` required, important, standard, optional,
extra; the package whose name equals the command; the shorter name; the name in
alphabetical order.

What is stored (``image_commands.json``)
----------------------------------------
``providers``: the base release's (bookworm) command -> package map, grouped by
package (``"package": "command command ..."``).  Left out: commands of packages in
desktop, science and documentation sections (``SKIPPED_SECTIONS``) and cross-toolchain
commands named after a GNU triplet (``x86_64-linux-gnu-gcc``), some 14,000 names that
a Dockerfile's runtime does not repeat.  ``provider_changes.<codename>``: for another
release, the commands whose package differs there, and the commands of that release
absent from bookworm whose package is ``Priority: standard`` or higher.  A command a
release lacks is not recorded: the lookup then answers bookworm's package.
``images.<name>``: the sorted commands of a base image (``debian/<codename>``,
``ubuntu/<codename>``, ``distroless/<flavour>``), or of a language image as
``{"base": ..., "adds": [...]}`` (``python-slim/<codename>`` ...).
``version_limited`` lists commands a language image has only up to a major version.

Usage::

    python scripts/gen_image_commands.py --cache DIR --mirrors /work/.mirror
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import gen_debian_runtime_map as archives  # noqa: E402 - a sibling script

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "transformer" / "data" / "image_commands.json"
GENERATED_BY = "scripts/gen_image_commands.py"
BASE = archives.BASE

BIN_DIRS = ("bin/", "usr/bin/", "sbin/", "usr/sbin/")
PRIORITY_RANK = {"required": 0, "important": 1, "standard": 2, "optional": 3, "extra": 4}
SKIPPED_SECTIONS = frozenset({
    "science", "games", "x11", "gnome", "kde", "xfce", "hamradio", "electronics", "education", "tex",
    "gnu-r", "math", "debug", "doc", "fonts", "introspection", "gnustep", "cli-mono", "debian-installer",
    "metapackages", "lisp", "ocaml", "haskell", "fortran", "zope",
})
TRIPLET = re.compile(r"^[a-z0-9_]+-(linux|w64|elf|none|unknown|pc|apple|kfreebsd|gnu)[-_]")

# update-alternatives names made by maintainer scripts: command -> packages, in order of preference.
ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "awk": ("mawk", "gawk", "original-awk"),
    "nawk": ("mawk", "gawk", "original-awk"),
    "which": ("debianutils",),
    "rmt": ("tar",),
    "nc": ("netcat-openbsd", "netcat-traditional"),
    "netcat": ("netcat-openbsd", "netcat-traditional"),
    "vi": ("vim-tiny", "vim", "nvi"),
    "view": ("vim-tiny", "vim", "nvi"),
    "ex": ("vim-tiny", "vim", "nvi"),
    "vim": ("vim",),
    "pager": ("less", "most", "util-linux"),  # util-linux's postinst points pager at more
    "editor": ("nano", "vim-tiny", "vim"),
    "cc": ("gcc",),
    "c89": ("gcc",),
    "c99": ("gcc",),
    "c++": ("g++",),
    "yacc": ("bison", "byacc"),
    "php": ("php-cli",),
    "java": ("default-jre-headless",),
    "keytool": ("default-jre-headless",),
    "javac": ("default-jdk-headless",),
    "jar": ("default-jdk-headless",),
    "rename": ("rename",),
    "lzma": ("xz-utils",),
    # Programs that the image's metapackage installs under a versioned name plus an alternative
    # (imagemagick: convert-im6.q16), or behind a wrapper package that needs the client itself
    # (postgresql-client-common's psql runs postgresql-client-<version>'s).
    "convert": ("imagemagick",),
    "identify": ("imagemagick",),
    "mogrify": ("imagemagick",),
    "composite": ("imagemagick",),
    "montage": ("imagemagick",),
    "psql": ("postgresql-client",),
    "pg_dump": ("postgresql-client",),
    "pg_dumpall": ("postgresql-client",),
    "pg_restore": ("postgresql-client",),
    "pg_isready": ("postgresql-client",),
    "createdb": ("postgresql-client",),
    "dropdb": ("postgresql-client",),
}

DEBIAN_ARTIFACTS = "debuerreotype/docker-debian-artifacts"
UBUNTU_CORE = "tianon/docker-brew-ubuntu-core"


@dataclass(frozen=True)
class Manifest:
    repo: str
    ref: str
    path: str


BASE_MANIFESTS: dict[str, Manifest] = {
    "bullseye": Manifest(DEBIAN_ARTIFACTS, "dist-amd64", "bullseye/slim/rootfs.manifest"),
    "bookworm": Manifest(DEBIAN_ARTIFACTS, "dist-amd64", "bookworm/slim/rootfs.manifest"),
    "trixie": Manifest(DEBIAN_ARTIFACTS, "dist-amd64", "trixie/slim/rootfs.manifest"),
    "xenial": Manifest(UBUNTU_CORE, "dist-amd64", "xenial/ubuntu-xenial-core-cloudimg-amd64.manifest"),
    "bionic": Manifest(UBUNTU_CORE, "dist-amd64", "bionic/ubuntu-bionic-oci-amd64-root.manifest"),
    "focal": Manifest(UBUNTU_CORE, "dist-amd64", "focal/ubuntu-focal-oci-amd64-root.manifest"),
    "jammy": Manifest(UBUNTU_CORE, "dist-amd64", "jammy/ubuntu-jammy-oci-amd64-root.manifest"),
}


@dataclass(frozen=True)
class Layer:
    """What a language image adds to debian:<release>-slim."""

    name: str
    repo: str
    dockerfile: str  # path with {release}, for the record and the --mirrors check
    apt: tuple[str, ...]  # Debian packages the image keeps
    local: tuple[str, ...]  # programs in /usr/local/bin and /usr/local/sbin
    releases: tuple[str, ...] = ("bullseye", "bookworm", "trixie")


PHPIZE_DEPS = ("autoconf", "dpkg-dev", "file", "g++", "gcc", "libc-dev", "make", "pkg-config", "re2c")
PHP_LOCAL = ("php", "php-config", "phpize", "pear", "peardev", "pecl", "docker-php-ext-configure",
             "docker-php-ext-enable", "docker-php-ext-install", "docker-php-source", "docker-php-entrypoint")
LAYERS: tuple[Layer, ...] = (
    Layer("python-slim", "docker-library/python", "3.12/slim-{release}/Dockerfile",
          ("ca-certificates", "netbase", "tzdata"),
          ("python", "python3", "pip", "pip3", "pydoc", "pydoc3", "idle", "idle3", "python-config",
           "python3-config")),
    Layer("node-slim", "nodejs/docker-node", "22/{release}-slim/Dockerfile", (),
          ("node", "nodejs", "npm", "npx", "corepack", "yarn", "yarnpkg", "docker-entrypoint.sh")),
    Layer("ruby-slim", "docker-library/ruby", "3.4/slim-{release}/Dockerfile", ("ca-certificates",),
          ("ruby", "gem", "irb", "erb", "bundle", "bundler", "rake", "rdoc", "ri")),
    Layer("php-cli", "docker-library/php", "8.4/{release}/cli/Dockerfile",
          (*PHPIZE_DEPS, "ca-certificates", "curl", "xz-utils"), PHP_LOCAL),
    Layer("php-apache", "docker-library/php", "8.4/{release}/apache/Dockerfile",
          (*PHPIZE_DEPS, "ca-certificates", "curl", "xz-utils", "apache2"), (*PHP_LOCAL, "apache2-foreground")),
    Layer("php-fpm", "docker-library/php", "8.4/{release}/fpm/Dockerfile",
          (*PHPIZE_DEPS, "ca-certificates", "curl", "xz-utils"), (*PHP_LOCAL, "php-fpm")),
)
# docker-node: the node 22 and 24 images ship yarn and corepack, node 26's not.
VERSION_LIMITED = {"node-slim": {"corepack": 24, "yarn": 24, "yarnpkg": 24}}
# gcr.io/distroless (GoogleContainerTools/distroless, base/README.md): static has CA certificates,
# /etc/passwd and tzdata; base-nossl adds glibc, base libssl, cc libgcc and libstdc++: no shell,
# no program at all.
DISTROLESS_EMPTY = ("static", "base-nossl", "base", "cc")


# --- package indices --------------------------------------------------------------------


@dataclass
class Info:
    name: str
    priority: int
    section: str
    depends: list[list[str]] = field(default_factory=list)
    provides: list[str] = field(default_factory=list)


_FIELD = re.compile(r"^(Package|Priority|Section|Depends|Pre-Depends|Provides):[ \t]*(.*(?:\n[ \t].*)*)", re.M)


def parse_index(text: str) -> dict[str, Info]:
    """Package -> its Priority, Section, dependencies and Provides (merged stanzas)."""
    out: dict[str, Info] = {}
    for stanza in text.split("\n\n"):
        fields = {k: " ".join(v.split()) for k, v in _FIELD.findall(stanza)}
        name = fields.get("Package")
        if not name:
            continue
        deps = [alts for key in ("Pre-Depends", "Depends") for group in fields.get(key, "").split(",")
                if (alts := list(archives._names(group)))]
        provides = [n for item in fields.get("Provides", "").split(",") for n in archives._names(item)]
        out[name] = Info(name, PRIORITY_RANK.get(fields.get("Priority", ""), 5),
                         fields.get("Section", "").rsplit("/", 1)[-1], deps, provides)
    return out


class Resolver:
    """The Depends/Pre-Depends closure of a package set, as apt --no-install-recommends picks it."""

    def __init__(self, infos: dict[str, Info]) -> None:
        self.infos = infos
        self.providers: dict[str, list[str]] = {}
        for info in infos.values():
            for virt in info.provides:
                self.providers.setdefault(virt, []).append(info.name)

    def pick(self, alternatives: list[str], chosen: set[str]) -> str | None:
        for name in alternatives:  # an alternative already there satisfies the dependency
            if name in chosen or any(p in chosen for p in self.providers.get(name, ())):
                return None
        for name in alternatives:
            if name in self.infos:
                return name
        for name in alternatives:
            provs = sorted(self.providers.get(name, ()), key=lambda p: (self.infos[p].priority, p))
            if provs:
                return provs[0]
        return None

    def closure(self, names: Iterable[str]) -> set[str]:
        chosen: set[str] = set()
        todo = [n for n in names if n in self.infos]
        while todo:
            name = todo.pop()
            if name in chosen:
                continue
            chosen.add(name)
            for group in self.infos[name].depends:
                dep = self.pick(group, chosen)
                if dep is not None and dep not in chosen:
                    todo.append(dep)
        return chosen


# --- Contents ---------------------------------------------------------------------------


def contents_urls(arch: archives.Archive) -> list[str]:
    if arch.distribution == "debian":
        return [f"{arch.mirror}/dists/{arch.codename}/main/Contents-{kind}.gz" for kind in ("amd64", "all")]
    return [f"{arch.mirror}/dists/{arch.codename}/Contents-amd64.gz"]


def iter_executables(text: str) -> Iterator[tuple[str, str, str]]:
    """(command, package, component) for every file right in a bin directory."""
    for line in text.splitlines():
        path, _, locations = line.rpartition(" ")
        path = path.rstrip().rstrip("\t")
        if not path.startswith(BIN_DIRS):
            continue
        directory, _, command = path.rpartition("/")
        if directory + "/" not in BIN_DIRS or not command:
            continue
        for loc in locations.split(","):
            parts = loc.split("/")
            component = parts[0] if len(parts) == 3 else "main"
            yield command, parts[-1], component


def read_contents(arch: archives.Archive, cache: Path | None) -> dict[str, set[tuple[str, str]]]:
    """Package -> {(command, component)} of a release."""
    out: dict[str, set[tuple[str, str]]] = {}
    for url in contents_urls(arch):
        text = gzip.decompress(archives.download(url, cache)).decode("utf-8", "replace").replace("\t", " ")
        for command, package, component in iter_executables(text):
            out.setdefault(package, set()).add((command, component))
    return out


# --- one release --------------------------------------------------------------------------


@dataclass
class ReleaseFacts:
    codename: str
    distribution: str
    infos: dict[str, Info]
    files: dict[str, set[str]]  # package -> commands it ships (main and universe packages only)
    components: dict[str, str]  # package -> component

    def commands_of(self, packages: Iterable[str]) -> set[str]:
        pkgs = set(packages)
        out = {c for p in pkgs for c in self.files.get(p, ())}
        out |= {cmd for cmd, cands in ALTERNATIVES.items() if pkgs & set(cands)}
        return out

    def rank(self, package: str, command: str) -> tuple[int, int, int, int, str]:
        info = self.infos[package]
        main = 0 if self.components.get(package, "main") == "main" else 1
        return main, info.priority, 0 if package == command else 1, len(package), package

    def providers(self) -> dict[str, str]:
        """Command -> the package chosen for it (see the module's documentation)."""
        candidates: dict[str, list[str]] = {}
        for package, commands in self.files.items():
            for command in commands:
                candidates.setdefault(command, []).append(package)
        out = {cmd: min(pkgs, key=lambda p: self.rank(p, cmd)) for cmd, pkgs in candidates.items()}
        for cmd, cands in ALTERNATIVES.items():  # the curated table wins
            real = [c for c in cands if c in self.infos]
            if real:
                out[cmd] = real[0]
        return out

    def kept(self, command: str, package: str) -> bool:
        """Whether a command belongs in the stored provider map."""
        return not TRIPLET.match(command) and self.infos[package].section not in SKIPPED_SECTIONS


def release_facts(arch: archives.Archive, cache: Path | None) -> ReleaseFacts:
    text, _ = archives.read_release(arch, cache)
    infos = parse_index(text)
    files: dict[str, set[str]] = {}
    components: dict[str, str] = {}
    for package, entries in read_contents(arch, cache).items():
        if package not in infos:  # multiverse, restricted, or gone from the indices
            continue
        files[package] = {cmd for cmd, _ in entries}
        components[package] = min(comp for _, comp in entries)  # "main" < "universe"
    return ReleaseFacts(arch.codename, arch.distribution, infos, files, components)


# --- images -------------------------------------------------------------------------------


def git_show(mirrors: Path | None, repo: str, ref: str, path: str) -> str | None:
    if mirrors is None:
        return None
    gitdir = mirrors / repo.replace("/", "+") / "repo"
    proc = subprocess.run(["git", "-C", str(gitdir), "show", f"{ref}:{path}"], capture_output=True, text=True)
    return proc.stdout if proc.returncode == 0 else None


def git_commit(mirrors: Path | None, repo: str, ref: str) -> str:
    if mirrors is None:
        return ""
    gitdir = mirrors / repo.replace("/", "+") / "repo"
    proc = subprocess.run(["git", "-C", str(gitdir), "rev-parse", ref], capture_output=True, text=True)
    return proc.stdout.strip()


def manifest_packages(text: str) -> set[str]:
    """Package names of a rootfs manifest (``name[:arch]<TAB>version`` lines)."""
    return {line.split()[0].split(":")[0] for line in text.splitlines() if line.strip()}


def minbase(facts: ReleaseFacts) -> set[str]:
    """debootstrap --variant=minbase plus apt: Priority required and apt, with dependencies."""
    required = [n for n, i in facts.infos.items() if i.priority == 0]
    return Resolver(facts.infos).closure([*required, "apt"])


def base_packages(facts: ReleaseFacts, mirrors: Path | None) -> tuple[set[str], dict[str, object]]:
    """The base image's packages and where they come from."""
    man = BASE_MANIFESTS.get(facts.codename)
    text = git_show(mirrors, man.repo, man.ref, man.path) if man else None
    computed = minbase(facts)
    if man is None or text is None:
        return computed, {"computed": "Priority required + apt, with Depends and Pre-Depends"}
    listed = manifest_packages(text)
    check = {"computed_only": sorted(computed - listed), "manifest_only": sorted(listed - computed)}
    return listed, {"repository": man.repo, "commit": git_commit(mirrors, man.repo, man.ref), "path": man.path,
                    "check_of_the_computation": check}


def layer_check(layer: Layer, release: str, mirrors: Path | None) -> dict[str, object]:
    """Where a layer comes from, and the listed packages missing from its Dockerfile text."""
    path = layer.dockerfile.format(release=release)
    text = git_show(mirrors, layer.repo, "HEAD", path)
    missing = [p for p in layer.apt
               if text is not None and not re.search(rf"(?<![\w.-]){re.escape(p)}(?![\w.-])", text)]
    if missing:
        raise SystemExit(f"{layer.repo}:{path} does not install {missing}")
    return {"repository": layer.repo, "commit": git_commit(mirrors, layer.repo, "HEAD"), "path": path,
            "checked": text is not None}


# --- the document -----------------------------------------------------------------------


def grouped(providers: dict[str, str]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for command, package in providers.items():
        out.setdefault(package, []).append(command)
    return {p: " ".join(sorted(cmds)) for p, cmds in sorted(out.items())}


def provider_changes(facts: ReleaseFacts, base: dict[str, str]) -> dict[str, str]:
    """The commands whose package differs from the base map, and notable ones the base lacks."""
    out: dict[str, str] = {}
    for command, package in facts.providers().items():
        if command in base:
            if base[command] != package:
                out[command] = package
        elif facts.kept(command, package) and facts.infos[package].priority <= PRIORITY_RANK["standard"]:
            out[command] = package
    return dict(sorted(out.items()))


def build_document(all_facts: dict[str, ReleaseFacts], mirrors: Path | None) -> dict[str, object]:
    base_facts = all_facts[BASE]
    base_map = {c: p for c, p in base_facts.providers().items() if base_facts.kept(c, p)}
    images: dict[str, object] = {f"distroless/{flavour}": [] for flavour in DISTROLESS_EMPTY}
    sources: dict[str, object] = {}
    for codename, facts in all_facts.items():
        pkgs, source = base_packages(facts, mirrors)
        images[f"{facts.distribution}/{codename}"] = sorted(facts.commands_of(pkgs))
        sources[f"{facts.distribution}/{codename}"] = source
        if facts.distribution != "debian":
            continue
        for layer in LAYERS:
            if codename not in layer.releases:
                continue
            added = Resolver(facts.infos).closure(layer.apt) - pkgs
            adds = (facts.commands_of(added | pkgs) - facts.commands_of(pkgs)) | set(layer.local)
            images[f"{layer.name}/{codename}"] = {"base": f"debian/{codename}", "adds": sorted(adds)}
            sources[f"{layer.name}/{codename}"] = layer_check(layer, codename, mirrors)
    changes = {c: provider_changes(f, base_map) for c, f in all_facts.items() if c != BASE}
    return {
        "_generated_by": GENERATED_BY,
        "_note": "providers: package -> the commands (space-separated) it is chosen for, in the base release; "
        "provider_changes.<codename>: command -> package where another release differs; images: the commands "
        "of runtime images. Regenerate with the script, do not edit.",
        "_release": BASE,
        "_source": {"images": sources, "contents": {c: contents_urls(archives.archive(c)) for c in all_facts}},
        "images": images,
        "provider_changes": changes,
        "providers": grouped(base_map),
        "version_limited": VERSION_LIMITED,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output JSON file (default: %(default)s)")
    parser.add_argument("--cache", type=Path, default=None, help="folder that keeps the downloaded indices")
    parser.add_argument("--mirrors", type=Path, default=None,
                        help="folder of bare git mirrors named owner+name/repo (manifests, Dockerfiles)")
    args = parser.parse_args(argv)
    if args.mirrors is None:
        print("--mirrors is needed: the base images' manifests are read from the mirrors", file=sys.stderr)
        return 2
    all_facts = {a.codename: release_facts(a, args.cache) for a in archives.RELEASES}
    doc = build_document(all_facts, args.mirrors)
    src = doc["_source"]
    assert isinstance(src, dict)
    src["retrieved"] = datetime.date.today().isoformat()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(archives.render(doc))
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
