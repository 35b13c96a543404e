"""Commands of the app's own tools and of the system, by what they do to the image (data/commands.json's
app_commands, setup and openssl): each used to stop the tool as "not understood"; now the runtime copies what
they write, repeats them, or the reason names the real cause."""

from __future__ import annotations

import pytest
from conftest import NODE_APP_FILES, context_of, runner_stage, skip_reason, stages

from transformer import refactor

NODE_APP = ("FROM node:18\nRUN npm install -g prisma\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\n"
            "RUN {run}\nCMD [\"node\", \"server.js\"]\n")


@pytest.mark.parametrize("run", ["prisma generate", "prisma generate --schema=./prisma/schema.prisma",
                                 "node_modules/.bin/electron-rebuild"])
def test_a_generator_that_writes_into_the_app_is_part_of_the_build(run: str) -> None:
    result = refactor(NODE_APP.format(run=run), read_context=context_of(NODE_APP_FILES))
    assert result.changed, result.skipped
    builder, runtime = result.text.split(" AS runner\n")
    assert f"RUN {run}\n" in builder and run not in runtime
    assert "COPY --from=builder /app /app" in runtime
    assert any("is taken to write only into /app" in str(c) for c in result.changes)


def test_the_folder_a_generator_names_is_copied() -> None:
    text = ("FROM node:18\nRUN npm install -g hubot coffeescript\nRUN hubot --create /opt/bot\n"
            "CMD [\"/opt/bot/bin/hubot\"]\n")
    assert "COPY --from=builder /opt/bot /opt/bot" in runner_stage(text)


def test_a_generator_run_in_the_root_folder_names_the_cause() -> None:
    text = "FROM node:18\nRUN npm install -g youtransfer\nRUN youtransfer init\nCMD [\"npm\", \"start\"]\n"
    assert "RUN at line 3: the build leaves outputs in / (what `youtransfer` writes, by `youtransfer init`)" \
        in skip_reason(text)


FLASK = ("FROM python:3.11\nWORKDIR /srv\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n"
         "COPY . .\n{before}RUN flask db upgrade\nCMD [\"gunicorn\", \"app:app\"]\n")


def test_a_migration_whose_database_file_the_build_makes_anew_in_the_app_is_copied_with_it() -> None:
    result = refactor(FLASK.format(before="RUN rm -f app.db\n"))
    assert result.changed, result.skipped
    builder, runtime = result.text.split(" AS runner\n")
    assert "RUN flask db upgrade\n" in builder and "flask" not in runtime
    assert "COPY --from=builder /srv /srv" in runtime
    assert any("is taken to write its database into /srv" in str(c) for c in result.changes)


@pytest.mark.parametrize(("before", "run"), [
    ("", "flask db upgrade"),
    ("RUN rm -f /var/lib/app/app.db\n", "flask db upgrade"),  # not in the app's folder
    ("", "sequelize db:migrate"),
    ("", "alembic upgrade head"),
])
def test_a_migration_elsewhere_names_the_database_as_the_cause(before: str, run: str) -> None:
    text = FLASK.format(before=before).replace("flask db upgrade", run)
    why = skip_reason(text)
    assert "changes a database at build time, the one the app's configuration names, which the tool does not read: " \
           "a server outside the image, or a file whose place it does not know" in why


@pytest.mark.parametrize("run", ["jupyter nbextension enable --py --sys-prefix widgetsnbextension",
                                 "jupyter serverextension enable nteract_on_jupyter",
                                 "jupyter notebook --generate-config"])
def test_jupyters_setup_is_named_as_a_notebook_image(run: str) -> None:
    # the CMD runs the notebook through a wrapper the CMD check does not see through
    text = (f"FROM python:3.11\nRUN pip install notebook widgetsnbextension\nRUN {run}\n"
            "CMD xvfb-run jupyter notebook --ip=0.0.0.0\n")
    assert "a notebook image" in skip_reason(text)


