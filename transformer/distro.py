"""Distribution releases and what runtime images hold: a facts layer.

* :func:`release_of` names the Debian or Ubuntu release an image is built on;
* :func:`commands_in` gives the commands (files in /bin, /usr/bin, /sbin, /usr/sbin and
  the /usr/local programs of the language images) of a runtime image;
* :func:`package_providing` names the package that provides a command in a release;
* :func:`alpine_release` names the Alpine release an image is built on.

The data are generated from the archives' indices and the official images' recipes by
scripts/gen_image_commands.py (data/image_commands.json) and
scripts/gen_debian_runtime_map.py (data/debian_runtime.json); this module only reads
them, lazily and once.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import cache, lru_cache

from . import thirdparty
from .images import data, hub_mirror
from .official import chain, repository


class Distribution(Enum):
    DEBIAN = "debian"
    UBUNTU = "ubuntu"


class Release(str, Enum):
    """A release the data know; its value is the codename (so ``packages.maps`` takes it as is)."""

    BULLSEYE = "bullseye"
    BOOKWORM = "bookworm"
    TRIXIE = "trixie"
    XENIAL = "xenial"
    BIONIC = "bionic"
    FOCAL = "focal"
    JAMMY = "jammy"
    NOBLE = "noble"
    RESOLUTE = "resolute"

    @property
    def codename(self) -> str:
        return self.value

    @property
    def distribution(self) -> Distribution:
        return _FACTS[self][0]

    @property
    def version(self) -> str:
        """``12`` for Debian, ``22.04`` for Ubuntu."""
        return _FACTS[self][1]


_CODENAMES = frozenset(r.value for r in Release)
_FACTS: dict[Release, tuple[Distribution, str]] = {
    Release.BULLSEYE: (Distribution.DEBIAN, "11"),
    Release.BOOKWORM: (Distribution.DEBIAN, "12"),
    Release.TRIXIE: (Distribution.DEBIAN, "13"),
    Release.XENIAL: (Distribution.UBUNTU, "16.04"),
    Release.BIONIC: (Distribution.UBUNTU, "18.04"),
    Release.FOCAL: (Distribution.UBUNTU, "20.04"),
    Release.JAMMY: (Distribution.UBUNTU, "22.04"),
    Release.NOBLE: (Distribution.UBUNTU, "24.04"),
    Release.RESOLUTE: (Distribution.UBUNTU, "26.04"),
}
# Debian's suite names as the archive's InRelease files gave them on 2026-11-30; ``latest`` of
# the debian image is stable. ``latest`` of the ubuntu image: docker-library/official-images' library/ubuntu at
# 37079fb (2026-08-21) gives "Tags: 26.04, resolute-20260811.1, resolute, latest, rolling".
_DEBIAN_SUITES = {"oldoldstable": Release.BULLSEYE, "oldstable": Release.BOOKWORM, "stable": Release.TRIXIE}
_UBUNTU_LATEST = Release.RESOLUTE
# Images of docker-library built FROM debian:<release>(-slim) or buildpack-deps:<release>;
# with no release in the tag, images.json's release for the tag's version (or its default).
_DEBIAN_BASED = frozenset({"python", "node", "ruby", "php", "golang", "rust", "gcc", "perl", "buildpack-deps"})
# Releases too old for the data (no longer in the archives read), and other systems.
_UNKNOWN_WORDS = frozenset({"jessie", "stretch", "buster", "wheezy", "trusty", "precise", "alpine",
                            "windowsservercore", "nanoserver", "ltsc2019", "ltsc2022", "ltsc2025"})
_DOCKER_HUB = frozenset({"", "docker.io", "index.docker.io", "registry-1.docker.io"})


def _parse(image: str) -> tuple[str, str, str]:
    """(registry, repository without library/, tag) of an image reference; a mirror of Docker Hub's library
    (images.HUB_MIRRORS) is Docker Hub."""
    ref = hub_mirror(image.strip())[1].split("@", 1)[0]
    registry = ""
    first, _, rest = ref.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        registry, ref = first, rest
    tag = ""
    if ":" in ref.rsplit("/", 1)[-1]:
        ref, tag = ref.rsplit(":", 1)
    return registry.lower(), ref.removeprefix("library/").lower(), tag.lower()


def _by_version(distribution: Distribution, version: str) -> Release | None:
    for release, (dist, number) in _FACTS.items():
        if dist is distribution and (version == number or version.startswith(number + ".")):
            return release
    return None


# Debian releases whose packages left deb.debian.org for archive.debian.org: `apt-get update` fails on their images
# unless the file points apt there itself
_ARCHIVED = frozenset({"wheezy", "jessie", "stretch", "buster"})


def archived_debian(image: str) -> bool:
    """Whether ``image`` is Debian's image of a release apt no longer finds on deb.debian.org (debian:stretch-slim)."""
    _, repo, tag = _parse(image)
    return repo == "debian" and any(w in _ARCHIVED for w in _words(tag))


