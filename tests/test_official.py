"""What the official images give an image built FROM them (transformer/official.py), the data file
behind it, and its generator (scripts/gen_official_images.py).

The facts checked here were read in the images' own sources (the mirrors of
docker-library/golang, nginx/docker-nginx, docker-library/python, docker-library/ruby,
nodejs/docker-node, docker-library/php, adoptium/containers ... at the commits the data file's
``_source`` names), e.g. golang's ``ENV GOPATH /go`` and ``WORKDIR $GOPATH``, nginx's
``STOPSIGNAL SIGQUIT``, php apache's ``WORKDIR /var/www/html`` and ``CMD ["apache2-foreground"]``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import load_script
from hypothesis import given
from hypothesis import strategies as st

from transformer import official
from transformer.official import Inherited, chain, inherited, repository, split_tag, tag_exists

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "transformer" / "data" / "official_images.json"
SCRIPT = ROOT / "scripts" / "gen_official_images.py"
MIRRORS = Path("/work/.mirror")




gen = load_script("gen_official_images")


def info(image: str) -> Inherited:
    found = inherited(image)
    assert found is not None, image
    return found


def env(image: str) -> dict[str, str]:
    return dict(info(image).env)


# --- what images inherit ----------------------------------------------------------------


@pytest.mark.parametrize("image", ["golang:1.21", "golang:1.10", "golang:1.19-alpine", "golang"])
def test_golang_sets_gopath_and_workdir(image: str) -> None:
    assert env(image)["GOPATH"] == "/go"
    assert env(image)["PATH"].startswith("/go/bin:/usr/local/go/bin:")
    assert info(image).workdir == "/go"
    assert "GOLANG_VERSION" in info(image).versioned_env
    assert "GOPATH" not in info(image).versioned_env


@pytest.mark.parametrize("image", ["nginx", "nginx:1.25", "nginx:alpine", "nginx:stable-alpine"])
def test_nginx_server_config(image: str) -> None:
    got = info(image)
    assert got.cmd == ("nginx", "-g", "daemon off;")
    assert got.entrypoint == ("/docker-entrypoint.sh",)
    assert got.stopsignal == "SIGQUIT"
    assert got.expose == ("80/tcp",)


def test_nginx_alpine_is_built_on_alpine() -> None:
    assert chain("nginx:alpine")[-1].startswith("alpine:")
    assert chain("nginx")[-1].startswith("debian:")


def test_python_slim() -> None:
    got = info("python:3.11-slim")
    assert dict(got.env)["LANG"] == "C.UTF-8"
    assert dict(got.env)["PATH"].startswith("/usr/local/bin:")
    assert got.cmd == ("python3",)
    assert got.entrypoint is None
    assert got.base is not None and got.base.startswith("debian:") and got.base.endswith("-slim")
    assert {"PYTHON_VERSION"} <= got.versioned_env and "LANG" not in got.versioned_env


def test_python_full_is_built_on_buildpack_deps_and_python2_runs_python2() -> None:
    assert chain("python:3.11")[0].startswith("buildpack-deps:")
    assert chain("python:3.11")[-1].startswith("debian:")
    assert info("python:2.7").cmd == ("python2",)
    assert info("python:2.7-slim-stretch").base == "debian:stretch-slim"


@pytest.mark.parametrize("image", ["ruby:3.2", "ruby:2.3", "ruby:2.7-alpine", "ruby:3.1-slim"])
def test_ruby_bundler_locations(image: str) -> None:
    assert env(image)["GEM_HOME"] == "/usr/local/bundle"
    assert env(image)["BUNDLE_APP_CONFIG"] == "/usr/local/bundle"
    assert info(image).cmd == ("irb",)


def test_old_ruby_keeps_its_own_bundle_settings() -> None:
    # 2.3/stretch/slim/Dockerfile: ENV PATH $GEM_HOME/bin:$BUNDLE_PATH/gems/bin:$PATH
    old = env("ruby:2.3-slim")
    assert old["BUNDLE_PATH"] == "/usr/local/bundle"
    assert old["PATH"] == "/usr/local/bundle/bin:/usr/local/bundle/gems/bin:" + gen.SCRATCH_PATH
    assert "BUNDLE_PATH" not in env("ruby:3.2")
    assert "RUBY_VERSION" in info("ruby:2.3").versioned_env


@pytest.mark.parametrize("image", ["node", "node:20", "node:8", "node:18-alpine", "node:8-slim"])
def test_node_cmd_and_entrypoint(image: str) -> None:
    assert info(image).cmd == ("node",)
    assert info(image).entrypoint == ("docker-entrypoint.sh",)


@pytest.mark.parametrize("image", ["php:7.4-apache", "php:5.6-apache", "php:8.2-apache-bookworm"])
def test_php_apache(image: str) -> None:
    got = info(image)
    assert got.cmd == ("apache2-foreground",)
    assert got.workdir == "/var/www/html"
    assert got.entrypoint == ("docker-php-entrypoint",)
    assert dict(got.env)["PHP_INI_DIR"] == "/usr/local/etc/php"
    assert "80/tcp" in got.expose


def test_php_fpm_and_cli() -> None:
    assert info("php:8.2-fpm").cmd == ("php-fpm",)
    assert info("php:8.2-fpm").expose == ("9000/tcp",)
    assert info("php:7.4-cli").cmd == ("php", "-a")
    assert info("php:7.4-cli").workdir is None


@pytest.mark.parametrize("image", ["eclipse-temurin:17-jdk", "eclipse-temurin:21-jre-alpine", "eclipse-temurin:11"])
def test_temurin_java_home(image: str) -> None:
    assert env(image)["JAVA_HOME"] == "/opt/java/openjdk"
    assert env(image)["PATH"].startswith("/opt/java/openjdk/bin:")


def test_line_dependent_values_are_the_tags_own() -> None:
    assert env("openjdk:11-jre-slim")["JAVA_HOME"] == "/usr/local/openjdk-11"
    # openjdk:17 was built from 17/jdk/oraclelinux8 (ENV JAVA_HOME /usr/java/openjdk-17), 17-slim
    # from 17/jdk/slim-bullseye (ENV JAVA_HOME /usr/local/openjdk-17)
    assert env("openjdk:17")["JAVA_HOME"] == "/usr/java/openjdk-17"
    assert env("openjdk:17-slim")["JAVA_HOME"] == "/usr/local/openjdk-17"
    assert env("postgres:15")["PG_MAJOR"] == "15"
    assert "/usr/lib/postgresql/15/bin" in env("postgres:15")["PATH"]


def test_databases() -> None:
    assert info("postgres:15").cmd == ("postgres",)
    assert info("postgres:15").stopsignal == "SIGINT"
    assert "5432/tcp" in info("postgres:15").expose
    assert info("redis:7").workdir == "/data" and info("redis:7").volumes == ("/data",)
    assert info("mysql:8.0").volumes == ("/var/lib/mysql",)
    assert (info("mysql:8.0").base or "").startswith("oraclelinux:")


def test_build_tools_inherit_their_jdk() -> None:
    maven = info("maven:3-eclipse-temurin-17")
    assert maven.cmd == ("mvn",) and dict(maven.env)["MAVEN_HOME"] == "/usr/share/maven"
    assert dict(maven.env)["JAVA_HOME"] == "/opt/java/openjdk"
    assert chain("maven:3-eclipse-temurin-17")[0].startswith("eclipse-temurin:17")
    assert info("tomcat:9").cmd == ("catalina.sh", "run") and info("tomcat:9").workdir == "/usr/local/tomcat"


def test_distributions_give_a_cmd() -> None:
    assert info("debian:bookworm-slim").cmd == ("bash",)
    assert info("alpine:3.18").cmd == ("/bin/sh",)
    assert info("centos:7").cmd == ("/bin/bash",)
    assert info("ubuntu:16.04").cmd == ("/bin/bash",)
    for image in ("debian:bookworm-slim", "alpine:3.18", "centos:7"):
        assert info(image).env == (("PATH", gen.SCRATCH_PATH),)
        assert info(image).base is None


def test_dotnet_images_on_mcr() -> None:
    aspnet = info("mcr.microsoft.com/dotnet/aspnet:8.0")
    assert dict(aspnet.env)["ASPNETCORE_HTTP_PORTS"] == "8080"
    assert dict(aspnet.env)["DOTNET_RUNNING_IN_CONTAINER"] == "true"
    assert chain("mcr.microsoft.com/dotnet/aspnet:8.0")[0].startswith("mcr.microsoft.com/dotnet/runtime:8.0.")
    assert chain("mcr.microsoft.com/dotnet/sdk:8.0")[0].startswith("mcr.microsoft.com/dotnet/aspnet:8.0.")
    assert dict(info("mcr.microsoft.com/dotnet/sdk:6.0").env)["DOTNET_NOLOGO"] == "true"
    assert inherited("mcr.microsoft.com/dotnet/core/sdk:3.1") is not None
    assert inherited("microsoft/dotnet:2.1-sdk") is not None


def test_chains_end_at_a_distribution() -> None:
    assert chain("python:3.11") == (
        chain("python:3.11")[0],
        *chain(chain("python:3.11")[0]),
    )
    assert chain("elixir:1.15")[0].startswith("erlang:")


# --- published tags ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "image",
    [
        "ruby:2.3-slim",
        "node:8-slim",
        "python:2.7-slim-stretch",
        "php:7.4-cli",
        "golang:1.12-alpine",
        "php:5.6-apache",
        "golang:1.10",
        "node:8",
        "python:3.11.4-slim-bookworm",
        "debian:bookworm-20230411",
        "mcr.microsoft.com/dotnet/aspnet:8.0-bookworm-slim",
        "gcc:12",
        "docker.io/library/ruby:2.3",
    ],
)
def test_published_tags(image: str) -> None:
    assert tag_exists(image) is True


@pytest.mark.parametrize(
    "image", ["python:3.11-slim-jessie", "golang:1.99", "node:8-trixie", "ruby:2.3-bookworm", "php:7.4-zts-alpine3.99"]
)
def test_unpublished_tags(image: str) -> None:
    assert tag_exists(image) is False


@pytest.mark.parametrize(
    "image",
    ["myorg/app:1", "quay.io/x/y:1", "gcr.io/distroless/base-debian12", "python:${PY}-slim", "python@sha256:ab"],
)
def test_tag_exists_unknown(image: str) -> None:
    assert tag_exists(image) is None


def test_windows_tags_are_not_recorded() -> None:
    assert tag_exists("python:3.11-windowsservercore-ltsc2022") is None
    assert inherited("python:3.11-windowsservercore-ltsc2022") is None


def test_unknown_images_give_none() -> None:
    unknown = ("myorg/app:1", "quay.io/x/y:1", "gcr.io/distroless/base-debian12", "scratch", "localhost:5000/python")
    for image in unknown:
        assert inherited(image) is None, image


def test_unpublished_tag_takes_its_variants_newest() -> None:
    got = info("python:${PYTHON_VERSION}-slim")
    assert got.exact is False
    assert got.cmd == ("python3",) and got.base is not None and got.base.endswith("-slim")
    assert info("python:3.11-slim").exact is True
    assert inherited("python:3.11-no-such-variant") is None


# --- reading references -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("python:3.11", ("python", "3.11")),
        ("library/python:3.11", ("python", "3.11")),
        ("docker.io/library/python:3.11", ("python", "3.11")),
        ("index.docker.io/library/python", ("python", "latest")),
        ("amd64/python:3.11", ("python", "3.11")),
        ("node", ("node", "latest")),
        ("node:18@sha256:ab", ("node", "18")),
        ("node@sha256:ab", ("node", "")),
        ("mcr.microsoft.com/dotnet/aspnet:6.0", ("mcr.microsoft.com/dotnet/aspnet", "6.0")),
        ("localhost:5000/python:3.11", ("localhost:5000/python", "3.11")),
        ("myorg/app", ("myorg/app", "latest")),
    ],
)
def test_repository(ref: str, expected: tuple[str, str]) -> None:
    assert repository(ref) == expected


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("3.11.4-slim-bookworm", ("3.11.4", "slim-bookworm")),
        ("latest", ("latest", "")),
        ("8u151-b12-jdk-alpine", ("8u151-b12", "jdk-alpine")),
        ("17-ea-14-jdk-slim", ("17-ea-14", "jdk-slim")),
        ("8.0.0-preview.7-bookworm-slim", ("8.0.0-preview.7", "bookworm-slim")),
        ("alpine", ("alpine", "")),
    ],
)
def test_split_tag(tag: str, expected: tuple[str, str]) -> None:
    assert split_tag(tag) == expected


# --- the data file and its coding -------------------------------------------------------


def test_data_file_is_compact_and_names_its_sources() -> None:
    raw = json.loads(DATA.read_text("utf-8"))
    assert DATA.stat().st_size < 650_000
    mirrors = raw["_source"]["mirrors"]
    assert "docker-library/official-images" in mirrors and "docker-library/python" in mirrors
    assert all(len(commit) == 40 for commit in mirrors.values())
    assert raw["_stats"]["python"]["read"] > 1000


@given(
    st.lists(
        st.tuples(st.sampled_from(["", "3.11.", "8u", "bookworm-", "v", "1.0.0-rc"]), st.integers(0, 30_000_000)),
        min_size=1,
        max_size=40,
    )
)
def test_head_lists_decode_to_what_was_encoded(items: list[tuple[str, int]]) -> None:
    heads = {f"{stem}{n}" or "0" for stem, n in items} | {"latest", "8u05"}
    decoded = official.decode_heads(gen.encode_heads(heads))
    assert sorted(decoded) == sorted(heads)


def test_head_list_coding() -> None:
    assert gen.encode_heads(["3.11.0", "3.11.1", "3.11.2", "3.11.5", "latest"]) == "latest 3.11.0~2,5"
    assert gen.encode_heads(["bookworm-20230411", "bookworm-20230502"]) == "bookworm-20230411,+91"
    assert official.decode_heads("x-7~+2,20") == ["x-7", "x-8", "x-9", "x-20"]


def test_run_lengths_round_trip() -> None:
    values = ["3", "3", "3", "-", "7", "7"]
    coded = gen.run_lengths(values)
    assert coded == "3*3 - 7"
    assert official._run_lengths(coded, len(values)) == [3, 3, 3, -1, 7, 7]


# --- the generator's readers ------------------------------------------------------------


def test_library_file_old_format() -> None:
    text = "# maintainer: x\n\n2.7.9: git://github.com/docker-library/python@0123456789abcdef 2.7/slim\n"
    (entry,) = gen.parse_library(text, "python")
    assert entry.tags == ("2.7.9",)
    assert entry.source.commit == "0123456789abcdef" and entry.source.path == "2.7/slim/Dockerfile"
    assert entry.source.repos == ("docker-library/python",)


def test_library_file_new_format() -> None:
    text = (
        "Maintainers: x\nGitRepo: https://github.com/debuerreotype/docker-debian-artifacts.git\n"
        "amd64-GitFetch: refs/heads/dist-amd64\namd64-GitCommit: aaaa\n\n"
        "Tags: bookworm, 12\nSharedTags: latest\nArchitectures: amd64, arm64v8\nBuilder: oci-import\n"
        "Directory: bookworm/oci\nFile: index.json\n\n"
        "Tags: 3.11-windowsservercore\nArchitectures: windows-amd64\nGitCommit: bbbb\nDirectory: w\n"
    )
    linux, windows = gen.parse_library(text, "debian")
    assert linux.tags == ("bookworm", "12", "latest") and not linux.windows
    assert linux.source.commit == "aaaa" and linux.source.branch == "dist-amd64"
    assert linux.source.path == "bookworm/oci/index.json" and linux.source.kind is gen.SourceKind.OCI
    assert windows.windows and windows.source is None


def replay(text: str) -> Any:
    resolver = gen.Resolver(gen.Store(Path("/nonexistent")), {})
    return resolver.dockerfile(text, {})


def test_replay_follows_buildkit() -> None:
    config = replay(
        "ARG BASE=scratch\nFROM $BASE AS build\nENV A=1\n"
        "FROM scratch\nARG V=2\nENV HOME=/h PATH=/h/bin:$PATH X=${V} Y=${UNSET:+no}z\n"
        'WORKDIR /app\nWORKDIR sub\nUSER 1000:1000\nSHELL ["/bin/bash", "-c"]\nCMD echo $HOME\n'
        'EXPOSE 80 53/udp\nVOLUME ["/data"]\nSTOPSIGNAL SIGTERM\nONBUILD CMD ["no"]\n'
    )
    assert dict(config.env) == {"PATH": "/h/bin:" + gen.SCRATCH_PATH, "HOME": "/h", "X": "2", "Y": "z"}
    assert config.workdir == "/app/sub" and config.user == "1000:1000"
    assert config.cmd == ("/bin/bash", "-c", "echo $HOME")
    assert config.expose == ("53/udp", "80/tcp") and config.volumes == ("/data",)
    assert config.stopsignal == "SIGTERM" and config.chain == ()


def test_entrypoint_clears_an_inherited_cmd_only() -> None:
    base = 'FROM scratch AS base\nCMD ["base"]\n'
    assert replay(base + 'FROM base\nENTRYPOINT ["e"]\n').cmd is None
    assert replay(base + 'FROM base\nCMD ["c"]\nENTRYPOINT ["e"]\n').cmd == ("c",)
    assert replay(base + "FROM base\nUSER x\n").cmd == ("base",)


def test_unknown_base_gives_nothing_but_its_name() -> None:
    config = replay("FROM gcr.io/distroless/base\nENV A=$PATH\n")
    assert config.chain == ("gcr.io/distroless/base:latest",)
    assert dict(config.env) == {"A": ""}


def test_without_run_keeps_everything_else() -> None:
    text = 'FROM x\nRUN a \\\n  # note\n  b \\\n\n  c\nENV A=1 \\\n  B=2\nrun d\nCMD ["y"]\n'
    assert gen.without_run(text) == 'FROM x\nENV A=1 \\\n  B=2\nCMD ["y"]\n'


# --- regeneration -----------------------------------------------------------------------


def _mirrors_as_recorded() -> str | None:
    """Why the mirrors cannot reproduce the committed file, or None when they can."""
    recorded = json.loads(DATA.read_text("utf-8"))["_source"]["mirrors"]
    for repo, commit in recorded.items():
        path = MIRRORS / repo.replace("/", "+", 1) / "repo"
        if not path.is_dir():
            return f"no mirror of {repo} under {MIRRORS}"
        head = subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True)
        if head.stdout.strip() != commit:
            return f"the mirror of {repo} is at {head.stdout.strip()[:12]}, the data file was made at {commit[:12]}"
    return None


def test_regenerating_from_the_mirrors_gives_the_committed_file(tmp_path: Path) -> None:
    reason = _mirrors_as_recorded()
    if reason:
        pytest.skip(reason)
    out = tmp_path / "official_images.json"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--mirror-root", str(MIRRORS), "-o", str(out)], check=True, capture_output=True
    )
    assert out.read_bytes() == DATA.read_bytes()