def test_a_file_openssl_makes_is_copied_not_made_again() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y nginx openssl build-essential\n"
            "RUN make -C /src install\n"
            "RUN openssl dhparam -out /etc/nginx/dhparam.pem 2048 && openssl req -x509 -nodes -days 365 "
            "-newkey rsa:2048 -subj /CN=localhost -keyout /etc/nginx/key.pem -out /etc/nginx/cert.pem\n"
            "CMD [\"nginx\", \"-g\", \"daemon off;\"]\n")
    runtime = runner_stage(text)
    assert "openssl dhparam" not in runtime and "openssl req" not in runtime
    for made in ("/etc/nginx/dhparam.pem", "/etc/nginx/key.pem", "/etc/nginx/cert.pem"):
        assert f"COPY --from=builder {made} {made}" in runtime


@pytest.mark.parametrize(("run", "kept"), [
    ("truncate -s 0 /var/log/*log", "truncate -s 0 /var/log/*log"),
    ("update-exim4.conf", "update-exim4.conf"),
    ("echo 'app ALL=(ALL) NOPASSWD: ALL' | EDITOR='tee -a' visudo", "visudo"),
])
def test_configuration_commands_are_repeated_by_the_runtime(run: str, kept: str) -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential exim4 sudo\n"
            f"RUN make -C /src install\nRUN {run}\nCMD [\"/usr/local/bin/app\"]\n")
    _, runtime = stages(text)
    assert kept in runtime


def test_truncates_size_is_no_path() -> None:
    result = refactor("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential\n"
                      "RUN make -C /src install && truncate -s 0 /var/log/*log\nCMD [\"/usr/local/bin/app\"]\n")
    assert result.changed, result.skipped
    assert "truncate -s 0 /var/log/*log" in result.text.split(" AS runner\n")[1]


def test_gpg2_receiving_keys_is_read_as_gpg_is() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential gnupg2\n"
            "RUN gpg2 --keyserver hkps://keys.openpgp.org --recv-keys 0xABCDEF && make -C /src install\n"
            "CMD [\"/usr/local/bin/app\"]\n")
    assert refactor(text).changed


@pytest.mark.parametrize(("run", "why"), [
    ("apt-get install -y curl && \\\n    RUN git clone https://example.com/x.git",
     "`RUN` is a Dockerfile instruction, not a command"),
    ("/usr/sbin/enable_insecure_key", "runs /usr/sbin/enable_insecure_key, a program of the image or of the build"),
    ("./autogen", "`./autogen` runs a script whose effect on the image"),
    ("script/docker/setup", "`script/docker/setup` runs a script whose effect on the image"),
])
def test_the_cause_is_named(run: str, why: str) -> None:
    text = f"FROM python:3.11\nRUN pip install flask\nRUN {run}\nCMD [\"python\", \"app.py\"]\n"
    reason = skip_reason(text)
    assert why in reason and "not understood" not in reason


def test_gitbook_copies_the_book_and_the_gitbook_it_installed() -> None:
    text = ("FROM node:18\nRUN npm install -g gitbook-cli\nWORKDIR /book\nCOPY . .\nRUN gitbook init\n"
            "CMD [\"gitbook\", \"serve\"]\n")
    runtime = runner_stage(text)
    assert "COPY --from=builder /book /book" in runtime
    assert "COPY --from=builder /root/.gitbook /root/.gitbook" in runtime
    assert "gitbook init" not in runtime


def test_cross_env_runs_the_command_after_its_settings() -> None:
    text = ("FROM node:18\nWORKDIR /app\nCOPY package.json .\nRUN cross-env NODE_ENV=production npm install\n"
            "COPY . .\nCMD [\"node\", \"server.js\"]\n")
    assert "COPY --from=builder /app/node_modules /app/node_modules" in runner_stage(text)


@pytest.mark.parametrize(("run", "why"), [
    ("checkinstall", "`checkinstall` runs `make install` and installs what it installed as a Debian package"),
    ("android update sdk --no-ui -a --filter platform-tools", "`android` is the Android SDK manager"),
    ("node cdn.js $SECRET", "`node cdn.js $SECRET` runs a script of the project at build time"),
    ("php ./check_deps.php", "`php ./check_deps.php` runs a script of the project at build time"),
    ("initialize_shop_db production.ini", "sets up the app's database (a Pyramid app's script): it changes a "
                                          "database at build time"),
])
def test_tools_the_tool_does_not_model_name_what_they_do(run: str, why: str) -> None:
    text = f"FROM python:3.11\nRUN pip install flask\nRUN {run}\nCMD [\"python\", \"app.py\"]\n"
    reason = skip_reason(text)
    assert why in reason and "not understood" not in reason


