"""The engine bugs found on real applications (bench/real_apps), each on a minimal Dockerfile: what the
runtime stage must hold for the program to run, and be smaller, as the project's real build showed."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor
from transformer.parser import parse
from transformer.tree import Stage

context = context_of


def _runner(text: str) -> Stage:
    return parse(text).stages[-1]


def _lines(stage: Stage) -> list[str]:
    return [i.text.strip() for i in stage.instructions]


CARGO = '[package]\nname = "hello"\nversion = "0.1.0"\n'
RUST = 'FROM {image}\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD ["./target/release/hello"]\n'


def test_a_rust_slim_tag_is_a_toolchain_and_gets_a_debian_runtime() -> None:
    """rust:X-slim holds rustc and cargo (976 MB on the zoo): the runner is the slim Debian it names."""
    for image, runtime in (("rust:1.63-slim", "debian:bullseye-slim"),  # the release its official chain names
                           ("rust:1.56.1-slim-bullseye", "debian:bullseye-slim"),
                           ("rust:1.70-slim-bookworm", "debian:bookworm-slim")):
        result = refactor(RUST.format(image=image), read_context=context({"Cargo.toml": CARGO}))
        assert result.changed, result.skipped
        assert _runner(result.text).base_image == runtime
        assert "COPY --from=builder /app/target/release/hello /app/target/release/hello" in result.text


def test_files_beside_the_sources_come_from_the_builder_where_a_build_script_may_write_them() -> None:
    """rp13 maplant/my-website: the server's build.rs renders the site into ../site, which the context holds only the
    pictures of; the runtime took site/ from the context and served no page. With a Cargo build script (at the root or
    in a workspace member), what the COPY brings besides the sources comes from the builder; without one, from the
    context: the COPY as written, as the program runs in the folder it fills (test_run_time_files_beside_program)."""
    text = 'FROM rust:1.63\nWORKDIR /app\nCOPY . .\nRUN cargo build --release\nCMD ["./target/release/server"]\n'
    files = {"Cargo.toml": '[workspace]\nmembers = ["server"]\n', "server/Cargo.toml": CARGO,
             "server/src/main.rs": "fn main() {}\n", "server/build.rs": "fn main() {}\n",
             "site/avatar.jpg": "jpg", "projects.toml": "x = 1\n"}
    result = refactor(text, read_context=context(files))
    assert result.changed, result.skipped
    lines = _lines(_runner(result.text))
    assert "COPY --from=builder /app/site /app/site" in lines
    assert "COPY --from=builder /app/projects.toml /app/projects.toml" in lines
    assert "COPY site /app/site" not in lines
    del files["server/build.rs"]
    lines = _lines(_runner(refactor(text, read_context=context(files)).text))
    assert "COPY . ." in lines and "COPY --from=builder /app/site /app/site" not in lines


GO_MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi") }\n'


def test_go_without_workdir_runs_in_the_golang_images_folder() -> None:
    """golang's image has WORKDIR /go: `COPY . .` and `CMD ["./server"]` are there, so the runtime is too."""
    text = 'FROM golang:1.19\nCOPY . .\nRUN go build -o server .\nCMD ["./server"]\n'
    result = refactor(text, read_context=context({"server.go": GO_MAIN}))
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert _lines(runner)[0] == "WORKDIR /go"
    assert "COPY --from=builder /go/server /go/server" in _lines(runner)


def test_go_with_an_absolute_workdir_needs_no_inherited_one() -> None:
    text = 'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n'
    result = refactor(text, read_context=context({"main.go": GO_MAIN}))
    assert "WORKDIR /go" not in result.text