# Ubuntu's releases whose packages are now on old-releases.ubuntu.com only: the interim ones (every release but
# the .04 of even years) and precise
_UBUNTU_ARCHIVED = frozenset({"precise", "quantal", "raring", "saucy", "utopic", "vivid", "wily", "yakkety", "zesty",
                              "artful", "cosmic", "disco", "eoan", "groovy", "hirsute", "impish", "kinetic", "lunar",
                              "mantic", "oracular"})


def archived_release(image: str) -> str | None:
    """The release apt can no longer find where the image's sources point (deb.debian.org, archive.ubuntu.com),
    when ``image`` is built on one: its tag names it (``debian:stretch-slim``, ``python:3.6-slim-stretch``,
    ``ubuntu:15.04``) or the chain of its official bases does (python:2.7-slim on debian:buster-slim). None when
    it is not, or not known to be."""
    _, repo, tag = _parse(image)
    if repo == "ubuntu":
        return _archived_ubuntu(tag)
    found = next((w for w in _words(tag) if w in _ARCHIVED), None)
    if found is not None or repo == "debian":
        return found
    for base in chain(image):
        _, base_repo, base_tag = _parse(base)
        if base_repo in _SYSTEM_BASES:
            return next((w for w in _words(base_tag) if w in _ARCHIVED), None) if base_repo != "ubuntu" \
                else _archived_ubuntu(base_tag)
    return None


def _archived_ubuntu(tag: str) -> str | None:
    first = (_words(tag) or [""])[0]
    if first in _UBUNTU_ARCHIVED:
        return first
    version = re.fullmatch(r"(\d\d)\.(\d\d)", first)
    if version is not None and (version[2] != "04" or int(version[1]) % 2 or version[1] == "12") \
            and int(version[1]) < 25:
        return first
    return None


def _words(tag: str) -> list[str]:
    return [w for w in re.split(r"[-_]", tag) if w]


def _named_release(tag: str) -> Release | None:
    """The release a tag's words name (``3.11-slim-bookworm``), if any."""
    return next((Release(w) for w in _words(tag) if w in _CODENAMES), None)


def _names_other_system(tag: str) -> bool:
    """Whether a tag names a release too old for the data, Alpine or Windows."""
    return any(w in _UNKNOWN_WORDS or w.startswith("alpine") for w in _words(tag))


def _debian_release(tag: str) -> Release | None:
    if tag in ("", "latest"):
        return _DEBIAN_SUITES["stable"]
    first = _words(tag)[0]
    if first in _DEBIAN_SUITES:
        return _DEBIAN_SUITES[first]
    return _named_release(first) or _by_version(Distribution.DEBIAN, first)


def _ubuntu_release(tag: str) -> Release | None:
    if tag in ("", "latest"):
        return _UBUNTU_LATEST
    first = _words(tag)[0]
    return _named_release(first) or _by_version(Distribution.UBUNTU, first)


def _default_release(repo: str, tag: str) -> Release | None:
    """The release of a docker-library image whose tag names none (``python:3.11``)."""
    if repo not in _DEBIAN_BASED:
        return None
    doc = data("images.json")
    major = tag.split(".")[0].split("-")[0]
    codename = doc["debian_release_by_version"].get(repo, {}).get(major, doc["default_release"])
    return Release(codename) if codename in _CODENAMES else None


_DISTROLESS = re.compile(r"^distroless/([a-z0-9-]+?)(?:-debian(\d+))?$")
# The images a docker-library chain of bases ends on, whose tag names the release
_SYSTEM_BASES = frozenset({"debian", "ubuntu", "buildpack-deps"})


def gcc_release_name(image: str) -> str | None:
    """The codename of the Debian release an official gcc tag is built on (images.json's table by GCC major, which
    names archived releases too: gcc:9 is on buster), or None: not a gcc image, or a major the table does not hold
    (GCC 8 and older, whose images moved between jessie, stretch and buster)."""
    registry, repo, tag = _parse(image)
    if repo != "gcc" or registry not in _DOCKER_HUB:
        return None
    major = tag if tag in ("", "latest") else tag.split(".")[0].split("-")[0]
    codename = data("images.json")["debian_release_by_version"]["gcc"].get(major)
    return str(codename) if codename else None


