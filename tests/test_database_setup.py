"""A database made at build time by a server the RUN starts (``service postgresql start && psql -f schema.sql``,
``mysqld_safe & sleep 5 && mysql < schema.sql``): the runtime installs the same server package and repeats the
RUN's database setup, so its own server makes the same database. What the runtime could not repeat the same way
keeps the file as it is, with the cause: a server no package the runtime installs brings, a database on another
host, a build step that writes into the database while the server is up."""

from __future__ import annotations

from conftest import runner_stage as runner
from conftest import skip_reason as skipped
from conftest import stages

from transformer import refactor

INSTALL = "FROM debian:bookworm\nRUN apt-get update && apt-get install -y postgresql gcc\n"
BUILD = "RUN gcc -o /usr/local/bin/app app.c\n"
CMD = "CMD [\"app\"]\n"


def test_the_runtime_repeats_the_database_setup_with_the_same_server() -> None:
    builder, runtime = stages(f"{INSTALL}{BUILD}RUN /etc/init.d/postgresql start && psql -c 'create database x'\n"
                              f"{CMD}")
    assert "RUN /etc/init.d/postgresql start && psql -c 'create database x'" in builder
    assert "apt-get install -y --no-install-recommends postgresql &&" in runtime and "gcc" not in runtime
    assert runtime.endswith("COPY --from=builder /usr/local/bin/app /usr/local/bin/app\n"
                            "RUN /etc/init.d/postgresql start && psql -c 'create database x'\nCMD [\"app\"]\n")


def test_the_explanation_names_the_database_made_again() -> None:
    result = refactor(f"{INSTALL}{BUILD}RUN service postgresql start && createdb shop\n{CMD}")
    assert any("the runtime repeats the database setup of the RUN at line 4: its own server, of the same package, "
               "makes the database again (under /var/lib/postgresql)" in str(c) for c in result.changes)


def test_a_user_the_server_package_makes_has_its_home() -> None:
    """`su postgres -c`: Debian's postgresql makes the user postgres, at /var/lib/postgresql."""
    out = runner(f"{INSTALL}{BUILD}RUN service postgresql start && su postgres -c 'createdb shop'\n{CMD}")
    assert "RUN service postgresql start && su postgres -c 'createdb shop'\n" in out


def test_a_server_in_the_background_keeps_its_ampersand_and_its_wait() -> None:
    """`mysqld_safe & ... sleep 5 && mysql`: the runtime drops the RUN's scratch cleanup but keeps the server in the
    background (a `&` belongs to the unit before it) and the wait for it."""
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y mariadb-server gcc\n"
                 f"{BUILD}RUN mysqld_safe & rm -rf /tmp/cache && sleep 5 && mysql -e 'create database shop' && "
                 f"mysqladmin shutdown\n{CMD}")
    assert "RUN mysqld_safe & sleep 5 && mysql -e 'create database shop' && mysqladmin shutdown\n" in out


def test_a_setup_that_reads_a_build_output_goes_after_the_copies_with_its_server() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y postgresql build-essential\n"
                 "WORKDIR /app\nCOPY . .\nRUN make\nUSER postgres\nRUN service postgresql start && psql -f "
                 "/app/schema.sql && service postgresql stop\nUSER root\nRUN make install PREFIX=/opt/app\n"
                 "CMD [\"/opt/app/bin/app\"]\n")
    assert out.endswith("COPY --from=builder /opt/app /opt/app\nUSER postgres\nRUN service postgresql start && psql "
                        "-f /app/schema.sql && service postgresql stop\nUSER root\nCMD [\"/opt/app/bin/app\"]\n")


def test_the_schema_a_compiled_program_s_runtime_would_leave_out_is_copied() -> None:
    """The context copied for `go build` is left out of a compiled program's runtime, unless the database setup
    the runtime repeats reads from it."""
    out = runner("FROM golang:1.19\nRUN apt-get update && apt-get install -y postgresql\nWORKDIR /src\nCOPY . .\n"
                 "USER postgres\nRUN service postgresql start && psql -f /src/schema.sql\nUSER root\n"
                 "RUN go build -o /usr/local/bin/app .\nCMD [\"app\"]\n")
    assert "WORKDIR /src\nCOPY . .\nUSER postgres\nRUN service postgresql start && psql -f /src/schema.sql\n" in out


def test_a_server_no_package_of_the_runtime_brings_names_the_cause() -> None:
    reason = skipped(f"FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc\n{BUILD}"
                     f"RUN service postgresql start && psql -c 'create database x'\n{CMD}")
    assert "RUN at line 4: `service postgresql start` starts the PostgreSQL server at build time, whose database " \
           "(under /var/lib/postgresql) the runtime could make again only with the same server, which is no " \
           "package the runtime installs" in reason


def test_a_build_step_while_the_server_is_up_names_the_cause() -> None:
    reason = skipped(f"{INSTALL}{BUILD}RUN service postgresql start && make -C /src migrate\n{CMD}")
    assert "`make -C /src migrate` runs while the database server the RUN started is up: what it writes into the " \
           "database the runtime would not get" in reason


def test_a_database_on_another_host_names_it() -> None:
    reason = skipped(f"{INSTALL}{BUILD}RUN psql -h db.example.com -U shop -c 'create table t (x int)'\n{CMD}")
    assert "changes the database of the PostgreSQL server on db.example.com, outside the image, at build time" \
           in reason
    env = skipped(f"{INSTALL}ENV PGHOST=db\n{BUILD}RUN service postgresql start && createdb shop\n{CMD}")
    assert "server on db, outside the image" in env


def test_a_client_without_a_server_in_its_run_names_the_cause() -> None:
    reason = skipped(f"{INSTALL}{BUILD}RUN mysqladmin create shop\n{CMD}")
    assert "`mysqladmin create shop` talks to a MySQL server that no command before it in the RUN starts" in reason


def test_a_file_a_client_reads_by_an_unknown_variable_names_the_cause() -> None:
    reason = skipped(f"{INSTALL}{BUILD}RUN service postgresql start && psql -f \"$SCHEMA\"\n{CMD}")
    assert "reads a file a variable names, whose value the file does not show" in reason


def test_a_database_a_variable_names_may_be_a_connection_string() -> None:
    reason = skipped(f"{INSTALL}{BUILD}RUN service postgresql start && psql -d \"$DATABASE_URL\" -c 'select 1'\n{CMD}")
    assert "names its database with a variable whose value the file does not show: a connection string there may " \
           "name a PostgreSQL server outside the image" in reason
    url = skipped(f"{INSTALL}{BUILD}RUN service postgresql start && psql postgres://app@db:5432/shop -c 'select 1'\n"
                  f"{CMD}")
    assert "server on db, outside the image" in url
