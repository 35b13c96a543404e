"""What matters in each refactor fixture, written by hand from its input Dockerfile (not from the
tool's output): the runtime image, what the runtime copies from the builder, the system packages it
installs (the run-time libraries of the -dev packages the build used: libpq5 for libpq-dev), what it
must repeat and what it must leave behind.

fixtures/refactor/<case>/expected.Dockerfile was produced by the tool and reviewed; these tests hold
both that snapshot and the tool's current output to the expectations, so that a wrong snapshot
cannot pass by matching a wrong tool.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from output_checks import installed_packages

from transformer import parse, refactor
from transformer.fileio import context_reader
from transformer.tree import Instruction, Stage

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "refactor"


@dataclass(frozen=True)
class Expect:
    runtime: str  # the image the runtime stage starts from
    copies: frozenset[str]  # the sources of the runtime's COPY --from=builder, exactly
    gets: tuple[str, ...] = ()  # paths the CMD needs that one of those copies must bring
    packages: frozenset[str] = frozenset()  # the system packages the runtime installs, exactly
    has: tuple[str, ...] = ()  # instructions the runtime must have (as written, whitespace aside)
    lacks: tuple[str, ...] = ()  # words no instruction of the runtime may contain
    stages: tuple[str, ...] = ("builder", "runner")


PY_BUILD = ("pip install", "gcc", "build-essential", "-dev ")

LDD_INSTALL = ("RUN apt-get update && xargs -r apt-get install -y --no-install-recommends --no-upgrade "
               "< /opt/runtime-packages "
               "&& rm -rf /var/lib/apt/lists/*")

APK_LDD_INSTALL = "RUN xargs -r apk add --no-cache < /opt/runtime-packages"

EXPECT: dict[str, Expect] = {
    # jessie: the gems' libraries are not guessed (mysql2's is named differently by release) but listed by the
    # builder (ldd) and installed from that list; nodejs (the file's own) stays
    "ruby-jessie-ldd": Expect(
        "ruby:2.3-slim", frozenset({"/usr/local/bundle", "/app", "/opt/runtime-packages"}),
        packages=frozenset({"nodejs"}), has=(LDD_INSTALL,),
        lacks=("bundle install", "-dev", "libmysqlclient", "libmariadb", "build-essential")),
    # trusty: boost's libraries come from the builder's list; the compiler and libboost-all-dev stay behind
    "cpp-boost-trusty-ldd": Expect(
        "ubuntu:14.04", frozenset({"/usr/local/bin/app", "/opt/runtime-packages"}), gets=("/usr/local/bin/app",),
        has=(LDD_INSTALL,), lacks=("g++", "-dev", "libboost")),
    # jessie calls libzmq3-dev's library libzmq3, every release the data know libzmq5: not guessed but listed by
    # the builder (ldd over the venv, and what libzmq3-dev points to); no -dev package, no libzmq by name
    "py-zmq-jessie-ldd": Expect(
        "python:3.6-slim-jessie", frozenset({"/opt/venv", "/opt/runtime-packages"}),
        has=(LDD_INSTALL,), lacks=("pip install", "-dev", "libzmq")),
    # stretch: libpq5 is libpq-dev's library in every release the data know, and still a guess there: listed
    "py-psycopg2-stretch-ldd": Expect(
        "python:3.6-slim-stretch", frozenset({"/opt/venv", "/opt/runtime-packages"}),
        has=(LDD_INSTALL,), lacks=("pip install", "gcc", "-dev", "libpq5")),
    # python:3.6-alpine is Alpine 3.15: not the data's 3.17 names (libssl3, libcrypto3) but apk's so: names of what
    # the venv's extensions link to, listed in the builder; no compiler, no headers, no named library
    "py-psycopg2-old-alpine-ldd": Expect(
        "python:3.6-alpine", frozenset({"/opt/venv", "/opt/runtime-packages"}),
        has=(APK_LDD_INSTALL,), lacks=("pip install", "gcc", "-dev", "libssl3", "libcrypto3", "libpq")),
    # alpine:3.8: curl's library comes from the builder's list, not as libcurl by name
    "c-alpine38-ldd": Expect(
        "alpine:3.8", frozenset({"/usr/local/bin/fetch", "/opt/runtime-packages"}), gets=("/usr/local/bin/fetch",),
        # build-base brings g++: libstdc++, by name on every release (the listing would find it only if linked)
        packages=frozenset({"libstdc++"}), has=(APK_LDD_INSTALL,), lacks=("build-base", "-dev", "libcurl", "gcc")),
    # libpq-dev was for psycopg2's build: its run-time library libpq5 stays, the compiler and headers go
    "pip-prefix-libpq": Expect(
        "python:3.12-slim", frozenset({"/opt/venv"}), packages=frozenset({"libpq5"}),
        has=("RUN useradd --create-home appuser", "USER appuser"), lacks=PY_BUILD),
    "venv-quoted-path": Expect(
        "python:3.11-slim", frozenset({"/opt/venv"}), packages=frozenset({"libpq5"}),
        has=("USER nobody",), lacks=PY_BUILD),
    # libxml2-dev and libxslt1-dev -> libxml2 and libxslt1.1; gcc stays in the builder
    "apt-last-line-build-only": Expect(
        "python:3.11-slim", frozenset({"/opt/venv"}), packages=frozenset({"libxml2", "libxslt1.1"}),
        lacks=PY_BUILD),
    # Alpine has no slim variant; build-base goes, curl stays for the HEALTHCHECK
    "alpine-pip-user": Expect(
        "python:3.9-alpine", frozenset({"/root/.local"}), gets=("/root/.local/bin",),
        packages=frozenset({"curl", "libstdc++"}), lacks=("build-base", "pip install")),
    # the folders and the link are set up again; the packages come in the venv
    "build-and-setup": Expect(
        "python:3.11-slim", frozenset({"/opt/venv"}),
        has=("RUN useradd --create-home app", "USER app"), lacks=("pip install",)),
    "pipenv-system": Expect(
        "python:3.10-slim",
        frozenset({"/usr/local/lib/python3.10/site-packages", "/usr/local/bin"}),
        has=("USER 1000",), lacks=("pipenv", "pip install")),
    "poetry-in-project": Expect(
        "python:3.12-slim", frozenset({"/srv/api/.venv"}), lacks=("poetry install", "pip install")),
    "uv-sync-project": Expect(
        "python:3.12-slim", frozenset({"/opt/venv"}), lacks=("uv sync", "pip install")),
    # the tests run in a stage of their own, from the builder; the runtime never runs them
    "flask-pytest": Expect(
        "python:3.11-slim", frozenset({"/opt/venv"}), lacks=("pytest",), stages=("builder", "test", "runner")),
    # a static Go binary on distroless; the tests in their own stage
    "go-cli": Expect(
        "gcr.io/distroless/static-debian12", frozenset({"/bin/server"}), lacks=("go ",),
        stages=("builder", "test", "runner")),
    # the token the build used stays in the builder; the config file is the context's
    "go-config-etc": Expect(
        "gcr.io/distroless/static-debian12", frozenset({"/usr/local/bin/app"}),
        has=("COPY config.yaml /etc/app/config.yaml", "ENV APP_CONFIG=/etc/app/config.yaml"),
        lacks=("GITHUB_TOKEN", "go build")),
    # gcc:12 is Debian bookworm with GCC: the program runs on bookworm-slim, make stays behind
    "crlf-lowercase": Expect("debian:bookworm-slim", frozenset({"/src"}), gets=("/src/app",), lacks=("make",)),
    "dotnet-aspnet-publish": Expect(
        "mcr.microsoft.com/dotnet/aspnet:8.0", frozenset({"/app"}), gets=("/app/TodoApi.dll",),
        lacks=("dotnet publish", "dotnet restore")),
    # the app folder holds dist/ and the pruned node_modules
    "node-build": Expect(
        "node:20-slim", frozenset({"/app"}), gets=("/app/dist/server.js", "/app/node_modules"),
        lacks=("npm ci", "npm run build")),
    "node-no-cmd": Expect("node:18-slim", frozenset({"/srv"}), lacks=("npm ci",)),
    "nonroot-chown": Expect(
        "node:18-slim", frozenset({"/home/app"}), gets=("/home/app/build/index.js",),
        has=("RUN groupadd --system app && useradd --system --gid app app", "USER app"), lacks=("npm ci",)),
    # Debian's nginx served /var/www/html: the official nginx image serves /usr/share/nginx/html
    "node-nginx-static": Expect(
        "nginx:stable", frozenset({"/var/www/html"}),
        has=("COPY --from=builder /var/www/html /usr/share/nginx/html",), lacks=("npm", "apt-get")),
    # the jar the command runs comes from the build folder
    "spring-gradle": Expect(
        "eclipse-temurin:17-jre", frozenset({"/home/gradle/project"}),
        gets=("/home/gradle/project/build/libs/app.jar",), lacks=("gradle bootJar",)),
    "spring-maven": Expect(
        "eclipse-temurin:17-jre", frozenset({"/app"}), gets=("/app/target/app.jar",), lacks=("mvn ",)),
    # php has no slim variant; each -dev package leaves its run-time library (Debian trixie's names, the
    # release php:8.2-fpm is built on), git and unzip (for Composer) and Composer itself stay behind;
    # the compiled extensions and their ini files are copied, the framework's caches are made again
    "php-laravel-fpm": Expect(
        "php:8.2-fpm",
        frozenset({"/usr/local/lib/php/extensions", "/usr/local/etc/php/conf.d", "/var/www"}),
        packages=frozenset({"libpq5", "libzip5", "libfreetype6", "libjpeg62-turbo", "libpng16-16t64"}),
        has=("USER www-data",),
        lacks=("composer install", "git ", "unzip", "-dev ", "docker-php-ext-install", "pecl")),
}


def _runtime_of(text: str, stages: tuple[str, ...]) -> Stage:
    tree = parse(text)
    assert tuple(s.name for s in tree.stages) == stages
    return tree.stages[-1]


def _copies(runtime: Stage) -> list[Instruction]:
    return [i for i in runtime.instructions if i.cmd == "copy" and (i.flag("from") or "").lower() == "builder"]


def _norm(text: str) -> str:
    return " ".join(text.replace("\\\n", " ").split())


def _covers(source: str, path: str) -> bool:
    return path == source or path.startswith(source.rstrip("/") + "/")


def check(case: str, text: str) -> None:
    want = EXPECT[case]
    runtime = _runtime_of(text, want.stages)
    assert runtime.from_.value[0] == want.runtime
    copies = _copies(runtime)
    sources = {s for c in copies for s in c.value[:-1]}
    assert sources == want.copies
    for path in want.gets:
        assert any(_covers(s, path) for s in sources), f"nothing brings {path}: {sorted(sources)}"
    assert set(installed_packages(runtime)) == want.packages
    lines = [_norm(i.original) for i in runtime.instructions]
    for inst in want.has:
        assert _norm(inst) in lines, f"{inst!r} not in the runtime: {lines}"
    for word in want.lacks:
        assert not [line for line in lines if word in line and not line.startswith("COPY --from=builder")], word


@pytest.mark.parametrize("case", sorted(EXPECT))
def test_the_snapshot_meets_the_expectations(case: str) -> None:
    check(case, (FIXTURES / case / "expected.Dockerfile").read_text())


@pytest.mark.parametrize("case", sorted(EXPECT))
def test_the_tool_meets_the_expectations(case: str) -> None:
    result = refactor((FIXTURES / case / "Dockerfile").read_text(), read_context=context_reader(str(FIXTURES / case)))
    assert result.changed, result.skipped
    check(case, result.text)


def test_every_changed_fixture_has_expectations() -> None:
    changed = {p.parent.name for p in FIXTURES.glob("*/expected.Dockerfile")}
    assert changed == set(EXPECT), "write the expectations of a new fixture here, by hand"


@pytest.mark.parametrize(("case", "wrong"), [
    ("pip-prefix-libpq", ("libpq5", "libpq-dev")),  # the headers instead of the library
    ("pip-prefix-libpq", ("python:3.12-slim AS runner", "python:3.12 AS runner")),  # the full image
    ("go-config-etc", ("COPY --from=builder /usr/local/bin/app", "COPY --from=builder /go")),  # the whole GOPATH
    ("node-nginx-static", ("/usr/share/nginx/html", "/var/www/html")),  # where the official image does not serve
    ("php-laravel-fpm", (" libzip5", " libzip-dev")),
])
def test_a_wrong_snapshot_fails(case: str, wrong: tuple[str, str]) -> None:
    head, sep, runtime = (FIXTURES / case / "expected.Dockerfile").read_text().rpartition("\nFROM ")
    assert wrong[0] in runtime
    with pytest.raises(AssertionError):
        check(case, head + sep + runtime.replace(wrong[0], wrong[1]))