def buildpack_dev_base(image: str) -> str | None:
    """The buildpack-deps image with -dev packages (its release's tag, not -curl or -scm) an official image is built
    on: gcc (every tag is FROM buildpack-deps of its release, plain ``buildpack-deps`` where the release is not
    known; the data of official images hold no gcc), the full python, node and ruby images; None for others (golang
    is on buildpack-deps:*-scm)."""
    registry, repo, _ = _parse(image)
    if repo == "gcc" and registry in _DOCKER_HUB:
        codename = gcc_release_name(image)
        return f"buildpack-deps:{codename}" if codename else "buildpack-deps"
    return next((b for b in chain(image) if _parse(b)[1] == "buildpack-deps" and "-" not in _parse(b)[2]), None)


def chain_release(image: str) -> tuple[bool, Release | None]:
    """(found, release): the release of the first Debian or Ubuntu image (or buildpack-deps) in ``image``'s chain of
    official bases, as the data of official images give the tag's last published build (python:3.6.4 was built on
    jessie: None, a release too old for the data; python:3.6 on bullseye). A base named by a moving tag
    (``buildpack-deps:latest``: python:2.7.7's, node:0.10.35's, whose Dockerfiles of 2014 said only ``FROM
    buildpack-deps``) was whatever release that tag named when the build ran, which the data do not date: None.
    ``found`` is False when the chain holds no such image (the tag is not known, or the image is not built on one)."""
    for base in chain(image):
        registry, repo, tag = _parse(base)
        if repo in _SYSTEM_BASES and registry in _DOCKER_HUB:
            return True, (None if tag in ("", "latest") else release_of(base))
    return False, None


@lru_cache(maxsize=4096)
def release_of(image: str) -> Release | None:
    """The Debian/Ubuntu release ``image`` is built on, or None (unknown, too old, not Debian-like)."""
    registry, repo, tag = _parse(image)
    if "$" in image:
        return None
    distroless = _DISTROLESS.match(repo) if registry == "gcr.io" else None
    if distroless:
        number = distroless.group(2)
        return _by_version(Distribution.DEBIAN, number) if number else None
    if registry not in _DOCKER_HUB:
        return None
    if repo == "debian":
        return _debian_release(tag)
    if repo == "ubuntu":
        return _ubuntu_release(tag)
    if _names_other_system(tag):
        return None
    named = _named_release(tag)
    if named is not None:
        return named
    found, release = chain_release(image) if repo in _DEBIAN_BASED else (False, None)
    return release if found else _default_release(repo, tag)


# Images whose userland is GNU's (coreutils, findutils: Essential packages of Debian and Ubuntu); gcc's every tag is
# built FROM buildpack-deps and the official r-base image on debian:testing, but the data of official images holds
# neither (gcc's snapshot is too large; r-base is not among its repositories), so no chain leads there
_GNU_BASES = frozenset({"debian", "ubuntu", "buildpack-deps", "gcc", "r-base"})


def has_gnu_userland(image: str, depth: int = 0) -> bool:
    """Whether ``image`` is Debian or Ubuntu, or an official image built on one, or an image whose own Dockerfiles
    (data/third_party_images.json) build every version of it on such images, so that its ``find`` and ``cp`` are
    GNU's (``find -cnewer``, ``find -printf``; busybox's find has only ``-newer``). False when not known."""
    if "$" in image:
        return False
    registry, _, tag = _parse(image)
    if "alpine" in tag:
        return False
    root = ([image, *chain(image)])[-1]
    names = {found[0] for found in map(repository, (image, root)) if found is not None}  # arm32v7/debian: debian
    if registry in _DOCKER_HUB and names & _GNU_BASES:
        return True
    built_on = thirdparty.bases(image) if depth < thirdparty.MAX_DEPTH else None
    return built_on is not None and all(has_gnu_userland(base, depth + 1) for base in built_on)


# --- commands of runtime images -----------------------------------------------------------


@cache
def _image_sets() -> dict[str, frozenset[str]]:
    """Image key (``debian/bookworm``, ``python-slim/bookworm`` ...) -> its commands."""
    images = data("image_commands.json")["images"]
    out: dict[str, frozenset[str]] = {}
    for key, value in images.items():
        if isinstance(value, list):
            out[key] = frozenset(value)
    for key, value in images.items():
        if isinstance(value, dict):
            out[key] = out[value["base"]] | frozenset(value["adds"])
    return out


def _layer(repo: str, tag: str) -> str | None:
    """The image_commands.json layer of a language image, None when not modelled."""
    if repo == "php":
        return "php-apache" if "apache" in tag else "php-fpm" if "fpm" in tag else "php-cli"
    if repo in ("python", "node", "ruby") and "slim" in _words(tag):
        return f"{repo}-slim"
    return None


def _version(tag: str) -> tuple[int, ...]:
    m = re.match(r"^(\d+(?:\.\d+)*)", tag)
    return tuple(int(p) for p in m.group(1).split(".")) if m else ()


