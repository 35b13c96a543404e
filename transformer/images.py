"""Image references and the runtime image of a builder image (data/images.json)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def data(name: str) -> Any:
    """A JSON file from transformer/data."""
    return json.loads(resources.files("transformer.data").joinpath(name).read_text("utf-8"))


# Registries that serve Docker Hub's library images, the same images, under another name: Docker's own mirror of the
# Hub for China (registry.docker-cn.com, 2017-2019), whose names wrote the library/ namespace out
# ("registry.docker-cn.com/library/ubuntu:16.04": the docker client adds library/ only to Docker Hub's own names, so
# registry.docker-cn.com/python is no library image), Google's cache of Docker Hub (mirror.gcr.io/library/...) and
# ECR Public's copy of the Docker Official Images (public.ecr.aws/docker/library/...); and Docker Hub's own names
# (docker.io/python, which the docker client reads as docker.io/library/python, as index.docker.io's; its registry's
# host, registry-1.docker.io, with library/ written out). Other hosts that offered copies of the library
# (hub.c.163.com/library, daocloud.io/library) re-published images of their own choice: not these.
HUB_MIRRORS = ("registry.docker-cn.com/library/", "mirror.gcr.io/library/", "public.ecr.aws/docker/library/",
               "docker.io/library/", "index.docker.io/library/", "registry-1.docker.io/library/", "docker.io/",
               "index.docker.io/")


def hub_mirror(image: str) -> tuple[str, str]:
    """(mirror, name on Docker Hub) of an image reference: ``registry.docker-cn.com/library/python:3.6.4`` ->
    (``registry.docker-cn.com/library/``, ``python:3.6.4``), read as the official image it mirrors; ("", image) for
    any other reference."""
    for prefix in HUB_MIRRORS:
        rest = image[len(prefix):]
        if image[:len(prefix)].lower() == prefix and rest and "/" not in rest.split("@", 1)[0]:
            return image[:len(prefix)], rest
    return "", image


@dataclass(frozen=True, slots=True)
class ImageRef:
    registry: str  # "" for Docker Hub (and a mirror of its library: see ``mirror``)
    repo: str  # without library/
    tag: str
    digest: str
    mirror: str = ""  # the HUB_MIRRORS prefix the reference names a library image through, "" for none

    @classmethod
    def parse(cls, ref: str) -> ImageRef:
        mirror, ref = hub_mirror(ref)
        digest = ""
        if "@" in ref:
            ref, digest = ref.split("@", 1)
        registry = ""
        first, _, rest = ref.partition("/")
        if rest and ("." in first or ":" in first or first == "localhost"):
            registry, ref = first, rest
        tag = ""
        if ":" in ref.rsplit("/", 1)[-1]:
            ref, tag = ref.rsplit(":", 1)
        repo = ref.removeprefix("library/")
        return cls(registry, repo, tag, digest, mirror)

    @property
    def shown(self) -> str:
        """The reference as a message names it (``ruby:2.3``; without its digest)."""
        name = f"{self.registry}/{self.repo}" if self.registry else f"{self.mirror}{self.repo}"
        return f"{name}:{self.tag}" if self.tag else name

    @property
    def is_alpine(self) -> bool:
        return "alpine" in self.tag or self.repo == "alpine"

    @property
    def is_slim(self) -> bool:
        markers = data("images.json")["slim_markers"]
        return any(m in self.tag for m in markers) or any(m in self.repo for m in markers)

    @property
    def has_variables(self) -> bool:
        return "$" in self.repo or "$" in self.tag or "$" in self.registry


@dataclass(frozen=True, slots=True)
class Family:
    name: str
    kind: str
    spec: dict[str, str]


# /usr/local and the folders an install fills under it
USR_LOCAL = frozenset({"/usr/local", "/usr/local/bin", "/usr/local/sbin", "/usr/local/lib", "/usr/local/share",
                       "/usr/local/include", "/usr/local/etc", "/usr/local/libexec"})


def usr_local_has_files(ref: ImageRef) -> bool:
    """Whether the image may have files of its own under /usr/local (python's, node's, gcc's own build; any
    image the data do not know as a bare distribution's): what a build adds there cannot be copied whole."""
    return ref.repo not in data("images.json")["usr_local_empty"] or bool(ref.registry)


def family_of(ref: ImageRef) -> Family | None:
    families = data("images.json")["families"]
    spec = families.get(ref.repo) if not ref.registry or ref.registry == "docker.io" else None
    if spec is None:
        return None
    return Family(ref.repo, spec["kind"], spec)


def tag_free_runtime(builder: str, *, with_packages: bool = False) -> str | None:
    """The runtime of ``builder``'s family where it is one image for every tag (golang's distroless static, for a
    program the runtime installs nothing for), so that a tag a build argument with no default sets does not hide it
    (``FROM golang:${GO_VERSION}``), or one for every tag of a Debian release the tag's variant names (Debian's slim
    image of it, for ``golang:${GO_VERSION}-bullseye``); None where the runtime follows the tag, or the family is not
    known."""
    ref = ImageRef.parse(builder)
    fam = family_of(ref)
    if fam is None or ref.mirror or ref.digest or "$" in ref.repo:
        return None
    key = "runtime_with_packages" if with_packages and "runtime_with_packages" in fam.spec else "runtime"
    template = fam.spec.get(key)
    if template is None or ref.is_alpine:
        return None
    # the tag's variant names the Debian release whatever version the argument gives (golang:${V}-bullseye)
    named = _releases_named(ref.tag.split("-")[1:])
    filled = str(template).replace("{release}", named[0]) if len(named) == 1 else str(template)
    return filled if "{" not in filled else None


_VERSION = re.compile(r"^(\d+(?:\.\d+)*)(?:-(.*))?$")


def _split_tag(tag: str) -> tuple[str, str]:
    m = _VERSION.match(tag)
    if not m:
        return "", tag
    return m.group(1), m.group(2) or ""


def minor_version(ref: ImageRef) -> tuple[int, int] | None:
    """The major and minor version a tag begins with (``3.6.2-stretch``: (3, 6); ``1.11beta2``: (1, 11)), or None
    (``3``, ``latest``, ``slim``)."""
    m = re.match(r"(\d+)\.(\d+)", ref.tag)
    return (int(m[1]), int(m[2])) if m else None


_DEBIAN_SUITES = ("stable", "oldstable", "testing", "sid", "unstable")


def _releases_named(words: Iterable[str]) -> list[str]:
    """The Debian releases among a tag's words (``slim-bookworm``: bookworm)."""
    return [w for w in words if w in data("images.json")["debian_releases"]]


def _release(ref: ImageRef, version: str, variant: str) -> str:
    d = data("images.json")
    named = _releases_named(variant.split("-"))
    if named:
        return named[0]
    if ref.repo in ("debian",) and ref.tag in d["debian_releases"]:
        return ref.tag
    table = d["debian_release_by_version"].get(ref.repo, {})
    major = version.split(".")[0]
    if ref.repo == "debian":  # a suite has its slim tag (debian:stable-slim); an unknown version has none known
        suite = {"": "stable", "latest": "stable"}.get(ref.tag, ref.tag)
        return suite if suite in _DEBIAN_SUITES else str(table.get(major, ""))
    return str(table.get(major, d["default_release"]))


def _jdk(ref: ImageRef, version: str, jdk: str | None = None) -> str:
    """The JDK's major version: the tag's (maven:3-jdk-8), the builder's base image's (``jdk``: maven:latest is
    built on eclipse-temurin:26-jdk), the image's own version (openjdk:17), else the data's default."""
    m = re.search(r"(?:jdk|temurin|openjdk)-?(\d+)", ref.tag)
    if m:
        return m.group(1)
    if jdk:
        return jdk
    if ref.repo in ("eclipse-temurin", "openjdk") and version:
        return version.split(".")[0]
    return str(data("images.json")["default_jdk"])


def _alpine_runtime(ref: ImageRef, template: str) -> str:
    """The plain Alpine image a toolchain's Alpine variant is built on (golang:1.8-alpine3.6 -> alpine:3.6; with no
    release named, alpine:3: a pinned major, not :latest, which hadolint DL3007 flags)."""
    m = re.search(r"alpine(\d+\.\d+)", ref.tag)
    return template.replace("{alpine}", m.group(1) if m else "3")


def runtime_image(builder: str, *, with_packages: bool = False, overrides: dict[str, str] | None = None,
                  release: str | None = None, jdk: str | None = None) -> str:
    """The image the runtime stage starts from.

    ``overrides`` maps builder images (or repositories) to runtime images and wins.
    Alpine stays Alpine; an already slim image stays (unless the family's slim tags are
    toolchains: rust:1.63-slim); an unknown family keeps the builder image. ``release``: the Debian release
    the builder is built on, where its official chain tells (golang:latest is trixie): a runtime of Debian's
    slim image takes it. ``jdk``: the major version of the JDK the builder's official chain is built on (a
    runtime JRE older than the compiler may not run what it compiled).
    """
    if overrides:
        if builder in overrides:
            return overrides[builder]
    ref = ImageRef.parse(builder)
    if overrides and ref.repo in overrides:
        return overrides[ref.repo]
    if ref.mirror:  # the same mirror serves the runtime, where it is a library image too
        image = runtime_image(hub_mirror(builder)[1], with_packages=with_packages, release=release, jdk=jdk)
        library = ImageRef.parse(image)
        return f"{ref.mirror}{image}" if not library.registry and "/" not in library.repo else builder
    fam = family_of(ref)
    if fam is not None and ref.is_alpine and "runtime_alpine" in fam.spec and not ref.has_variables:
        return _alpine_runtime(ref, str(fam.spec["runtime_alpine"]))
    slim = ref.is_slim and not (fam is not None and fam.spec.get("slim_is_toolchain"))
    if fam is None or ref.has_variables or ref.is_alpine or slim or ref.digest:
        return builder
    key = "runtime_with_packages" if with_packages and "runtime_with_packages" in fam.spec else "runtime"
    template = fam.spec.get(key)
    if template is None:
        return builder
    version, variant = _split_tag(ref.tag)
    words = ref.tag.split("-")
    if not version and words[0] in fam.spec.get("version_names", ()):  # node:carbon, node:lts-bookworm
        version, variant = words[0], "-".join(words[1:])
    if ref.tag in ("", "latest") and "runtime_untagged" in fam.spec:
        template = fam.spec["runtime_untagged"]
    elif not version and ref.tag in data("images.json")["debian_releases"] and "runtime_release" in fam.spec:
        return str(fam.spec["runtime_release"]).replace("{release}", ref.tag)
    if "{version}" in template and not version:
        return builder
    known = release if release in data("images.json")["debian_releases"] else None
    if "{release}" in template and not (known or _release(ref, version, variant)):
        return builder
    if fam.kind == "jvm" and "jdk" in variant:
        variant = re.sub(r"-?jdk", "", variant).strip("-")
    return (
        template.replace("{version}", version)
        .replace("{-variant}", f"-{variant}" if variant else "")
        .replace("{release}", known or _release(ref, version, variant))
        .replace("{jdk}", _jdk(ref, version, jdk))
    )