def test_the_files_a_go_program_reads_beside_its_sources_come_to_the_runtime() -> None:
    """ADD . /app brings templates/ and banner files the program opens at run time; the sources, go.mod
    and the repository's own files stay in the builder, where the program runs in another folder (in /app, the
    runtime repeats the ADD as written: test_run_time_files_beside_program)."""
    written = ("FROM golang:1.19\nRUN mkdir /app\nADD . /app\nWORKDIR /app\nRUN go build -o main\n"
               'ENTRYPOINT [ "/app/main" ]\n')
    text = written.replace("ENTRYPOINT", "WORKDIR /\nENTRYPOINT")
    files = {"main.go": GO_MAIN, "go.mod": "module m\n", "Dockerfile": text, "README.md": "x",
             "standard.txt": "banner", "templates/index.html": "<html>", "cmd/tool/tool.go": GO_MAIN}
    assert "ADD . /app" in _lines(_runner(refactor(written, read_context=context(files)).text))
    result = refactor(text, read_context=context(files))
    assert result.changed, result.skipped
    lines = _lines(_runner(result.text))
    assert "COPY standard.txt /app/" in lines
    assert "COPY templates /app/templates" in lines
    assert not any("main.go" in ln or "README" in ln or "cmd" in ln.split() for ln in lines)
    # continuous integration's files are the repository's, not the program's (rp13 kiet-asmara/jenkins-test)
    files.update({"Jenkinsfile": "pipeline {}", ".golangci.yml": "run: {}\n"})
    lines = _lines(_runner(refactor(text, read_context=context(files)).text))
    assert "COPY standard.txt /app/" in lines and not any("Jenkinsfile" in ln or "golangci" in ln for ln in lines)
    assert lines.index("COPY templates /app/templates") < lines.index("COPY --from=builder /app/main /app/main")


def test_dockerignored_files_are_not_copied_and_exceptions_copy_as_written() -> None:
    # (the program runs in /, not in the folder the COPY fills, where the runtime repeats the COPY as written)
    text = "FROM golang:1.19\nWORKDIR /app\nCOPY . .\nRUN go build -o main\nWORKDIR /\nCMD [\"/app/main\"]\n"
    files = {"main.go": GO_MAIN, "data.txt": "x", "secret.env": "y", ".dockerignore": "*.env\n"}
    lines = _lines(_runner(refactor(text, read_context=context(files)).text))
    assert "COPY data.txt /app/" in lines
    files[".dockerignore"] = "*\n!main.go\n!data.txt\n"
    lines = _lines(_runner(refactor(text, read_context=context(files)).text))
    assert "COPY . ." in lines


def test_a_wildcard_copy_of_sources_only_is_not_repeated() -> None:
    """`COPY *.go ./` (Docker's own Go guide; Khucheee/check, Elton-Bezerra/k8s) brings only sources: the runtime
    used to repeat it, saying it brought files besides the sources. A wildcard that matches a data file, or one
    whose matches cannot be listed, is still repeated as written."""
    text = ("FROM golang:1.19\nWORKDIR /app\nCOPY go.mod ./\nCOPY {glob} ./\nRUN go build -o /server\n"
            'CMD ["/server"]\n')
    files = {"main.go": GO_MAIN, "handlers.go": GO_MAIN, "go.mod": "module m\n", "banner.txt": "hi"}
    result = refactor(text.format(glob="*.go"), read_context=context(files))
    assert result.changed, result.skipped
    assert [ln for ln in _lines(_runner(result.text)) if ln.startswith("COPY")] == [
        "COPY --from=builder /server /server"]
    assert not any("besides the sources" in c.message for c in result.changes)
    for glob in ("*", "ban*", "$SRC/*.go"):
        lines = _lines(_runner(refactor(text.format(glob=glob), read_context=context(files)).text))
        assert f"COPY {glob} ./" in lines, (glob, lines)


def test_a_compiled_build_with_only_sources_copies_nothing_more() -> None:
    text = "FROM gcc:12\nWORKDIR /src\nCOPY . .\nRUN gcc -o app main.c\nCMD [\"./app\"]\n"
    files = {"main.c": "int main(){return 0;}", "Makefile": "all:", "include/x.h": ""}
    lines = _lines(_runner(refactor(text, read_context=context(files)).text))
    assert [ln for ln in lines if ln.startswith("COPY")] == ["COPY --from=builder /src/app /src/app"]


