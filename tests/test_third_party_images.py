"""Third-party base images known from their own Dockerfiles (data/third_party_images.json, made by
scripts/gen_third_party_images.py): one built on Debian or Ubuntu has GNU's userland, so installs on it are tracked;
one whose Dockerfiles set no USER runs pip as root, so the user base serves; one that ends on another USER (jupyter's)
is left alone with a reason that says so; an image or tag the data do not know stays unknown."""

from __future__ import annotations

import pytest
from conftest import load_script

from transformer import refactor
from transformer.distro import has_gnu_userland
from transformer.thirdparty import UserState, base_user, bases

GEN = load_script("gen_third_party_images")


@pytest.mark.parametrize("image", [
    "phusion/baseimage:0.10.1",  # rel-0.10.1: FROM ubuntu:16.04
    "phusion/baseimage",  # latest: every release is FROM ubuntu (armhf/ubuntu for 0.9.19-armhf)
    "rocker/r-base",  # FROM debian:testing (jessie, unstable before)
    "rocker/r-ver:3.4.4",  # rocker-versioned: FROM debian:stretch
    "rocker/r-ver:4.3.1",  # rocker-versioned2: FROM ubuntu:jammy
    "rocker/tidyverse:3.5.3",  # FROM rocker/rstudio:3.5.3, FROM rocker/r-ver:3.5.3, FROM debian:stretch
    "tiangolo/uwsgi-nginx-flask:python3.6",  # FROM tiangolo/uwsgi-nginx:python3.6, FROM python:3.6(-stretch ...)
    "jupyter/datascience-notebook",  # ... FROM jupyter/base-notebook, FROM ubuntu or debian
    "quay.io/jupyter/base-notebook",
    "floydhub/dl-docker:cpu",  # Dockerfile.cpu: FROM ubuntu:14.04
    "armhf/ubuntu",  # arm32v7's namespace before 2017
])
def test_an_image_built_on_debian_or_ubuntu_has_gnu_userland(image: str) -> None:
    assert has_gnu_userland(image)


@pytest.mark.parametrize("image", [
    "tiangolo/uwsgi-nginx-flask:python3.6-alpine3.7",  # alpine in the tag
    "tiangolo/uwsgi-nginx-flask",  # latest has no file of its own: every file's builds, alpine ones too
    "floydhub/dl-docker:gpu",  # FROM nvidia/cuda, which the data do not know
    "kaggle/python:latest",  # FROM continuumio/anaconda3, gcr.io's and colab's images
    "phusion/baseimage:master-amd64",  # not a release: not known
    "rocker/rstudio:4.0.0",  # rockerdev/r-ver:4.0.0 for one version
    "acme/baseimage:1",
    "phusion/baseimage:${TAG}",
])
def test_an_image_or_tag_not_known_to_be_debian_or_ubuntu_has_no_gnu_userland(image: str) -> None:
    assert not has_gnu_userland(image)


def test_the_bases_of_a_tag_are_its_own_files() -> None:
    assert bases("phusion/baseimage:0.10.1") == ("ubuntu:16.04",)
    assert bases("rocker/r-ver:3.4.4") == ("debian:stretch",)
    assert bases("acme/baseimage:1") is None


@pytest.mark.parametrize(("image", "state"), [
    ("phusion/baseimage:0.11", UserState.ROOT),
    ("tiangolo/uwsgi-nginx-flask:python3.6", UserState.ROOT),  # python:3.6 sets no USER either
    ("rocker/tidyverse:3.5.3", UserState.ROOT),
    ("floydhub/dl-docker:cpu", UserState.ROOT),
    ("jupyter/base-notebook", UserState.OTHER),  # USER $NB_UID (1000), jovyan in the oldest
    ("jupyter/datascience-notebook", UserState.UNKNOWN),  # some old versions end on USER root
    ("kaggle/python:latest", UserState.UNKNOWN),  # bases the data do not know
    ("acme/python:1", UserState.UNKNOWN),
])
def test_the_user_an_image_leaves(image: str, state: UserState) -> None:
    assert base_user(image).state is state


def test_jupyter_names_its_user_and_where_it_is_set() -> None:
    found = base_user("jupyter/base-notebook")
    assert "1000" in found.users and "root" not in found.users
    assert found.source == "jupyter/docker-stacks's base-notebook/Dockerfile and images/base-notebook/Dockerfile"


PIP = "RUN pip install flask\nCMD [\"flask\", \"run\"]\n"


