"""A file that sets no CMD or ENTRYPOINT runs its base image's command: what that command is decides whether the
image is an app's (a server's command: the runtime keeps running it, in the folder it starts in) or a toolchain's
(a build tool's command: the file is left alone)."""

from __future__ import annotations

from conftest import skip_reason

from transformer import refactor
from transformer.refactor import Options

TOOLCHAIN = ("the file sets no CMD or ENTRYPOINT: it looks like a base or toolchain image, whose users may need its "
             "build tools")


def test_a_maven_image_without_a_command_is_a_build_environment() -> None:
    """maven's own CMD is `mvn`: the image the file makes runs Maven when started (its users build with it), so a
    runtime on a JRE, whose command is another, would not be the same image."""
    text = ("FROM maven:3.5.4-jdk-10\nRUN mkdir /app\nWORKDIR /app\nCOPY . .\n"
            "RUN mvn initialize && mvn clean compile && mvn package\n")
    assert skip_reason(text) == TOOLCHAIN


def test_a_gradle_image_without_a_command_is_a_build_environment() -> None:
    assert skip_reason("FROM gradle:8.5-jdk17\nRUN gradle") == TOOLCHAIN


def test_perls_debugger_is_an_interpreters_prompt() -> None:
    """perl's own CMD is its versioned debugger (`perl5.42.1 -de0`), a prompt, not a server."""
    text = "FROM perl:5.42\nRUN apt-get update && apt-get install -y gcc && gcc -o /usr/local/bin/tool /tool.c\n"
    assert skip_reason(text) == TOOLCHAIN


def test_a_server_images_folder_is_kept_on_a_mapped_runtime() -> None:
    """httpd's command starts in /usr/local/apache2; a runtime the configuration maps it to, which the tool does
    not know, may start elsewhere: the runtime sets the folder the original's command started in."""
    text = "FROM httpd:2.4\nRUN apt-get update && apt-get install -y gcc && gcc -o /usr/local/bin/tool /tool.c\n"
    result = refactor(text, options=Options(image_map={"httpd:2.4": "acme/httpd:slim"}))
    assert result.changed, result.skipped
    runtime = result.text.partition("FROM acme/httpd:slim AS runner\n")[2]
    assert runtime.startswith("WORKDIR /usr/local/apache2\n"), result.text
    assert any("the image's command starts there" in c.message for c in result.changes)


def test_a_workdir_named_by_a_variable_supersedes_the_base_s() -> None:
    """read18 0f6e941b: `WORKDIR $GOPATH/src/go_init` first: nothing runs in golang's /go before it, so the runtime
    sets no WORKDIR /go, and no reason says it does (before: "the runtime sets WORKDIR /go ... the file relies on it",
    a line the output did not have)."""
    text = ("FROM golang:1.19\nWORKDIR $GOPATH/src/app\nCOPY . $GOPATH/src/app\nRUN go build .\n"
            "ENTRYPOINT [\"./app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner\n")[2]
    assert "WORKDIR /go\n" not in runtime and "WORKDIR $GOPATH/src/app\n" in runtime
    assert not any("sets WORKDIR" in c.message for c in result.changes)
    relative = refactor(text.replace("WORKDIR $GOPATH/src/app\n", "WORKDIR src/app\n"))
    assert any("the runtime sets WORKDIR /go as golang:1.19 does" in c.message for c in relative.changes)


def test_a_workdir_named_by_a_variable_with_a_relative_value_is_relative() -> None:
    """adv-s38 6a: `ENV APP=app`, `WORKDIR $APP` on golang is /go/app: the runtime sets WORKDIR /go first (809c358
    took every variable for an absolute path: the container started in /app, `stat ./server: no such file`)."""
    text = ("FROM golang:1.19\nENV APP=app\nWORKDIR $APP\nCOPY . .\nRUN go build -o server .\n"
            "CMD [\"./server\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    runtime = result.text.partition(" AS runner\n")[2]
    assert "WORKDIR /go\n" in runtime and runtime.index("WORKDIR /go\n") < runtime.index("WORKDIR $APP\n"), runtime
    # adv-s38 6b: an absolute WORKDIR before it stays (the relative one continues from it)
    srv = refactor(text.replace("ENV APP=app\n", "ENV APP=app\nWORKDIR /srv\n"))
    assert "WORKDIR /srv\n" in srv.text.partition(" AS runner\n")[2], srv.text
