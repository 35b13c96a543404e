"""`git config --global` (or --system) writes git's settings (~/.gitconfig), which git reads at run time too. Dev
file 04ec5369 installs git, sets `git config --global user.email ${EMAIL}` and user.name, and runs a release script
that commits: the tool read the config as serving the build's git only, and the runtime, which keeps git, lacked
the settings. It now repeats the identity (user.*, author.*, committer.*) where the file installs git; a config of
the repository, a query, or a setting of the build's fetches (http.*, url.*, dev file 19bb427b, whose git is a
build-only package) stays in the builder, and an image's own git (golang's) is not brought in for it."""

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