@pytest.mark.parametrize("image", ["floydhub/dl-docker:cpu", "tiangolo/uwsgi-nginx-flask:python3.6"])
def test_pip_on_an_image_whose_dockerfiles_set_no_user_gets_the_user_base(image: str) -> None:
    result = refactor(f"FROM {image}\n{PIP}")
    assert result.changed, result.skipped
    assert "COPY --from=builder /opt/python /opt/python" in result.text


def test_pip_on_jupyter_is_left_alone_with_its_user() -> None:
    result = refactor(f"FROM jupyter/base-notebook\n{PIP}")
    assert not result.changed
    assert ("but jupyter/base-notebook's own Dockerfiles (jupyter/docker-stacks's base-notebook/Dockerfile and "
            "images/base-notebook/Dockerfile) end on USER ${NB_UID} or 1000 or jovyan, not root, and nothing before "
            "line 2 (USER root, a system package install) makes pip run as root") in (result.skipped or "")


def test_pip_on_an_image_whose_user_is_not_known_still_says_so() -> None:
    result = refactor(f"FROM kaggle/python:latest\n{PIP}")
    assert "kaggle/python:latest is an image whose own Dockerfiles, with those of its bases the tool knows, do not " \
           "show its user" in (result.skipped or "")


def _make(image: str, user: str = "") -> str:
    return (f"FROM {image}\nRUN apt-get update && apt-get install -y gcc make && rm -rf /var/lib/apt/lists/*\n"
            f"WORKDIR /src\nCOPY . .\n{user}RUN make && make install\nCMD [\"hello\"]\n")


@pytest.mark.parametrize("image", ["phusion/baseimage:0.10.1", "rocker/r-ver:3.4.4", "jupyter/base-notebook"])
def test_an_install_on_a_debian_based_third_party_image_is_tracked(image: str) -> None:
    user = "USER root\n" if image.startswith("jupyter/") else ""
    result = refactor(_make(image, user))
    assert result.changed, result.skipped
    assert "make install && { find /usr -cnewer /tmp/install.stamp" in result.text
    assert f"FROM {image} AS runner" in result.text and "COPY --from=builder /opt/staged /" in result.text


@pytest.mark.parametrize(("image", "why"), [
    ("jupyter/base-notebook", "its own Dockerfiles (jupyter/docker-stacks's base-notebook/Dockerfile and "
                              "images/base-notebook/Dockerfile) end on USER ${NB_UID} or 1000 or jovyan, not root"),
    ("jupyter/datascience-notebook", "its own Dockerfiles, with those of its bases the tool knows, do not show its "
                                     "user"),
])
def test_an_install_on_an_image_that_may_not_run_as_root_is_not_tracked(image: str, why: str) -> None:
    result = refactor(_make(image))
    assert not result.changed, result.text
    assert f"not tracked either: the stage runs it as the user {image} gives, and {why}: the file sets no USER " \
           "root before it" in (result.skipped or ""), result.skipped


# --- the generator's reading of a Dockerfile ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "base", "user"), [
    ("ARG BASE_IMAGE=ubuntu:22.04\nFROM $BASE_IMAGE\nRUN true\n", "ubuntu:22.04", ""),
    ("ARG BASE_IMAGE\nFROM $BASE_IMAGE\n", None, ""),  # given by a Makefile: not known
    ("ARG OWNER=jupyter\nARG BASE_CONTAINER=$OWNER/scipy-notebook\nFROM $BASE_CONTAINER\nUSER root\nUSER ${NB_UID}\n",
     "jupyter/scipy-notebook", "${NB_UID}"),  # NB_UID comes from the base's ENV: kept as written
    ('FROM ubuntu:focal\nARG NB_UID="1000"\nENV NB_UID=${NB_UID}\nUSER root\nUSER ${NB_UID}\n', "ubuntu:focal", "1000"),
    ("FROM alpine AS fetch\nUSER nobody\nFROM python:3.6 AS app\nFROM app\nWORKDIR /x\n", "python:3.6", ""),
    ("FROM golang AS build\nFROM debian:bookworm\nCOPY --from=build /go/bin/x /x\n", "debian:bookworm", ""),
])
def test_the_generator_reads_a_dockerfiles_base_and_last_user(text: str, base: str | None, user: str) -> None:
    built = GEN.read_dockerfile(text)
    assert (built.base, built.user) == (base, user)
