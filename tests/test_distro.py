"""Distribution releases, the commands of runtime images, and the package of a command."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import load_script

from transformer import packages
from transformer.distro import Distribution, Release, commands_in, package_providing, release_of

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "transformer" / "data"




gen = load_script("gen_image_commands")


# --- release_of ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "release"),
    [
        ("ubuntu:16.04", Release.XENIAL),
        ("ubuntu:xenial", Release.XENIAL),
        ("ubuntu:xenial-20210804", Release.XENIAL),
        ("ubuntu:18.04", Release.BIONIC),
        ("ubuntu:22.04", Release.JAMMY),
        ("ubuntu:24.04", Release.NOBLE),
        ("ubuntu", Release.RESOLUTE),  # official-images' library/ubuntu at 37079fb: 26.04 is latest
        ("ubuntu:latest", Release.RESOLUTE),
        ("ubuntu:26.04", Release.RESOLUTE),
        ("debian:bullseye-slim", Release.BULLSEYE),
        ("debian:12", Release.BOOKWORM),
        ("debian:12.5-slim", Release.BOOKWORM),
        ("debian:oldstable-slim", Release.BOOKWORM),
        ("debian", Release.TRIXIE),
        ("python:3.11", Release.TRIXIE),  # the official data: its last build is FROM buildpack-deps:trixie
        ("python:3.6", Release.BULLSEYE),  # python 3.6's last builds were on bullseye
        ("python:3.99", Release.TRIXIE),  # never published: the newest tag of its variant stands in
        ("python:3.11-slim-bullseye", Release.BULLSEYE),
        ("docker.io/library/python:3.12-slim@sha256:0123", Release.TRIXIE),
        ("golang:1.21-bookworm", Release.BOOKWORM),
        ("node:20-trixie-slim", Release.TRIXIE),
        ("gcc:10", Release.BULLSEYE),
        ("eclipse-temurin:17-jre-jammy", Release.JAMMY),
        ("gcr.io/distroless/static-debian12", Release.BOOKWORM),
        ("gcr.io/distroless/cc-debian11", Release.BULLSEYE),
    ],
)
def test_release_of(image: str, release: Release) -> None:
    assert release_of(image) is release


@pytest.mark.parametrize(
    "image",
    [
        "debian:jessie",
        "debian:buster-slim",
        "debian:sid",
        "ubuntu:14.04",
        "ubuntu:trusty",
        "python:3.9-alpine",
        "node:18-buster-slim",
        "alpine:3.19",
        "nginx:1.25",  # not modelled
        "eclipse-temurin:17-jre",  # an Ubuntu image whose tag names no release
        "quay.io/someone/python:3.11",
        "python:${PYTHON_VERSION}",
        "python:3.6.4",  # built on jessie (its chain of official bases), not on the data's default release
        "node:10",  # stretch
        "ruby:2.4.1-slim",  # jessie
        "python:2.7.7",  # FROM buildpack-deps (latest), in 2014: wheezy or jessie, not today's latest
        "node:0.10.35",
        "perl:5.20",
    ],
)
def test_release_of_unknown(image: str) -> None:
    assert release_of(image) is None


def test_release_facts_match_the_archive_data() -> None:
    sources = json.loads((DATA / "debian_runtime.json").read_text())["_source"]["releases"]
    assert {r.codename for r in Release} == set(sources)
    for release in Release:
        assert release.version == sources[release.codename]["version"]
        assert release.distribution.value == sources[release.codename]["distribution"]
    assert Release.XENIAL.distribution is Distribution.UBUNTU


def test_a_release_is_a_codename_for_the_package_maps() -> None:
    assert packages.maps("apt", Release.XENIAL)[0]["libssl-dev"] == ["libssl1.0.0"]
    assert packages.maps("apt", Release.BOOKWORM) == packages.maps("apt")


# --- commands_in --------------------------------------------------------------------------


def test_debian_slim_has_the_base_tools_and_no_curl() -> None:
    cmds = commands_in("debian:bookworm-slim")
    assert cmds is not None
    assert {"sed", "useradd", "groupadd", "ln", "sh", "bash", "awk", "which", "apt-get", "tar", "gzip"} <= cmds
    assert not {"curl", "wget", "ps", "locale-gen", "envsubst", "git", "python3"} & cmds
    assert commands_in("debian:12") == commands_in("debian:bookworm") == cmds


def test_python_slim() -> None:
    cmds = commands_in("python:3.11-slim")
    assert cmds is not None
    assert {"python", "python3", "python3.11", "pip", "pip3.11", "update-ca-certificates", "sed"} <= cmds
    assert "curl" not in cmds and "gcc" not in cmds
    assert commands_in("python:3.11") is None  # the full image is not modelled


def test_node_slim_yarn_until_node_24() -> None:
    n20, n26 = commands_in("node:20-slim"), commands_in("node:26-bookworm-slim")
    assert n20 is not None and n26 is not None
    assert {"node", "npm", "npx", "yarn"} <= n20
    assert "node" in n26 and "yarn" not in n26 and "corepack" not in n26
    assert "curl" not in n20


def test_php_images_keep_phpize_deps() -> None:
    apache, cli, fpm = commands_in("php:8.2-apache"), commands_in("php:8.3-cli"), commands_in("php:8.3-fpm")
    assert apache is not None and cli is not None and fpm is not None
    assert {"a2enmod", "apache2-foreground", "curl", "php", "docker-php-ext-install", "gcc", "make"} <= apache
    assert "a2enmod" not in cli and {"php", "pecl", "curl", "gcc"} <= cli
    assert "php-fpm" in fpm and "php-fpm" not in cli


def test_ubuntu_base() -> None:
    jammy, xenial = commands_in("ubuntu:22.04"), commands_in("ubuntu:16.04")
    assert jammy is not None and xenial is not None
    assert {"sed", "useradd", "ps", "apt-get", "sh"} <= jammy  # procps is in the Ubuntu image
    assert not {"curl", "locale-gen", "add-apt-repository", "lsb_release"} & jammy
    assert "systemctl" in xenial  # the 16.04 image still had systemd
    assert commands_in("ubuntu") == commands_in("ubuntu:26.04") != commands_in("ubuntu:24.04")


def test_distroless_has_no_shell() -> None:
    for image in ("gcr.io/distroless/static-debian12", "gcr.io/distroless/base-debian12",
                  "gcr.io/distroless/cc", "gcr.io/distroless/static:nonroot"):
        assert commands_in(image) == frozenset(), image
    assert commands_in("gcr.io/distroless/static-debian12:debug") is None  # busybox
    assert commands_in("gcr.io/distroless/python3-debian12") is None


def test_unknown_images() -> None:
    for image in ("debian:jessie", "alpine:3.19", "nginx:latest", "myorg/app:1", "ubuntu:14.04"):
        assert commands_in(image) is None, image


# --- package_providing --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "package"),
    [
        ("locale-gen", "locales"),
        ("add-apt-repository", "software-properties-common"),
        ("lsb_release", "lsb-release"),
        ("envsubst", "gettext-base"),
        ("nc", "netcat-openbsd"),
        ("ps", "procps"),
        ("useradd", "passwd"),
        ("a2enmod", "apache2"),
        ("curl", "curl"),
        ("update-ca-certificates", "ca-certificates"),
        ("ping", "iputils-ping"),
        ("ip", "iproute2"),
        ("awk", "mawk"),
        ("convert", "imagemagick"),
        ("psql", "postgresql-client"),
    ],
)
def test_package_providing_everywhere(command: str, package: str) -> None:
    for release in Release:
        assert package_providing(command, release) == package, release


@pytest.mark.parametrize(
    ("command", "release", "package"),
    [
        ("node", Release.XENIAL, "nodejs-legacy"),  # xenial's nodejs ships /usr/bin/nodejs only
        ("node", Release.BOOKWORM, "nodejs"),
        ("nginx", Release.JAMMY, "nginx-core"),
        ("nginx", Release.BOOKWORM, "nginx"),
        ("mysql", Release.BOOKWORM, "mariadb-client-core"),
        ("python", Release.BOOKWORM, "python-is-python3"),
        ("dig", Release.XENIAL, "dnsutils"),
        ("/usr/bin/envsubst", Release.BOOKWORM, "gettext-base"),
    ],
)
def test_package_providing_per_release(command: str, release: Release, package: str) -> None:
    assert package_providing(command, release) == package


def test_package_providing_unknown() -> None:
    assert package_providing("su-exec", Release.BOOKWORM) is None  # Alpine's, not Debian's
    assert package_providing("no-such-command-here", Release.JAMMY) is None


def test_lookups_are_fast() -> None:
    images = [f"python:3.{m}-slim" for m in range(8, 14)] + ["debian:bookworm-slim", "ubuntu:22.04", "node:20-slim"]
    commands_in("debian:bookworm-slim"), package_providing("sed", Release.JAMMY)  # load once
    start = time.perf_counter()
    for i in range(20_000):
        release_of(images[i % len(images)])
        commands_in(images[i % len(images)])
        package_providing("envsubst", Release.JAMMY)
    assert time.perf_counter() - start < 1.0


# --- the generator's parts, on small inputs ------------------------------------------------

CONTENTS = (
    "bin/sh\t\t\t\t\t\t\t    shells/dash\n"
    "usr/bin/nc.openbsd                                      net/netcat-openbsd\n"
    "usr/bin/pager-thing                                     universe/utils/foo,utils/bar\n"
    "usr/lib/x/bin/ignored                                   utils/baz\n"
    "usr/sbin/locale-gen                                     localization/locales\n"
)


def test_iter_executables() -> None:
    found = sorted(gen.iter_executables(CONTENTS.replace("\t", " ")))
    assert found == [
        ("locale-gen", "locales", "main"),
        ("nc.openbsd", "netcat-openbsd", "main"),
        ("pager-thing", "bar", "main"),
        ("pager-thing", "foo", "universe"),
        ("sh", "dash", "main"),
    ]


INDEX = """\
Package: bar
Priority: optional
Section: utils

