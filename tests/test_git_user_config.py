"""`git config --global` (or --system) writes git's settings (~/.gitconfig), which git reads at run time too. Dev
file 04ec5369 installs git, sets `git config --global user.email ${EMAIL}` and user.name, and runs a release script
that commits: the tool read the config as serving the build's git only, and the runtime, which keeps git, lacked
the settings. Dev file 5079ab85 (Debian's git, kept) sets `url."https://".insteadOf git://`, which the runtime lacked
too. The runtime now repeats every setting the file writes exactly where it keeps the git the file installs; where
it does not (a build-only package: dev file 19bb427b's `http.https://gopkg.in.followRedirects`, Alpine's git), the
settings stay in the builder. A config of the repository or a query stays in the builder, and an image's own git
(golang's) is not brought in for it."""

from __future__ import annotations

from transformer import refactor

ALPINE = ("FROM node:18-alpine\nARG EMAIL\nRUN apk add --no-cache git\nWORKDIR /app\nCOPY . .\nRUN yarn install\n"
          "RUN {config}\nENTRYPOINT [\"/app/release.sh\"]\n")


def _runtime(text: str) -> str:
    return text.partition(" AS runner")[2]


def test_global_config_is_repeated_where_git_is_installed() -> None:
    result = refactor(ALPINE.format(config="git config --global user.email ${EMAIL}"))
    assert result.changed, result.skipped
    runtime = _runtime(result.text)
    assert "git config --global user.email ${EMAIL}" in runtime, result.text
    assert "ARG EMAIL" in runtime


def test_queries_stay_in_the_builder() -> None:
    result = refactor(ALPINE.format(config="git config --global --list"))
    assert "git config" not in _runtime(result.text)


def test_the_image_own_git_is_not_brought_in() -> None:
    text = ("FROM golang:1.19\nRUN git config --global url.\"https://x@github.com/\".insteadOf \"https://github.com/\"\n"
            "WORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD [\"/app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "git" not in _runtime(result.text) and "distroless/static" in result.text


def test_fetch_settings_of_build_only_git_stay_in_the_builder() -> None:
    text = ("FROM golang:1.19-alpine\nRUN apk add --no-cache --virtual .build-deps git make\n"
            "RUN git config --global http.https://gopkg.in.followRedirects true\nWORKDIR /src\nCOPY . .\n"
            "RUN go build -o /go/bin/app .\nENTRYPOINT [\"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "git" not in _runtime(result.text)


def test_fetch_settings_are_repeated_where_the_runtime_keeps_git() -> None:
    # dev file 5079ab85: Debian's git, which the runtime keeps, read `url."https://".insteadOf git://` in the
    # original's ~/.gitconfig only
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y git golang\n"
            "RUN git config --global url.\"https://\".insteadOf git://\nWORKDIR /src\nCOPY . .\n"
            "RUN go build -o /usr/local/bin/app .\nENTRYPOINT [\"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = _runtime(result.text)
    assert "install -y --no-install-recommends ca-certificates git" in runtime, result.text
    assert 'git config --global url."https://".insteadOf git://' in runtime


def test_settings_of_git_the_runtime_leaves_out_stay_in_the_builder() -> None:
    # Alpine's git is build-only: a runtime without it has no git to read the identity (the file was left alone,
    # "the RUN at line 3 runs `git`, which the runtime image alpine:3 lacks")
    text = ("FROM golang:1.19-alpine\nRUN apk add --no-cache git\nRUN git config --global user.email dev@example.com\n"
            "WORKDIR /src\nCOPY . .\nRUN go build -o /go/bin/app .\nENTRYPOINT [\"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "git" not in _runtime(result.text)


def test_settings_in_a_build_step_are_repeated_alone() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y git golang\nWORKDIR /src\nCOPY . .\n"
            "RUN git config --global http.sslVerify false && go build -o /usr/local/bin/app .\n"
            "ENTRYPOINT [\"app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = _runtime(result.text)
    assert "git config --global http.sslVerify false" in runtime and "go build" not in runtime, result.text


def test_settings_of_the_images_own_git_are_repeated_where_the_runtime_installs_git() -> None:
    # node:18 has git (buildpack-deps); node:18-slim has none, and the runtime installs it for the CMD's `git`
    text = ("FROM node:18\nRUN git config --global url.\"https://\".insteadOf git://\nWORKDIR /app\n"
            "COPY package.json .\nRUN npm install\nCMD [\"git\", \"config\", \"--global\", \"url.https://.insteadOf\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = _runtime(result.text)
    assert "install -y --no-install-recommends git" in runtime, result.text
    assert 'git config --global url."https://".insteadOf git://' in runtime