def test_find_running_a_shell_of_readers_and_strip_changes_nothing_of_its_own() -> None:
    text = ("FROM python:3.11\nRUN apt-get update && apt-get install -y gcc libpq-dev file\n"
            "RUN pip install psycopg2 && find /usr/local/lib -name '*.so' -exec sh -c "
            "'file \"{}\" | grep -q \"not stripped\" && strip -s \"{}\"' \\;\nCMD [\"python\", \"app.py\"]\n")
    assert refactor(text).changed


def test_a_link_the_run_makes_and_removes_is_neither_made_nor_removed_by_the_runtime() -> None:
    text = ("FROM python:3.11\nRUN apt-get update && apt-get install -y gcc libpq-dev\n"
            "RUN ln -s locale.h /usr/include/xlocale.h && pip install psycopg2 && rm /usr/include/xlocale.h\n"
            "CMD [\"python\", \"app.py\"]\n")
    runtime = runner_stage(text)
    assert "xlocale" not in runtime


def test_2to3_rewriting_the_apps_files_is_part_of_the_build() -> None:
    text = ("FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nRUN 2to3 -w *.py\n"
            "CMD [\"python\", \"app.py\"]\n")
    builder, runtime = stages(text)
    assert "RUN 2to3 -w *.py" in builder and "2to3" not in runtime
    assert "COPY --from=builder /app /app" in runtime


def test_svn_checkout_fetches_sources_as_git_clone_does() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y subversion build-essential\n"
            "RUN svn co https://svn.example.com/tags/1.0 /opt/src && make -C /opt/src\n"
            "CMD [\"/opt/src/app\"]\n")
    runtime = runner_stage(text)
    assert "COPY --from=builder /opt/src /opt/src" in runtime and "svn" not in runtime


def test_an_archive_tar_makes_is_a_build_output() -> None:
    text = ("FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n"
            "RUN tar -czf /dist/app.tar.gz -C /out app\nCMD [\"/out/app\"]\n")
    result = refactor(text)
    assert result.changed, result.skipped
    assert "COPY --from=builder /dist/app.tar.gz /dist/app.tar.gz" in result.text.split(" AS runner\n")[1]


def test_a_generator_run_among_the_systems_files_names_the_cause() -> None:
    text = ("FROM node:18\nRUN npm install -g youtransfer\nWORKDIR /usr/share\nRUN youtransfer init\n"
            "CMD [\"npm\", \"start\"]\n")
    assert "here /usr/share, among the files of the system's packages" in skip_reason(text)


@pytest.mark.parametrize(("run", "why"), [
    # named like coreutils' install, but a script of the app: its effect is not install's
    ("/app/setup/install", "runs /app/setup/install, a program of the image or of the build"),
    ("curl -o b.zip https://example.com/bundle.zip && unzip b.zip && ./bundle/install -i /usr/local/aws",
     "`./bundle/install -i /usr/local/aws` runs a script whose effect on the image"),
    ("/bin/bash -c 'cp app/local_settings{_development,}.py'", "names its files with a brace expression"),
])
def test_a_program_of_the_app_is_not_taken_for_a_system_command(run: str, why: str) -> None:
    text = f"FROM python:3.11\nRUN pip install flask\nRUN {run}\nCMD [\"python\", \"app.py\"]\n"
    reason = skip_reason(text)
    assert why in reason and "not understood" not in reason


def test_a_version_query_of_the_apps_own_program_changes_nothing() -> None:
    text = ("FROM golang:1.19\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app . && /out/app --version\n"
            "CMD [\"/out/app\"]\n")
    assert refactor(text).changed


def test_sudo_runs_the_command_after_its_settings() -> None:
    text = ("FROM debian:bookworm\nRUN apt-get update && apt-get install -y build-essential sudo\n"
            "RUN make -C /src install\nRUN echo 'app ALL=(ALL) NOPASSWD: ALL' | sudo EDITOR='tee -a' visudo\n"
            "CMD [\"/usr/local/bin/app\"]\n")
    assert "visudo" in stages(text)[1]