Package: foo
Priority: important
Section: universe/utils

Package: thing
Priority: optional
Section: utils
Depends: libthing1 (>= 1), awk | mawk, default-virtual

Package: libthing1
Priority: optional
Section: libs

Package: mawk
Priority: required
Section: interpreters
Provides: awk

Package: zzz
Priority: optional
Provides: default-virtual

Package: aaa
Priority: optional
Provides: default-virtual
"""


def test_provider_choice_order() -> None:
    infos = gen.parse_index(INDEX)
    facts = gen.ReleaseFacts("x", "ubuntu", infos, {"bar": {"thing"}, "foo": {"thing"}, "thing": {"thing"}},
                             {"bar": "main", "foo": "universe", "thing": "main"})
    # main first; then the name equal to the command; universe's higher priority does not count first
    assert facts.providers()["thing"] == "thing"
    facts.files["thing"] = set()
    assert facts.providers()["thing"] == "bar"  # main before universe
    facts.components["foo"] = "main"
    assert facts.providers()["thing"] == "foo"  # Priority important before optional
    assert facts.providers()["awk"] == "mawk"  # an update-alternatives name


def test_closure_follows_depends_and_virtuals() -> None:
    resolver = gen.Resolver(gen.parse_index(INDEX))
    assert resolver.closure(["thing"]) == {"thing", "libthing1", "mawk", "aaa"}
    assert resolver.closure(["mawk", "thing"]) == {"thing", "libthing1", "mawk", "aaa"}


def test_manifest_packages() -> None:
    text = "adduser\t3.134\nlibc6:amd64\t2.36-9+deb12u9\n\n"
    assert gen.manifest_packages(text) == {"adduser", "libc6"}


def test_committed_data_names_its_sources() -> None:
    doc = json.loads((DATA / "image_commands.json").read_text())
    src = doc["_source"]
    assert src["images"]["debian/bookworm"]["repository"] == "debuerreotype/docker-debian-artifacts"
    assert len(src["images"]["debian/bookworm"]["commit"]) == 40
    assert src["images"]["ubuntu/jammy"]["check_of_the_computation"] == {"computed_only": [], "manifest_only": []}
    assert "computed" in src["images"]["ubuntu/noble"]
    assert src["contents"]["bookworm"] == [
        "https://deb.debian.org/debian/dists/bookworm/main/Contents-amd64.gz",
        "https://deb.debian.org/debian/dists/bookworm/main/Contents-all.gz",
    ]
    assert src["retrieved"]


# --- the zoo's debian:bookworm-slim --------------------------------------------------------


def _docker_ready() -> bool:
    if shutil.which("docker") is None:
        return False
    probe = subprocess.run(["docker", "image", "inspect", "debian:bookworm-slim"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.e2e
@pytest.mark.skipif(not _docker_ready(), reason="no Docker engine with the zoo's debian:bookworm-slim")
def test_zoo_debian_slim_matches() -> None:
    """The zoo's image is debootstrap --variant=minbase bookworm (../shared/e2e/zoo.sh), which
    installs the same 88 packages as the official image's manifest; its bin directories
    must list exactly the commands the data give."""
    out = subprocess.run(
        ["docker", "run", "--rm", "--network", "host", "debian:bookworm-slim", "sh", "-c",
         "ls /bin /usr/bin /sbin /usr/sbin"],
        capture_output=True, text=True, check=True, timeout=120,
    ).stdout
    listed = {line.strip() for line in out.splitlines() if line.strip() and not line.endswith(":")}
    assert commands_in("debian:bookworm-slim") == frozenset(listed)


def test_a_moving_base_of_an_old_build_is_not_its_release_today() -> None:
    """python:2.7.7's Dockerfile said ``FROM buildpack-deps`` (2014): buildpack-deps:latest then was wheezy or
    jessie, today trixie; the chain's release is not known, where plan's apt release used to take bookworm."""
    from transformer.distro import chain_release
    from transformer.plan import _release

    assert chain_release("python:2.7.7") == (True, None)
    assert _release("python:2.7.7") is None
    assert release_of("buildpack-deps:latest") is Release.TRIXIE  # the tag itself is today's
    assert chain_release("python:3.6") == (True, Release.BULLSEYE)
    assert chain_release("gcc:10") == (False, None)  # no chain in the data: the tag's table answers
    assert release_of("gcc:10") is Release.BULLSEYE