def test_no_prune_after_the_build_deleted_node_modules() -> None:
    """docker/welcome-to-docker builds, then deletes node_modules in the same RUN: `npm prune` after it would
    install the production dependencies again (16 MB more than the original)."""
    text = ("FROM node:18-alpine\nWORKDIR /app\nCOPY . .\nRUN npm install && npm install -g serve "
            "&& npm run build && rm -fr node_modules\nEXPOSE 3000\nCMD [ \"serve\", \"-s\", \"build\" ]\n")
    files = {"package.json": '{"dependencies": {"react": "18"}}'}
    result = refactor(text, read_context=context(files))
    assert result.changed, result.skipped
    assert "prune" not in result.text
    assert "RUN npm install -g serve" in _lines(_runner(result.text))
    kept = text.replace(" && rm -fr node_modules", "")
    other = kept.replace('[ "serve", "-s", "build" ]', '["node", "build/server.js"]')
    assert "npm prune --omit=dev" in refactor(other, read_context=context(files)).text
    # serve reads only the folder it serves: the runtime copies it alone, with no node_modules to prune
    served = _lines(_runner(refactor(kept, read_context=context(files)).text))
    assert "COPY --from=builder /app/build /app/build" in served


NODE = ("FROM node:18\nWORKDIR /usr/src/app\nCOPY package*.json ./\nCOPY app.js .\nRUN npm install\n"
        'EXPOSE 8080\nCMD ["node", "app.js"]\n')


def test_npm_install_without_dependencies_leaves_no_node_modules_to_copy() -> None:
    """npm makes no node_modules for a package.json without dependencies: a COPY of it fails the build."""
    result = refactor(NODE, read_context=context({"package.json": '{"name": "lab", "scripts": {}}'}))
    assert result.changed, result.skipped
    lines = _lines(_runner(result.text))
    assert not any("--from=builder" in ln for ln in lines)
    assert lines[:3] == ["WORKDIR /usr/src/app", "COPY package*.json ./", "COPY app.js ."]
    with_deps = refactor(NODE, read_context=context({"package.json": '{"devDependencies": {"jest": "29"}}'}))
    assert "COPY --from=builder /usr/src/app/node_modules /usr/src/app/node_modules" in with_deps.text


def test_a_venv_on_the_slim_image_is_not_made_only_to_leave_pips_cache_behind() -> None:
    """python:3.11-slim, pip install flask redis: the venv the runtime would copy carries its own pip and
    setuptools, more than the cache it saves (the rewrite was 21.6 MB larger)."""
    text = ("FROM python:3.11-slim\nWORKDIR /app\nRUN pip3 install flask redis\nCOPY app.py .\n"
            'CMD ["python3", "app.py"]\n')
    result = refactor(text)
    assert not result.changed
    assert "--no-cache-dir" in (result.skipped or "")
    full = refactor(text.replace("python:3.11-slim", "python:3.11"))
    assert full.changed and _runner(full.text).base_image == "python:3.11-slim"
    native = refactor(text.replace("RUN pip3", "RUN apt-get update && apt-get install -y gcc && pip3"))
    assert native.changed, native.skipped


def test_nothing_built_but_recommends_installed_says_so() -> None:
    """py-debian-flask-user: no build, the image's weight is apt's Recommends; the skip names the cure."""
    text = ("FROM debian\nRUN apt update && apt install -y python3 pipx python3-flask\nCOPY main.py /app/\n"
            "CMD python3 /app/main.py\n")
    result = refactor(text)
    assert not result.changed
    assert "apt install at line 2 takes the recommended packages" in (result.skipped or "")
    lean = refactor(text.replace("install -y", "install -y --no-install-recommends"))
    assert "recommended" not in (lean.skipped or "")


