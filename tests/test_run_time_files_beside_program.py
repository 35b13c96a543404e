"""A compiled program that runs in the folder a context COPY fills, which holds files besides the sources
(rp26review ptit-mo/librarymanagementsystemptitttcs, Raikerian/go-remai-bot-discord, pradytpk/go-discord-bot): the
runtime listed the files the checkout holds (`COPY .env.sample db.sql /app/`), so a file the repository leaves out
(.gitignore) and the README tells the user to make before building (`cp .env.sample .env`, credentials.yaml from
credentials_example.yaml), which the original image holds and the program reads from its folder, never reached the
runtime: the program exited at start. The runtime repeats the COPY as written; where the program runs elsewhere, or
the context brings only sources, it still copies the built program alone."""

from __future__ import annotations

from conftest import context_of

from transformer import refactor

GO = """FROM golang:1.19
WORKDIR /app
COPY . .
RUN go build -o main .
{workdir}ENTRYPOINT ["/app/main"]
"""

SOURCES = {"go.mod": "module app\n\ngo 1.19\n", "main.go": "package main\n\nfunc main() {}\n",
           ".gitignore": ".env\n"}


def _runner(text: str) -> str:
    return text.partition(" AS runner\n")[2]


def test_the_folder_the_program_runs_in_is_copied_as_written() -> None:
    files = {**SOURCES, ".env.sample": "MAX=3\n", "db.sql": "select 1;\n"}
    result = refactor(GO.format(workdir=""), read_context=context_of(files))
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert "\nCOPY . .\n" in runner and "COPY .env.sample" not in runner, runner
    assert any("a file the repository leaves out" in c.message and ".env.sample, db.sql" in c.message
               for c in result.changes), [c.message for c in result.changes]


def test_elsewhere_the_files_beside_the_sources_are_listed() -> None:
    # the program runs in /, not in the folder the COPY fills: it reads the files by paths the tool sees
    files = {**SOURCES, "config.yaml": "a: 1\n"}
    runner = _runner(refactor(GO.format(workdir="WORKDIR /\n"), read_context=context_of(files)).text)
    assert "COPY config.yaml /app/\n" in runner and "\nCOPY . .\n" not in runner, runner


def test_sources_alone_give_the_program_alone() -> None:
    result = refactor(GO.format(workdir=""), read_context=context_of(SOURCES))
    assert result.changed, result.skipped
    runner = _runner(result.text)
    assert "COPY . ." not in runner and "COPY --from=builder /app/main /app/main" in runner, runner


# rp27review jgb27/go-docker-postgres: `go build -o /server` in /app, and db/main.go loads .env from the working
# folder (gitignored; the user makes it before building): the runtime copied /server alone and the program stopped
# at start ("Error loading .env file")
DOTENV = """FROM golang:1.23
WORKDIR /app
COPY go.mod go.sum ./
RUN go mod download
COPY . ./
RUN go build -o /server
CMD [ "/server" ]
"""
LOADS = "package db\n\nfunc env() { if godotenv.Load(\".env\") != nil { log.Fatal(\"no .env\") } }\n"


def test_a_file_the_sources_read_from_the_working_folder_brings_the_copy_as_written() -> None:
    files = {**SOURCES, "go.sum": "", "db/main.go": LOADS}
    result = refactor(DOTENV, read_context=context_of(files))
    runner = _runner(result.text)
    assert "\nCOPY . ./\nCOPY --from=builder /server /server\n" in runner and "COPY go.mod" not in runner, runner
    assert any("reads .env there (db/main.go, the app's Go code, reads it)" in c.message for c in result.changes), \
        [c.message for c in result.changes]
    assert not any(c.message.startswith("assumed: the program reads none") for c in result.changes)


def test_a_file_the_context_holds_or_no_source_reads_changes_nothing() -> None:
    quiet = {**SOURCES, "go.sum": "", "db/main.go": "package db\n\nfunc env() {}\n"}
    assert "COPY . ./" not in _runner(refactor(DOTENV, read_context=context_of(quiet)).text)
    # (the program outside the folder the COPY fills, run from /: .env is read from /, which no COPY fills)
    elsewhere = DOTENV.replace("CMD", "WORKDIR /\nCMD")
    loads = {**SOURCES, "go.sum": "", "db/main.go": LOADS}
    assert "COPY . ./" not in _runner(refactor(elsewhere, read_context=context_of(loads)).text)


def test_the_files_go_code_reads_by_a_relative_literal() -> None:
    from transformer.gosource import files_read

    text = ('godotenv.Load(); godotenv.Overload("a.env", `b.env`); os.ReadFile("./conf/app.yaml")\n'
            'os.Open(name); os.ReadFile(filepath.Join(dir, "x")); ioutil.ReadFile("/etc/x"); os.Open("../up")\n')
    assert files_read(text) == (".env", "a.env", "b.env", "conf/app.yaml")
