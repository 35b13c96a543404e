"""Classes of commands real files run that the tool used to call "not understood": package managers under
another name, commands with no lasting effect, databases written at build time, archives read from a pipe,
a package's command run by its path, linters, and the installers of ecosystems the tool does not model."""

from __future__ import annotations

from conftest import runner_stage as runner
from conftest import skip_reason as skipped

from transformer import refactor

BUILD = " && gcc -o /usr/local/bin/app app.c\nCMD [\"app\"]\n"


# package managers under another name ---------------------------------------------------------------------------
def test_install_packages_is_an_apt_install_the_same_image_repeats() -> None:
    out = runner("FROM bitnami/minideb:bookworm\nRUN install_packages gcc libpq-dev curl" + BUILD)
    assert out.startswith("FROM bitnami/minideb:bookworm AS runner\n")
    assert "install_packages libpq5 curl" in out
    assert "gcc" not in out.split("COPY")[0] and "--no-install-recommends" not in out  # it installs lean itself


def test_install_packages_gets_no_update_nor_cleanup_of_the_tools() -> None:
    # it fetches the package lists and removes them itself (read23 2185b851: `apt-get update && install_packages
    # dropbear && rm -rf /var/lib/apt/lists/*`)
    out = runner("FROM bitnami/minideb:bookworm\nRUN install_packages gcc libpq-dev curl" + BUILD)
    assert "RUN install_packages libpq5 curl\n" in out, out
    assert "apt-get update" not in out and "/var/lib/apt/lists" not in out


def test_install_packages_needs_the_image_that_has_it() -> None:
    reason = skipped("FROM debian:bookworm\nRUN install_packages gcc libpq-dev curl" + BUILD)
    assert "installs packages with `install_packages`, which the runtime image debian:bookworm-slim lacks" in reason


def test_a_command_held_in_a_variable_is_read_as_its_value() -> None:
    out = runner("FROM debian:bookworm\nRUN APT_INSTALL=\"apt-get install -y --no-install-recommends\" && "
                 "apt-get update && $APT_INSTALL gcc libpq-dev curl" + BUILD)
    assert "$APT_INSTALL libpq5 curl" in out and "gcc" not in out.split("COPY")[0]
    assert out.count("--no-install-recommends") == 1  # the variable's value has it already


def test_a_command_variable_from_env_gets_the_lean_option() -> None:
    out = runner("FROM debian:bookworm\nENV APT_INSTALL=\"apt-get install -y\"\nRUN apt-get update && "
                 "$APT_INSTALL gcc libpq-dev curl" + BUILD)
    assert "$APT_INSTALL --no-install-recommends libpq5 ca-certificates curl" in out


def test_a_command_variable_with_quotes_in_its_value_stays_unknown() -> None:
    reason = skipped("FROM debian:bookworm\nENV I=\"apt-get install -o 'x=1'\"\nRUN $I gcc" + BUILD)
    assert "`$I` runs the command a variable holds" in reason


# no lasting effect -------------------------------------------------------------------------------------------------
def test_alias_expr_and_help_queries_change_nothing() -> None:
    out = runner("FROM python:3.11\nRUN alias python=python3 && pip install flask && expr 1 + 1 && flask --help\n"
                 "COPY . /app\nCMD [\"python\", \"/app/main.py\"]\n")
    assert "COPY --from=builder /opt/venv /opt/venv" in out and "alias" not in out


def test_stopping_a_service_in_a_run_lasts_no_longer_than_the_run() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y apache2 gcc && "
                 "/etc/init.d/apache2 stop" + BUILD)
    assert "apache2" in out and "init.d" not in out


def test_a_dropped_command_after_an_ampersand_leaves_the_one_before_in_the_background() -> None:
    """`a & b && c` without b is `a & c`: the `&` belongs to a (the separator after b goes with b)."""
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y gcc cron\n"
                 "RUN service cron start & rm -rf /tmp/cache && echo ok > /etc/app.conf" + BUILD)
    assert "RUN service cron start & echo ok > /etc/app.conf\n" in out


# databases written at build time -----------------------------------------------------------------------------------
def test_a_database_started_at_build_time_is_repeated_by_the_runtime() -> None:
    out = runner("FROM debian:bookworm\nRUN apt-get update && apt-get install -y postgresql gcc\n"
                 "RUN gcc -o /usr/local/bin/app app.c\nRUN /etc/init.d/postgresql start && psql -c 'create "
                 "database x'\nCMD [\"app\"]\n")
    assert "RUN /etc/init.d/postgresql start && psql -c 'create database x'\n" in out  # tests/test_database_setup.py


def test_a_database_client_is_named_in_the_reason() -> None:
    reason = skipped("FROM debian:bookworm\nRUN mysqladmin create shop" + BUILD)
    assert "`mysqladmin create shop` talks to a MySQL server that no command before it in the RUN starts" in reason


# archives, packages' commands, linters --------------------------------------------------------------------------------
def test_tar_reading_the_archive_from_a_pipe_unpacks_where_it_runs() -> None:
    out = runner("FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl gcc texlive-base\n"
                 "RUN cd /usr/local && curl https://nodejs.org/dist/node.tar.gz | tar --strip-components=1 -zxf-\n"
                 "RUN npm install -g forever\nCOPY . /app\nCMD forever /app/index.js\n")
    assert "COPY --from=builder /usr/local /usr/local" in out
    assert "npm" not in out  # the global install lands in the copied /usr/local: no npm from apt in the runtime


def test_a_package_command_run_by_its_path_is_that_command() -> None:
    out = runner("FROM node:18\nWORKDIR /app\nCOPY . .\nRUN npm ci && node ./node_modules/typescript/bin/tsc\n"
                 "CMD [\"node\", \"dist/index.js\"]\n")
    assert out.startswith("FROM node:18-slim AS runner\n") and "COPY --from=builder /app /app" in out


def test_a_linter_is_a_check_and_pip_uninstall_changes_the_environment() -> None:
    result = refactor("FROM python:3.11\nCOPY . /app\nRUN pip install flask flake8\nRUN flake8 /app\n"
                      "RUN pip uninstall -y flake8\nCMD [\"python\", \"/app/main.py\"]\n")
    assert result.changed, result.reason
    test = result.text.split(" AS test\n", 1)[1].split(" AS runner\n", 1)[0]
    assert "RUN flake8 /app" in test  # a check of the code: the test stage
    out = result.text.split(" AS runner\n", 1)[1]
    assert "COPY --from=builder /opt/venv /opt/venv" in out and "flake8" not in out


# ecosystems the tool does not model ----------------------------------------------------------------------------------
def test_an_installer_of_another_ecosystem_names_the_real_cause() -> None:
    reason = skipped("FROM perl:5.36\nCOPY . /app\nRUN cpanm -L /opt/perl5 --installdeps /app\n"
                     "CMD [\"perl\", \"/app/app.pl\"]\n")
    assert "`cpanm -L /opt/perl5 --installdeps /app` is given the option `-L`, which the tool does not read" in reason
    assert "not understood" not in reason


def test_scanelf_run_time_dependencies_name_the_real_cause() -> None:
    reason = skipped("FROM alpine:3.19\nRUN apk add --virtual .build-deps gcc make && "
                     "make install PREFIX=/usr/local && "
                     "runDeps=\"$(scanelf --needed --nobanner /usr/local/bin/app | awk '{print $2}')\" && "
                     "apk add --virtual .run-deps $runDeps && apk del .build-deps\nCMD [\"app\"]\n")
    assert "`scanelf --needed` lists the shared libraries of what the build made" in reason