C_MAIN = '#include <stdio.h>\n#include <math.h>\nint main(void) { printf("%f\\n", sqrt(2)); return 0; }\n'
C_BUILD = 'FROM gcc:12\nWORKDIR /usr/src/myapp\nCOPY myapp.c .\nRUN {compile}\nCMD ["./myapp"]\n'


def test_a_c_program_of_the_c_library_alone_is_linked_statically_and_runs_on_scratch() -> None:
    """c-knights-tour, c-sandbox: `gcc -o myapp myapp.c` on debian:bookworm-slim was 74 MB where the hand-written
    static binary on scratch is 1 MB."""
    result = refactor(C_BUILD.format(compile="gcc -o myapp myapp.c -lm"), read_context=context({"myapp.c": C_MAIN}))
    assert result.changed, result.skipped
    assert "RUN gcc -static -o myapp myapp.c -lm" in result.text
    runner = _runner(result.text)
    assert runner.base_image == "scratch"
    assert "COPY --from=builder /usr/src/myapp/myapp /usr/src/myapp/myapp" in _lines(runner)


def test_what_a_static_glibc_cannot_serve_keeps_the_dynamic_link() -> None:
    nss = C_MAIN.replace("int main", "#include <netdb.h>\nint f(void) { return getaddrinfo(0, 0, 0, 0); }\nint main")
    cases = [("gcc -o myapp myapp.c", {"myapp.c": nss}),  # name service lookups load NSS modules
             ("gcc -o myapp myapp.c -lssl", {"myapp.c": C_MAIN}),  # another library
             ("gcc -c myapp.c && gcc -o myapp myapp.o", {"myapp.c": C_MAIN}),  # not one command
             ("gcc -o myapp myapp.c", {})]  # sources not in the context
    for compile, files in cases:
        result = refactor(C_BUILD.format(compile=compile), read_context=context(files))
        assert "-static" not in result.text, compile
        assert _runner(result.text).base_image == "debian:bookworm-slim", compile
    shell_cmd = C_BUILD.format(compile="gcc -o myapp myapp.c").replace('CMD ["./myapp"]', "CMD ./myapp")
    assert "scratch" not in refactor(shell_cmd, read_context=context({"myapp.c": C_MAIN})).text


def test_go_builds_leave_out_the_symbol_table_unless_the_file_sets_its_link_flags() -> None:
    """The hand-written Go references link with -s -w; the rewrite's binary matches them through GOFLAGS."""
    text = 'FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n'
    files = {"main.go": GO_MAIN}
    assert "ENV CGO_ENABLED=0 GOFLAGS=-ldflags=-s" in _lines(parse(refactor(text, read_context=context(files))
                                                                  .text).stages[0])
    own = text.replace("go build", "go build -ldflags '-X main.v=1'")
    assert "GOFLAGS" not in refactor(own, read_context=context(files)).text
    env = text.replace("COPY . .", "COPY . .\nENV GOFLAGS=-mod=vendor")
    assert "GOFLAGS=-ldflags" not in refactor(env, read_context=context(files)).text


def test_a_context_file_whose_name_holds_a_record_separator_is_not_split() -> None:
    """Only ``\\n`` ends an entry of the context's listing: ``str.splitlines`` made two names of ``a\\x1eb.txt``,
    and the runtime would have copied files that do not exist (``COPY a /app/``: the build fails)."""
    text = ("FROM golang:1.19\nRUN mkdir /app\nADD . /app\nWORKDIR /app\nRUN go build -o main\n"
            'ENTRYPOINT [ "/app/main" ]\n')
    files = {"main.go": GO_MAIN, "go.mod": "module m\n", "a\x1eb.txt": "data"}
    result = refactor(text, read_context=context(files))
    assert result.changed, result.skipped
    lines = _lines(_runner(result.text))
    assert not any(ln.startswith(("COPY a ", "COPY b.txt ")) for ln in lines), lines
