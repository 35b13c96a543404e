"""A base image named through a mirror of Docker Hub's library (registry.docker-cn.com/library/python:3.6.4, Docker's
own mirror for China; mirror.gcr.io/library/...; public.ecr.aws/docker/library/...) is the official image it mirrors,
and its runtime comes through the same mirror.

Before: such a name was an image the tool does not know; dev 3aef9bc4 (`FROM registry.docker-cn.com/library/
python:3.6.4`, then `pipenv install --system`) was left alone: "installs into the Python of
registry.docker-cn.com/python:3.6.4, an image the tool does not know (not an official one)".
"""

from __future__ import annotations

import pytest

from transformer import refactor
from transformer.distro import has_gnu_userland, release_of
from transformer.images import ImageRef, runtime_image
from transformer.official import repository, tag_exists

APP = ("FROM {image}\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"
       "CMD [\"python\", \"app.py\"]\n")


@pytest.mark.parametrize(
    ("image", "mirror", "hub"),
    [
        ("registry.docker-cn.com/library/python:3.6.4", "registry.docker-cn.com/library/", "python:3.6.4"),
        ("mirror.gcr.io/library/debian:bookworm", "mirror.gcr.io/library/", "debian:bookworm"),
        ("public.ecr.aws/docker/library/node:18@sha256:00", "public.ecr.aws/docker/library/", "node:18@sha256:00"),
        ("registry.docker-cn.com/python:3.6.4", "", "registry.docker-cn.com/python:3.6.4"),  # no library/: not one
        ("docker.io/python:3.11", "docker.io/", "python:3.11"),  # the docker client adds library/ to Hub's names
        ("docker.io/library/python:3.11", "docker.io/library/", "python:3.11"),
        ("registry-1.docker.io/library/golang:1.21", "registry-1.docker.io/library/", "golang:1.21"),
        ("registry-1.docker.io/golang:1.21", "", "registry-1.docker.io/golang:1.21"),  # another host: no library/
        ("docker.io/acme/app:1", "", "docker.io/acme/app:1"),
        ("registry.docker-cn.com/library/acme/app:1", "", "registry.docker-cn.com/library/acme/app:1"),
        ("hub.c.163.com/library/python:3.6", "", "hub.c.163.com/library/python:3.6"),  # a copy, not a mirror
        ("public.ecr.aws/acme/python:3.11", "", "public.ecr.aws/acme/python:3.11"),
    ],
)
def test_hub_mirror(image: str, mirror: str, hub: str) -> None:
    from transformer.images import hub_mirror

    assert hub_mirror(image) == (mirror, hub)


def test_a_mirrored_library_image_is_the_official_one() -> None:
    image = "registry.docker-cn.com/library/python:3.11"
    ref = ImageRef.parse(image)
    assert (ref.registry, ref.repo, ref.tag, ref.shown) == ("", "python", "3.11", image)
    assert repository(image) == ("python", "3.11") and tag_exists(image)
    assert release_of("mirror.gcr.io/library/debian:bookworm") is release_of("debian:bookworm") is not None
    assert has_gnu_userland("public.ecr.aws/docker/library/debian:bookworm")
    assert repository("registry.docker-cn.com/python:3.11") == ("registry.docker-cn.com/python", "3.11")


def test_the_runtime_comes_through_the_same_mirror() -> None:
    assert runtime_image("registry.docker-cn.com/library/python:3.6.4") == \
        "registry.docker-cn.com/library/python:3.6.4-slim"
    assert runtime_image("mirror.gcr.io/library/golang:1.19", with_packages=True) == \
        "mirror.gcr.io/library/debian:bookworm-slim"
    # a runtime outside the library (distroless, on gcr.io) is not on the mirror: the builder's image stays
    assert runtime_image("mirror.gcr.io/library/golang:1.19") == "mirror.gcr.io/library/golang:1.19"


def test_an_app_on_a_mirrored_python_image_is_rewritten_with_the_mirror_s_slim_image() -> None:
    result = refactor(APP.format(image="registry.docker-cn.com/library/python:3.6.4"))
    assert result.status.name == "CHANGED", result.reason
    froms = [line for line in result.text.splitlines() if line.startswith("FROM")]
    assert froms == ["FROM registry.docker-cn.com/library/python:3.6.4 AS builder",
                     "FROM registry.docker-cn.com/library/python:3.6.4-slim AS runner"], froms


def test_a_name_without_library_stays_unknown() -> None:
    result = refactor(APP.format(image="registry.docker-cn.com/python:3.6.4"))
    assert result.status.name == "SKIPPED" and "registry.docker-cn.com/python:3.6.4" in (result.reason or "")


def test_docker_hub_s_own_names_keep_their_spelling() -> None:
    """docker.io/library/python:3.11's runtime was python:3.11-slim (the same image); it keeps the file's spelling."""
    result = refactor(APP.format(image="docker.io/library/python:3.11"))
    assert "FROM docker.io/library/python:3.11-slim AS runner" in result.text.splitlines(), result.text