def _language_extras(layer: str, tag: str, commands: frozenset[str]) -> frozenset[str]:
    """Version-named programs (python3.11, pip3.11) and version-limited ones (node's yarn)."""
    version = _version(tag)
    limited = data("image_commands.json")["version_limited"].get(layer, {})
    drop = {c for c, upto in limited.items() if not version or version[0] > upto}
    extra: set[str] = set()
    if layer == "python-slim" and len(version) >= 2:
        mm = f"{version[0]}.{version[1]}"
        extra = {f"python{mm}", f"pip{mm}", f"pydoc{mm}", f"idle{mm}", f"python{mm}-config"}
    return (commands - drop) | extra


@lru_cache(maxsize=4096)
def commands_in(image: str) -> frozenset[str] | None:
    """The commands of ``image``, or None when not known (an image the data do not model)."""
    registry, repo, tag = _parse(image)
    if "$" in image:
        return None
    distroless = _DISTROLESS.match(repo) if registry == "gcr.io" else None
    if distroless:
        key = f"distroless/{distroless.group(1)}"
        return None if "debug" in tag else _image_sets().get(key)
    release = release_of(image)
    if release is None or registry not in _DOCKER_HUB:
        return None
    if repo in ("debian", "ubuntu"):
        return _image_sets().get(f"{repo}/{release.codename}")
    layer = _layer(repo, tag)
    commands = _image_sets().get(f"{layer}/{release.codename}") if layer else None
    return None if commands is None or layer is None else _language_extras(layer, tag, commands)


# --- which package provides a command -------------------------------------------------------


@cache
def _base_providers() -> dict[str, str]:
    out: dict[str, str] = {}
    for package, commands in data("image_commands.json")["providers"].items():
        for command in commands.split():
            out[command] = package
    return out


def package_providing(command: str, release: Release) -> str | None:
    """The Debian/Ubuntu package that provides ``command`` in ``release`` (None: not known).

    A command of a desktop or science package, or one ``release`` lacks, may answer None or
    the base release's package (see scripts/gen_image_commands.py)."""
    name = command.rsplit("/", 1)[-1]
    if release.codename != data("image_commands.json")["_release"]:
        changed = data("image_commands.json")["provider_changes"].get(release.codename, {})
        if name in changed:
            return str(changed[name])
    return _base_providers().get(name)


def package_providing_everywhere(command: str) -> str | None:
    """The package that provides ``command`` in every release the data know, when it is the same one in all
    of them: the name to install on a Debian or Ubuntu release the data do not know (None: it differs, or no
    package is known)."""
    name = command.rsplit("/", 1)[-1]
    base = _base_providers().get(name)
    changes = data("image_commands.json")["provider_changes"].values()
    return base if base is not None and all(name not in changed for changed in changes) else None


# --- Alpine releases ---------------------------------------------------------------------------

NEWEST_ALPINE = (99, 0)  # alpine, alpine:latest, alpine:3, alpine:edge: whatever release is newest when it is built
_ALPINE_TAG = re.compile(r"^(\d+)\.(\d+)(?:\.\d+)?$")
_ALPINE_WORD = re.compile(r"(?:^|-)alpine(\d+)\.(\d+)(?:-|$)")


def _alpine_tag(tag: str) -> tuple[int, int] | None:
    """The release of a tag of the alpine image (``3.8``, ``3.8.4``; ``latest``, ``3``, ``edge``: the newest)."""
    if tag in ("", "latest", "3", "edge"):
        return NEWEST_ALPINE
    m = _ALPINE_TAG.match(tag)
    return (int(m.group(1)), int(m.group(2))) if m else None


@lru_cache(maxsize=4096)
def alpine_release(image: str) -> tuple[int, int] | None:
    """The Alpine release (``(3, 8)``) ``image`` is built on: the one its tag names (``alpine:3.8``,
    ``python:3.6-alpine3.10``), else the one its chain of official bases ends on (``python:3.6-alpine``: the last
    such image was built on alpine:3.15); :data:`NEWEST_ALPINE` for the alpine image's moving tags; None when not
    known (an image the data do not know, a tag with a variable)."""
    registry, repo, tag = _parse(image)
    if "$" in image:
        return None
    m = _ALPINE_WORD.search(tag)
    if m:
        return int(m.group(1)), int(m.group(2))
    if registry not in _DOCKER_HUB:
        return None
    if repo == "alpine":
        return _alpine_tag(tag)
    for base in chain(image):
        b_registry, b_repo, b_tag = _parse(base)
        if b_repo == "alpine" and b_registry in _DOCKER_HUB:
            return _alpine_tag(b_tag)
    return None
